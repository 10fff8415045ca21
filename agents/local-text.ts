/**
 * Text helpers of the local model: normalising an utterance and correcting typos of the words
 * the intent rules look for. Only those keywords are ever corrected, and only when one candidate
 * is clearly closest, so names of companies, cities and roles pass through as typed.
 */

/** Optimal string alignment distance: Levenshtein plus swaps of adjacent letters ("remtoe"). */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, beforePrev[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    beforePrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** The words the intent rules and argument readers look for (all inflections they use). */
export const KEYWORDS: readonly string[] = `
  add source sources board boards track follow monitor watch subscribe greenhouse lever ashby workable
  smartrecruiters recruitee personio crawl crawling crawled recrawl scrape scraping refresh sync fetch
  status progress finished careers career sitemap match matches matching matched job jobs role roles
  position positions opening openings vacancies vacancy search find show list best top remote hybrid
  onsite office salary salaries paying senior junior staff principal lead intern internship manager
  director level explain explanation breakdown score scored scores reasons description details first
  second third fourth fifth last resume resumes review tailor tailored customize customise adapt cover
  letter motivation ats upload check research company profile stack hiring market stats statistics
  demand percentiles percentile earn median average skills digest summary daily timezone preferences
  settings minimum sponsorship visa exclude threshold update change set apply application applications
  applied interview interviewing offer rejected withdrawn withdraw withdrew prepare help please what which
  weather poem joke recipe write draft`
  .trim()
  .split(/\s+/);

/** Ordinary words that must never be "corrected" into a keyword (never → lever, later → letter). */
const ORDINARY = new Set(
  `a about above after again against all also am an and any are as at be been before being below
  between both but by can could did do does doing down during each even ever every few for from
  further get give go going got had has have having he her here hers him his how i if in into is it
  its just know let like look make me mine more most my need never new next no nor not now of off
  old on once one only or other our out over own per really same see she should so some such take
  tell than that the their them then there these they this those through to too two under until up
  us very want was we well were what when where which while who whom why will with would yes yet
  you your part parts party wait made mate late later latter fast past post posted host match
  batch watch catch coder cover lover ever fever lever never sever store stare start stats state
  sheet short shore shot spot stop step steps rate rates hire hired fire tire wire list lost last
  least best test rest post most cost role rule rules sole hole whole mole pole ones once tone done
  gone none zone home some same came name game fame time times team term terms cheer check chick
  dear deal real read ready road load lead head heat hear near year years sure pure cure sort sorts
  port ports form from fort forth fourth north worth word work works world words stuff apple
  slack scale reach react spark stark`.split(/\s+/),
);

const CORRECTABLE = /^[a-z]{4,}$/;

/** True when one word is the other with a letter doubled ("leter" / "letter"). */
function doubling(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1) return false;
  for (let i = 1; i < long.length; i++) {
    if (long[i] === long[i - 1] && long.slice(0, i) + long.slice(i + 1) === short) return true;
  }
  return false;
}

/** The keyword a token was most likely meant to be, or the token itself. */
export function correctToken(token: string, vocabulary: readonly string[] = KEYWORDS): string {
  if (!CORRECTABLE.test(token) || ORDINARY.has(token) || vocabulary.includes(token)) return token;
  const limit = token.length >= 7 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = limit + 1;
  let tie = false;
  for (const word of vocabulary) {
    if (word.length < 4) continue;
    const d = editDistance(token, word, limit);
    if (d < bestDistance) {
      best = word;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && best !== null && best.slice(0, 4) !== word.slice(0, 4)) {
      // A doubled or undoubled letter is the likelier slip: "leter" → letter, not lever.
      if (doubling(token, word) && !doubling(token, best)) {
        best = word;
        tie = false;
      } else if (!doubling(token, best)) tie = true;
    }
  }
  // Two-edit fixes must keep both ends: "machtes" → matches, but not "machine" → matching.
  const sameEnds = best !== null && best.slice(0, 2) === token.slice(0, 2) && best.at(-1) === token.at(-1);
  if (best && !tie && (bestDistance === 1 || sameEnds)) return best;
  return token;
}

/** Invisible and direction-changing characters that can hide text from a reader. */
const INVISIBLE =
  /\u034f|[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;

/** NFKC, invisible characters removed, curly quotes and dashes made plain, spaces collapsed. */
export function plainText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The text with keyword typos corrected and everything else as typed: URLs, specs
 * (greenhouse:acme), ids, numbers and capitalised names are never touched.
 */
export function fixKeywordTypos(text: string): string {
  return plainText(text)
    .split(' ')
    .map((word, index) => {
      if (/[:/@]|\d/.test(word) || /\.\w/.test(word)) return word;
      const match = /^([^a-z]*)([a-z]+)([^a-z]*)$/i.exec(word);
      if (!match) return word;
      // A capitalised word inside a sentence is a name ("research Apple"): never corrected.
      if (index > 0 && /^[A-Z][a-z]/.test(match[2]!)) return word;
      const fixed = correctToken(match[2]!.toLowerCase());
      return fixed === match[2]!.toLowerCase() ? word : `${match[1]}${fixed}${match[3]}`;
    })
    .join(' ');
}

/** Lower case with keyword typos corrected, word order kept, so rules can read phrases. */
export const normalizeUtterance = (text: string): string => fixKeywordTypos(text).toLowerCase();

/** Removes wrapper tags, Markdown images and links, HTML tags and control characters from a value. */
export function displayText(value: string, max = 200): string {
  const text = plainText(
    value
      .replace(/(<|&lt;)\/?untrusted-data[^>]*>/gi, ' ')
      .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]{0,200}>/g, ' ')
      .replace(/(^|\s)#{1,6}\s/g, '$1')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/[*`>]/g, ' ')
      .replace(/\|/g, '/'),
  ).replace(/\s+([.,;:!?])(?=\s|$)/g, '$1');
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
