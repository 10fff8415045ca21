// Company names as people type them ("acme robotics", "ACME  Robotics", "Acme Robotics GmbH") against
// the spellings stored on jobs. Matching is done here in JS rather than SQL so that PGlite and Postgres
// (whose regex classes and collations differ) give the same answer.

/** Legal-form words dropped from the end of a name before comparing. */
const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'ltd',
  'limited',
  'plc',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'se',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'aps',
  'kg',
  'pty',
  'ug',
]);

/** Lowercase word tokens, with a trailing legal form ("Inc.", "GmbH & Co. KG") removed. */
export function companyTokens(name: string): string[] {
  const words = name
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words;
}

/**
 * The comparison key of a company name: case, spacing, punctuation and a trailing legal form do not
 * count, so "Acme Robotics", "acme-robotics" and "ACME Robotics, Inc." share the key "acmerobotics".
 */
export function companyKey(name: string): string {
  return companyTokens(name).join('');
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** How alike two names are, 0..1: containment, edit distance on the keys, or shared words. */
export function companySimilarity(query: string, candidate: string): number {
  const qKey = companyKey(query);
  const cKey = companyKey(candidate);
  if (qKey === '' || cKey === '') return 0;
  if (qKey === cKey) return 1;
  const shorter = Math.min(qKey.length, cKey.length);
  const contained = shorter >= 3 && (cKey.includes(qKey) || qKey.includes(cKey)) ? 0.8 : 0;
  const edit = 1 - levenshtein(qKey, cKey) / Math.max(qKey.length, cKey.length);
  const qWords = new Set(companyTokens(query));
  const cWords = new Set(companyTokens(candidate));
  const shared = [...qWords].filter((w) => cWords.has(w)).length;
  const overlap = shared / new Set([...qWords, ...cWords]).size;
  return Math.max(contained, edit, overlap);
}

/** Stored names close to what was asked for, best first (for "did you mean ...?"). */
export function closeCompanyNames(query: string, names: readonly string[], limit = 5): string[] {
  const byKey = new Map<string, { name: string; score: number }>();
  for (const name of names) {
    const score = companySimilarity(query, name);
    if (score < 0.5) continue;
    const key = companyKey(name);
    const seen = byKey.get(key);
    if (!seen || score > seen.score) byKey.set(key, { name, score });
  }
  return [...byKey.values()]
    .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit)
    .map((c) => c.name);
}
