// A character trie over every normalised skill spelling. Scanning walks it from each word start,
// so the cost grows with the text, not with the size of the taxonomy.

const SPACE = 32;

interface TrieNode {
  next: Map<number, TrieNode>;
  /** Index into the extractor's form table when a spelling ends here. */
  form: number;
}

export interface SkillTrie {
  root: TrieNode;
}

/** One matched spelling; `form` is the index the caller passed to `addKey`. */
export interface TrieMatch {
  start: number;
  end: number;
  form: number;
}

/** All spellings that start at one position, longest first. */
export interface TrieSlot {
  start: number;
  options: TrieMatch[];
}

export function createSkillTrie(): SkillTrie {
  return { root: { next: new Map(), form: -1 } };
}

/** `key` must already be normalised (lowercase, single spaces). */
export function addKey(trie: SkillTrie, key: string, form: number): void {
  let node = trie.root;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    let child = node.next.get(code);
    if (!child) {
      child = { next: new Map(), form: -1 };
      node.next.set(code, child);
    }
    node = child;
  }
  node.form = form;
}

export type WordCharTest = (code: number, text: string, index: number) => boolean;

/** A tester for letters and digits in any script, with a per-extractor cache for non-ASCII code units. */
export function createWordCharTest(): WordCharTest {
  const cache = new Map<number, boolean>();
  const letterOrDigit = /[\p{L}\p{N}\p{M}]/u;
  return (code, text, index) => {
    if (code < 128) {
      return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    }
    let known = cache.get(code);
    if (known === undefined) {
      known = letterOrDigit.test(text[index] ?? '');
      cache.set(code, known);
    }
    return known;
  };
}

function isSeparator(code: number): boolean {
  return (
    code === 32 ||
    code === 9 ||
    code === 10 ||
    code === 13 ||
    code === 160 ||
    code === 45 ||
    code === 0x2010 ||
    code === 0x2011 ||
    code === 0x2013
  );
}

/**
 * Length of the separator run at `from` that may stand for one space in a spelling: spaces and
 * tabs with at most one line break or one hyphen. A bullet ("\n- ") or a blank line ends a phrase.
 */
function separatorEnd(text: string, from: number): number {
  let newlines = 0;
  let hyphens = 0;
  let i = from;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isSeparator(code)) break;
    if (code === 10) newlines++;
    else if (code !== 32 && code !== 9 && code !== 13 && code !== 160) hyphens++;
    if (newlines + hyphens > 1) return -1;
  }
  return i;
}

function matchesAt(
  trie: SkillTrie,
  lower: string,
  text: string,
  start: number,
  isWordChar: WordCharTest,
): TrieMatch[] {
  const found: TrieMatch[] = [];
  let node: TrieNode = trie.root;
  let j = start;
  while (j < lower.length) {
    const code = lower.charCodeAt(j);
    let child: TrieNode | undefined;
    if (isSeparator(code)) {
      child = node.next.get(SPACE);
      if (!child) break;
      const end = separatorEnd(lower, j);
      if (end < 0 || end >= lower.length) break;
      j = end;
    } else {
      child = node.next.get(code);
      if (!child) break;
      j++;
    }
    node = child;
    if (node.form >= 0) {
      // A spelling ending in a letter or digit must end a word: "scala" is not in "scalable".
      const lastIsWord = isWordChar(lower.charCodeAt(j - 1), lower, j - 1);
      const nextIsWord = j < text.length && isWordChar(text.charCodeAt(j), text, j);
      if (!(lastIsWord && nextIsWord)) found.push({ start, end: j, form: node.form });
    }
  }
  return found.reverse();
}

/**
 * Leftmost-longest scan: at each word start take every spelling that fits, then jump past the
 * longest so mentions never overlap ("React Native" hides the "React" inside it).
 */
export function scanTrie(trie: SkillTrie, text: string, lower: string, isWordChar: WordCharTest): TrieSlot[] {
  const slots: TrieSlot[] = [];
  const root = trie.root;
  let previousIsWord = false;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const isWord = isWordChar(code, text, i);
    if (!previousIsWord && root.next.has(lower.charCodeAt(i))) {
      const options = matchesAt(trie, lower, text, i, isWordChar);
      const longest = options[0];
      if (longest) {
        slots.push({ start: i, options });
        i = longest.end;
        previousIsWord = isWordChar(text.charCodeAt(i - 1), text, i - 1);
        continue;
      }
    }
    previousIsWord = isWord;
    i++;
  }
  return slots;
}

/** Lowercases without changing length, so offsets into the result are offsets into the original. */
export function lowercasePreservingOffsets(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const low = ch.toLowerCase();
    out += low.length === ch.length ? low : ch;
  }
  return out;
}
