const WORD_CHAR = /[\p{L}\p{N}]/u;

/** True when `needle` occurs in `haystack` as whole words (both already lowercased or folded). */
export function containsWord(haystack: string, needle: string): boolean {
  if (needle === '') return false;
  let at = haystack.indexOf(needle);
  while (at >= 0) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    if (
      (before === undefined || !WORD_CHAR.test(before)) &&
      (after === undefined || !WORD_CHAR.test(after))
    ) {
      return true;
    }
    at = haystack.indexOf(needle, at + 1);
  }
  return false;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
