/**
 * Argument readers of the local model: each reads one kind of value (a source spec, a salary,
 * a place, a time zone, a job reference...) out of a user's clause. They read the clause as the
 * user typed it (`raw`) or normalised with typos fixed (`norm`), whichever keeps the value intact.
 */
import { lookupCity } from '../tools/jobs/gazetteer.ts';
import { countryCode } from '../tools/jobs/location.ts';
import { parseSalaryText } from '../tools/jobs/salary.ts';
import { type Seniority, seniorityLevels } from '../tools/jobs/types.ts';
import { NUMBER_WORDS as CLAIM_NUMBER_WORDS } from '../tools/review/claims.ts';
import { ATS_PROVIDERS } from '../tools/sources/ats/types.ts';

export const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;

const PROVIDERS = ATS_PROVIDERS.join('|');
const SLUG = '[A-Za-z0-9][A-Za-z0-9._-]*';
const NOT_SLUG = new Set([
  'board',
  'site',
  'page',
  'the',
  'for',
  'of',
  'and',
  'then',
  'it',
  'a',
  'to',
  'jobs',
]);

/** A source spec as add_source takes it: "greenhouse:acme", "acme on lever", a URL or a domain. */
export function readSourceSpec(raw: string): string | null {
  const url = /\bhttps?:\/\/[^\s"'<>)]+/i.exec(raw);
  if (url) return url[0].replace(/[.,;!?]+$/, '');
  const colon = new RegExp(`\\b(${PROVIDERS})\\s*:\\s*(${SLUG})`, 'i').exec(raw);
  if (colon) return spec(colon[1]!, colon[2]!);
  // "the lever board of netflix", "greenhouse board for acme"
  const boardOf = new RegExp(
    `\\b(${PROVIDERS})\\s+(?:board|site|page|account|org)\\s+(?:of|for|called|named)\\s+(${SLUG})`,
    'i',
  ).exec(raw);
  if (boardOf) return spec(boardOf[1]!, boardOf[2]!);
  // "acme on greenhouse", "acme's greenhouse board"
  const onProvider = new RegExp(`\\b(${SLUG}?)(?:'s)?\\s+(?:on|at|from|via)?\\s*(${PROVIDERS})\\b`, 'i').exec(
    raw,
  );
  if (
    onProvider &&
    !NOT_SLUG.has(onProvider[1]!.toLowerCase()) &&
    /\b(on|at|from|via)\s/i.test(onProvider[0])
  )
    return spec(onProvider[2]!, onProvider[1]!);
  // "greenhouse acme"
  const spaced = new RegExp(`\\b(${PROVIDERS})\\s+(${SLUG})`, 'i').exec(raw);
  if (spaced && !NOT_SLUG.has(spaced[2]!.toLowerCase())) return spec(spaced[1]!, spaced[2]!);
  const possessive = new RegExp(`\\b(${SLUG})'s\\s+(${PROVIDERS})\\b`, 'i').exec(raw);
  if (possessive) return spec(possessive[2]!, possessive[1]!);
  // a bare domain with a path or a careers-like host: "jobs.acme.com", "acme.com/careers"
  const domain = /\b((?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/[^\s"'<>)]*)?)/i.exec(raw);
  if (domain && /\.[a-z]{2,}/i.test(domain[1]!) && !/^\d/.test(domain[1]!))
    return `https://${domain[1]!.replace(/[.,;!?]+$/, '')}`;
  return null;
}

const spec = (provider: string, board: string) =>
  `${provider.toLowerCase()}:${board.replace(/[.,;!?]+$/, '')}`;

export type RemoteMode = 'remote' | 'hybrid' | 'onsite';

/** remote / hybrid / onsite when the clause asks for one. */
export function readRemote(norm: string): RemoteMode | null {
  if (/\bhybrid\b/.test(norm)) return 'hybrid';
  if (/\b(on-?site|in[- ](the )?office|in person|office[- ]based|onsite)\b/.test(norm)) return 'onsite';
  if (/\b(remote(ly)?|wfh|work(ing)? from home|home ?office|distributed|anywhere)\b/.test(norm))
    return 'remote';
  return null;
}

const SENIORITY_WORDS: Array<[RegExp, Seniority]> = [
  [/\b(interns?|internships?)\b/, 'intern'],
  [/\b(junior|jr|entry[- ]level|graduate|grad)\b/, 'junior'],
  [/\b(mid[- ]?level|mid|intermediate)\b/, 'mid'],
  [/\b(senior|sr)\b/, 'senior'],
  [/\bstaff\b/, 'staff'],
  [/\bprincipal\b/, 'principal'],
  [/\b(lead|tech lead|team lead)\b/, 'lead'],
  [/\bmanagers?\b/, 'manager'],
  [/\b(directors?|head of)\b/, 'director'],
  [/\b(vp|executive|c-level|cto|cfo|ceo)\b/, 'executive'],
];

/** Seniority levels the clause names ("senior or staff"). */
export function readSeniority(norm: string): Seniority[] {
  const found = SENIORITY_WORDS.filter(([pattern]) => pattern.test(norm)).map(([, level]) => level);
  return seniorityLevels.filter((level) => found.includes(level));
}

/** "ten matches", "top five", "one job". */
const NUMBER_WORDS: Readonly<Record<string, number>> = { one: 1, ...CLAIM_NUMBER_WORDS };

/** How many results the clause asks for: "top 5", "3 best", "ten matches". */
export function readLimit(norm: string): number | null {
  const num = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;
  const m =
    new RegExp(
      `\\b(?:top|best|first|show( me)?|give me|list|limit( to)?)\\s+${num}\\b(?!\\s*(?:k|%|usd|eur|gbp|\\$|€|£|am|pm|h\\b|hours?|o'?clock|:))`,
    ).exec(norm) ??
    new RegExp(
      `\\b${num}\\s+(?:(?:best|top|new|good|great|remote|hybrid|onsite|more|senior|junior|open)\\s+){0,3}(?:matches|jobs|roles|results|positions|openings|ones)\\b`,
    ).exec(norm);
  if (!m) return null;
  const word = m[m.length - 1]!;
  const n = NUMBER_WORDS[word] ?? Number(word);
  return Number.isInteger(n) && n >= 1 && n <= 50 ? n : null;
}

const CURRENCY_WORDS: Array<[RegExp, string]> = [
  [/\b(euros?|eur)\b/gi, 'EUR'],
  [/\b(dollars?|usd|bucks)\b/gi, 'USD'],
  [/\b(pounds?|gbp|quid)\b/gi, 'GBP'],
  [/\b(chf|swiss francs?)\b/gi, 'CHF'],
  [/\b(cad)\b/gi, 'CAD'],
  [/\b(sek)\b/gi, 'SEK'],
  [/\b(pln)\b/gi, 'PLN'],
  [/\b(inr|rupees?)\b/gi, 'INR'],
];

export interface SalaryFloor {
  amount: number;
  currency: string;
  period: 'year' | 'month' | 'week' | 'day' | 'hour';
}

/** A salary floor ("over 100k", "at least €80,000 a year", "50 eur per hour"). */
export function readSalary(raw: string, defaultCurrency = 'USD'): SalaryFloor | null {
  let text = raw;
  for (const [pattern, code] of CURRENCY_WORDS) text = text.replace(pattern, code);
  // Drop counts, ordinals, times and ids so "top 5" or "#2" never read as pay.
  text = text
    .replace(UUID, ' ')
    .replace(/\b(top|best|first|last|number|no\.?|#)\s*\d+\b/gi, ' ')
    .replace(/\b\d{1,2}(:\d{2})?\s*(am|pm|o'?clock|h\b)/gi, ' ')
    .replace(/\b\d{1,2}:\d{2}\b/g, ' ')
    .replace(/\b\d+\s+(matches|jobs|roles|results|ones|years?|days?|weeks?|months?)\b/gi, ' ');
  const parsed = parseSalaryText(text, { defaultCurrency });
  if (!parsed) return null;
  const amount = parsed.min ?? parsed.max;
  if (amount === null) return null;
  const hasMoneySign = /[$€£¥₹]|\b[A-Z]{3}\b|\d\s?k\b/i.test(parsed.text);
  const saysPay = /\b(salary|pay|paying|pays|earn|earning|compensation|income|comp|wage|rate)\b/i.test(raw);
  if (!hasMoneySign && !saysPay && amount < 1000) return null;
  return { amount, currency: parsed.currency ?? defaultCurrency, period: parsed.period };
}

const PLACE_STOP = new Set([
  'remote',
  'hybrid',
  'onsite',
  'office',
  'home',
  'us',
  'it',
  'me',
  'in',
  'at',
  'on',
  'to',
  'my',
  'the',
  'lead',
  'staff',
  'senior',
  'mobile',
  'reading',
  'nice',
  'split',
  'bath',
  'data',
  'sales',
  'ai',
  'jobs',
]);

/** A city, region or country the clause names; the gazetteer's spelling for cities. */
export function readPlace(raw: string): string | null {
  const words = raw
    .replace(/[^\p{L}\p{N}\s'.-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    for (const size of [3, 2, 1]) {
      const phrase = words
        .slice(i, i + size)
        .join(' ')
        .replace(/[.'-]+$/, '');
      if (size === 1 && PLACE_STOP.has(phrase.toLowerCase()) && phrase !== 'US') continue;
      const city = lookupCity(phrase);
      if (city && (phrase.length > 3 || phrase === phrase.toUpperCase())) return city.name;
      const code = countryCode(phrase);
      if (code && (phrase.length > 3 || (phrase === phrase.toUpperCase() && phrase.length >= 2))) {
        return phrase.length > 3 ? titleCase(phrase) : phrase;
      }
    }
  }
  // An unknown place written with a capital after "in": "jobs in Porto".
  const capital = /\b(?:in|near|around|based in)\s+([A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)?)/u.exec(raw);
  if (capital && !PLACE_STOP.has(capital[1]!.toLowerCase())) return capital[1]!;
  return null;
}

/** Every place the clause names, in order ("Berlin or Munich"). */
export function readPlaces(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(/\s*(?:,|\bor\b|\band\b|\/|&)\s*/i)) {
    const place = readPlace(part);
    if (place && !out.includes(place)) out.push(place);
  }
  return out;
}

export const titleCase = (s: string) => s.replace(/\b\p{L}/gu, (c) => c.toUpperCase());

const ORDINALS: Array<[RegExp, number]> = [
  [/\b(first|1st|top|best|number one|no\.? ?1|#\s?1)\b/, 0],
  [/\b(second|2nd|number two|no\.? ?2|#\s?2)\b/, 1],
  [/\b(third|3rd|number three|no\.? ?3|#\s?3)\b/, 2],
  [/\b(fourth|4th|number four|no\.? ?4|#\s?4)\b/, 3],
  [/\b(fifth|5th|number five|no\.? ?5|#\s?5)\b/, 4],
  [/\b(sixth|6th|#\s?6)\b/, 5],
  [/\b(seventh|7th|#\s?7)\b/, 6],
  [/\b(eighth|8th|#\s?8)\b/, 7],
  [/\b(ninth|9th|#\s?9)\b/, 8],
  [/\b(tenth|10th|#\s?10)\b/, 9],
];

/** Which item of a list the clause points at: 0-based, -1 for "the last one", null for none. */
export function readOrdinal(norm: string): number | null {
  const numbered = /(?:#|\bnumber\s+|\bno\.?\s*|\b(?:job|match|option|item|result)\s+#?)(\d{1,2})\b/.exec(
    norm,
  );
  if (numbered) return Number(numbered[1]) - 1;
  if (/\blast (one|job|match)\b|\bthe last\b/.test(norm)) return -1;
  for (const [pattern, index] of ORDINALS) if (pattern.test(norm)) return index;
  return null;
}

/** "this job", "that one", "it": a pointer at the job the conversation is about. */
export function readsPointer(norm: string): boolean {
  return /\b(this|that|the) (one|job|role|position|posting|match|opening)\b|\b(it|this|that)\b/.test(norm);
}

/** Singular of a role's last word: "data engineers" → "data engineer". */
export function singularRole(role: string): string {
  return role.replace(/\b(\w+?)(ies|s)\b$/i, (_w, stem: string, end: string) =>
    end.toLowerCase() === 'ies' ? `${stem}y` : /(ss|us|is)$/i.test(`${stem}${end}`) ? `${stem}${end}` : stem,
  );
}
