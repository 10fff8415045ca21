import {
  HEAD_NOUNS,
  HEAD_SIMILARITY,
  LEADING_HEADS,
  LEVEL_WORDS,
  OF_WORDS,
  PHRASES,
  STOP_WORDS,
  WORD_EXPANSIONS,
  WORD_KINDS,
} from './score-title-words.ts';

/** A title read as a head noun ("engineer") with the words that say which kind ("backend"). */
export interface ParsedTitle {
  head: string | null;
  /** The modifier that decides the specialism: the word just before the head, or what "of" names. */
  primary: string | null;
  modifiers: string[];
  /** Every meaningful word, qualifiers in brackets or after a comma included. */
  words: string[];
}

// Text after the first bracket, comma, colon or spaced dash qualifies the title ("(Go)", ", Platform").
const QUALIFIER_START = /\s*(?:[([,:|]|\s[-–—/]\s)/;
const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const AMPERSAND = /&/g;
const WORD = /[a-z0-9.#+]+/g;
const HAS_ALNUM = /[a-z0-9]/;
const EDGE_DOTS = /^\.+|\.+$/g;

// Modifiers with nothing to compare, on one side only ("Engineer" vs "Backend Engineer").
const ONE_SIDED_MODIFIERS = 0.65;
// How much a matching head noun is worth before the modifiers agree: "Sales Engineer" shares the
// head with "Software Engineer" and nothing else, so it stays well short of a match.
const HEAD_BASE = 0.2;
const PRIMARY_SHARE = 0.7;
const OVERLAP_SHARE = 0.35;
// Leading the same kind of work ("Head of Mathematics" for a maths teacher) is related, not the same.
const STEP_UP = 0.4;

const PHRASES_BY_FIRST = new Map<string, Array<readonly [readonly string[], readonly string[]]>>();
for (const phrase of PHRASES) {
  const first = phrase[0][0]!;
  PHRASES_BY_FIRST.set(first, [...(PHRASES_BY_FIRST.get(first) ?? []), phrase]);
}

function matchesAt(words: readonly string[], at: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) if (words[at + k] !== phrase[k]) return false;
  return true;
}

function joinPhrases(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const phrase = PHRASES_BY_FIRST.get(words[i]!)?.find(([from]) => matchesAt(words, i, from));
    if (phrase) {
      out.push(...phrase[1]);
      i += phrase[0].length;
    } else out.push(words[i++]!);
  }
  return out;
}

/** Lowercased, accent-folded words with abbreviations spelled out ("Sr. Dev" → senior developer). */
export function titleWords(text: string): string[] {
  let folded = text.toLowerCase();
  if (NON_ASCII.test(folded)) folded = folded.normalize('NFKD').replace(COMBINING_MARKS, '');
  const words: string[] = [];
  for (const raw of folded.replace(AMPERSAND, ' and ').match(WORD) ?? []) {
    const word = raw === '.net' ? raw : raw.replace(EDGE_DOTS, '');
    if (!HAS_ALNUM.test(word)) continue;
    const expanded = WORD_EXPANSIONS.get(word);
    if (expanded) words.push(...expanded);
    else words.push(word);
  }
  return joinPhrases(words);
}

function withoutLevels(words: string[]): string[] {
  const last = words.length - 1;
  return words.filter(
    (w, i) => !STOP_WORDS.has(w) && (!LEVEL_WORDS.has(w) || (i === last && HEAD_NOUNS.has(w))),
  );
}

export function parseTitle(title: string): ParsedTitle {
  const cut = title.search(QUALIFIER_START);
  const mainText = cut > 0 ? title.slice(0, cut) : title;
  const main = withoutLevels(titleWords(mainText));
  const qualifiers = cut > 0 ? withoutLevels(titleWords(title.slice(cut))) : [];
  const ofAt = main.findIndex((w, i) => i > 0 && OF_WORDS.has(w));
  const core = ofAt > 0 ? main.slice(0, ofAt) : main;
  const about = ofAt > 0 ? main.slice(ofAt + 1).filter((w) => !OF_WORDS.has(w)) : [];
  let headAt = core.length - 1;
  while (headAt >= 0 && !HEAD_NOUNS.has(core[headAt]!)) headAt--;
  if (headAt < 0) headAt = core.length - 1;
  const head = core[headAt] ?? null;
  const modifiers = [...core.filter((_, i) => i !== headAt), ...about];
  const primary = headAt > 0 ? core[headAt - 1]! : (about[0] ?? core[headAt + 1] ?? null);
  const words = [...new Set([...main.filter((w) => !OF_WORDS.has(w)), ...qualifiers])];
  return { head, primary, modifiers, words };
}

function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ka = WORD_KINDS.get(a);
  const kb = WORD_KINDS.get(b);
  if (!ka || !kb) return 0;
  // Java and JavaScript are different jobs, however close the names.
  if (ka.stack && kb.stack) return 0;
  if (ka.generic || kb.generic) return ka.group === kb.group ? 0.7 : 0;
  if (ka.family === kb.family) return 0.7;
  return ka.group === kb.group ? 0.4 : 0;
}

function bestMatch(word: string | null, among: readonly string[]): number {
  if (word === null) return 0;
  let best = 0;
  for (const other of among) best = Math.max(best, wordSimilarity(word, other));
  return best;
}

function meanBest(from: readonly string[], to: readonly string[]): number {
  let sum = 0;
  for (const word of from) sum += bestMatch(word, to);
  return sum / from.length;
}

function modifierSimilarity(a: ParsedTitle, b: ParsedTitle): number {
  if (a.modifiers.length === 0 && b.modifiers.length === 0) return 1;
  if (a.modifiers.length === 0 || b.modifiers.length === 0) return ONE_SIDED_MODIFIERS;
  // Both titles' deciding words must find a match: "Product Marketing Manager" contains "product"
  // but is not a product manager.
  const primary = Math.min(bestMatch(a.primary, b.modifiers), bestMatch(b.primary, a.modifiers));
  const spread = (meanBest(a.modifiers, b.modifiers) + meanBest(b.modifiers, a.modifiers)) / 2;
  return PRIMARY_SHARE * primary + (1 - PRIMARY_SHARE) * spread;
}

function headSimilarity(a: string | null, b: string | null): number {
  if (a === null || b === null) return 0;
  if (a === b) return 1;
  return HEAD_SIMILARITY.get(`${a}|${b}`) ?? 0;
}

function isStepUp(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  return LEADING_HEADS.has(a) !== LEADING_HEADS.has(b);
}

function wordOverlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.includes(word)) shared++;
  return (2 * shared) / (a.length + b.length);
}

/** Role similarity of two parsed titles, 0..1. */
export function parsedTitleSimilarity(a: ParsedTitle, b: ParsedTitle): number {
  const head = headSimilarity(a.head, b.head);
  const core = head > 0 ? head * (HEAD_BASE + (1 - HEAD_BASE) * modifierSimilarity(a, b)) : 0;
  const stepUp = isStepUp(a.head, b.head) ? STEP_UP * modifierSimilarity(a, b) : 0;
  return Math.min(1, Math.max(core, stepUp, OVERLAP_SHARE * wordOverlap(a.words, b.words)));
}

/**
 * How alike two job titles are as roles, 0..1: the head noun ("engineer", "nurse") must agree and
 * the word that picks the specialism ("software" vs "sales") decides most of the rest. Levels
 * ("Senior", "II") are ignored; the seniority component judges them.
 */
export function titleSimilarity(a: string, b: string): number {
  if (typeof a !== 'string' || typeof b !== 'string') {
    throw new TypeError('titleSimilarity: both titles must be strings');
  }
  return parsedTitleSimilarity(parseTitle(a), parseTitle(b));
}

/** The broad field a title belongs to ("software", "marketing"), when its words say. */
export function titleField(title: ParsedTitle): string | null {
  for (const word of [title.primary, ...title.modifiers]) {
    const kind = word ? WORD_KINDS.get(word) : undefined;
    if (kind) return kind.group;
  }
  return null;
}

export interface RoleFit {
  value: number;
  note: string;
  /** The target named in explanations: the closest one, or the person's main one when none is close. */
  target: string | null;
  /** Broad fields of that target and of the job title, when their words say. */
  targetField: string | null;
  jobField: string | null;
}

/** No target roles and no resume titles: nothing to compare the job title with. */
export const NEUTRAL_TITLE = 0.5;
const WEIGHT_ROLE = 1;
const WEIGHT_CURRENT_TITLE = 0.9;
// Earlier titles are often the junior ones people grew out of ("Teaching Assistant" before "Teacher").
const WEIGHT_EARLIER_TITLE = 0.6;
const MAX_TITLES = 5;
const CLOSE = 0.75;
const RELATED = 0.4;

/** How well the job title fits the roles a person targets and the titles they have held. */
export function roleFit(roles: readonly string[], heldTitles: readonly string[], jobTitle: string): RoleFit {
  const job = parseTitle(jobTitle);
  const jobField = titleField(job);
  const targets = [
    ...roles.map((title) => ({ title, weight: WEIGHT_ROLE })),
    ...heldTitles
      .slice(0, MAX_TITLES)
      .map((title, i) => ({ title, weight: i === 0 ? WEIGHT_CURRENT_TITLE : WEIGHT_EARLIER_TITLE })),
  ];
  if (targets.length === 0) {
    const note = 'no target roles to compare';
    return { value: NEUTRAL_TITLE, note, target: null, targetField: null, jobField };
  }
  let best = -1;
  let bestTarget = targets[0]!.title;
  for (const target of targets) {
    const value = target.weight * parsedTitleSimilarity(parseTitle(target.title), job);
    if (value > best) [best, bestTarget] = [value, target.title];
  }
  const related = best >= RELATED;
  const target = related ? bestTarget : targets[0]!.title;
  const note =
    best >= CLOSE ? `close to ${target}` : related ? `related to ${target}` : 'far from your target roles';
  return { value: best, note, target, targetField: titleField(parseTitle(target)), jobField };
}
