import { convert, toAnnual } from './currency.ts';
import { CURRENCY_PATTERN, type CurrencyContext, currencyFromToken } from './currency-symbols.ts';
import { findPeriods, periodFromMagnitude } from './salary-period.ts';
import type { RawSalary, SalaryPeriod } from './types.ts';

export interface ParsedSalary {
  min: number | null;
  max: number | null;
  /** ISO 4217; null when the text's sign cannot be settled ("kr" with no hint of the country). */
  currency: string | null;
  period: SalaryPeriod;
  /** The salary as written in the source (for structured salaries, a short rendering of it). */
  text: string;
}

export interface SalaryParseOptions {
  /** ISO 3166-1 alpha-2 of the job's country; settles "$" and "kr". */
  country?: string | null;
  /** A currency known from elsewhere (a structured field): lets "120k-150k" count as a salary. */
  defaultCurrency?: string | null;
}

/** Case-insensitive regex source for a word without the `i` flag (currency codes must stay upper-case). */
function ci(word: string): string {
  return word.replace(/\p{L}/gu, (ch) => `[${ch.toLowerCase()}${ch.toUpperCase()}]`);
}

// Indian lakh grouping (15,00,000) first, then thousands groups, then plain numbers with decimals.
const NUM = `(?<![\\d.,])(?:\\d{1,3}(?:,\\d{2})+,\\d{3}|\\d{1,3}(?:[.,'’\\u00a0\\u202f\\u2009 ]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)(?!\\d)`;
const MULT = `(?:${ci('k')}|${ci('lpa')}|${ci('lakhs')}|${ci('lakh')}|${ci('lacs')}|L|${ci('crores')}|${ci('crore')}|${ci('cr')})(?![a-zA-Z])`;
const LEAD = [
  'up to',
  'upto',
  'bis zu',
  'maximum',
  'max.',
  'max',
  'from',
  'starting at',
  'starting from',
  'ab',
  'minimum',
  'min.',
  'min',
  'at least',
];
const SEP = `(?:-|–|—|~|${['to', 'bis', 'and', 'à', 'a', 'til'].map(ci).join('|')})`;
const CUR = CURRENCY_PATTERN;

const SALARY_PATTERN = new RegExp(
  `(?:(?<!\\p{L})(?<lead>${LEAD.map(ci).join('|')})\\s+)?` +
    `(?<cur1>${CUR})?\\s?(?<n1>${NUM})(?:\\s?(?<m1>${MULT}))?(?:\\s?(?<cur2>${CUR}))?` +
    `(?:\\s*${SEP}\\s*(?<cur3>${CUR})?\\s?(?<n2>${NUM})(?:\\s?(?<m2>${MULT}))?(?:\\s?(?<cur4>${CUR}))?)?`,
  'dgu',
);

// Amounts that are not pay: funding rounds, revenue, perks with a price. "$150k plus bonus" is still pay.
const NOT_PAY_BEFORE =
  /(?<!\p{L})(?:raised|raising|funding|funded|valuation|revenue|arr|budget|stipend|allowance|bonus of|signing bonus|series [a-f]|invested|investment|grant|reimburse\w*)\W+(?:\p{L}+\W+){0,3}$/iu;
const NOT_PAY_AFTER =
  /^\s*(?:per (?:year|month|person|employee)\s*)?(?:(?!(?:plus|and|with)\s)[\p{L}-]+\s+){0,2}?(?:budget|stipend|allowance|signing bonus|bonus|relocation|reimbursement|credits?|in funding|funding|round|arr|revenue|valuation|grant|gift card|voucher)(?!\p{L})/iu;
const LARGE_UNIT_AFTER = /^\s?(?:[mMbB](?:n|illion)?|[mM]io|[mM]rd|%)(?!\p{L})/u;

const MULTIPLIERS: Array<[RegExp, number]> = [
  [/^k$/i, 1_000],
  [/^(?:lpa|lakhs?|lacs|l)$/i, 100_000],
  [/^(?:crores?|cr)$/i, 10_000_000],
];

/** A number as written with thousand separators or a decimal comma ("65.000", "1,5", "120'000"). */
export function parseAmount(written: string): number {
  const decimal = /[.,](\d{1,2})$/.exec(written);
  const whole = decimal ? written.slice(0, decimal.index) : written;
  return Number(whole.replace(/\D/g, '')) + (decimal ? Number(`0.${decimal[1]}`) : 0);
}

function multiplier(written: string | undefined): number {
  if (!written) return 1;
  return MULTIPLIERS.find(([pattern]) => pattern.test(written.trim()))?.[1] ?? 1;
}

interface Candidate {
  min: number | null;
  max: number | null;
  currencyToken: string | null;
  start: number;
  end: number;
  lpa: boolean;
}

function candidateFrom(match: RegExpExecArray, single: boolean): Candidate | null {
  const g = match.groups ?? {};
  const useSecond = !single && g.n2 !== undefined;
  const currencyToken = g.cur1 ?? g.cur2 ?? (useSecond ? (g.cur3 ?? g.cur4) : undefined) ?? null;
  let first = parseAmount(g.n1!) * multiplier(g.m1);
  let second = useSecond ? parseAmount(g.n2!) * multiplier(g.m2) : null;
  // "£55-65k": the multiplier written once applies to both ends.
  if (second !== null && g.m2 && !g.m1 && first < 1000) first *= multiplier(g.m2);
  if (second !== null && g.m1 && !g.m2 && second < 1000) second *= multiplier(g.m1);
  // "2019 - $120k": a sign only on the second number means the first is something else.
  if (second !== null && g.cur3 && !g.cur1 && !g.cur2) return null;
  const groupEnds = ['n1', 'm1', 'cur2'].map((name) => match.indices?.groups?.[name]?.[1] ?? 0);
  const end = single ? Math.max(...groupEnds) : match.index + match[0].length;
  const lead = g.lead?.toLowerCase() ?? '';
  const lpa = /lpa/i.test(`${g.m1 ?? ''}${useSecond ? (g.m2 ?? '') : ''}`);
  const base = { currencyToken, start: match.index, end, lpa };
  if (second !== null) {
    const [low, high] = first <= second ? [first, second] : [second, first];
    return { ...base, min: low, max: high };
  }
  if (/^(?:up|bis|max)/.test(lead)) return { ...base, min: null, max: first };
  if (lead) return { ...base, min: first, max: null };
  return { ...base, min: first, max: first };
}

function periodNear(text: string, start: number, end: number): { period: SalaryPeriod; end: number } | null {
  // Look a short way on either side, stopping at a sentence end so the next sentence's words don't count.
  const tail = text.slice(end, end + 40).split(/[;\n]|[.!?](?:\s|$)/)[0] ?? '';
  const after = findPeriods(tail).find((p) => p.index <= 25);
  if (after) return { period: after.period, end: end + after.end };
  const headStart = Math.max(0, start - 30);
  const head =
    text
      .slice(headStart, start)
      .split(/[;\n]|[.!?]\s/)
      .pop() ?? '';
  const before = findPeriods(head).pop();
  return before ? { period: before.period, end } : null;
}

function isPlausible(min: number | null, max: number | null, currency: string | null, period: SalaryPeriod) {
  const top = max ?? min ?? 0;
  const bottom = min ?? max ?? 0;
  if (bottom <= 0) return false;
  // A real range rarely spans more than 4x; "2019 - 2023" or "5 - 500" are something else.
  if (min !== null && max !== null && max > min * 4) return false;
  if (!currency) return true;
  const annualUsd = convert(toAnnual(top, period), currency, 'USD');
  return annualUsd === null || (annualUsd >= 2_000 && annualUsd <= 5_000_000);
}

function maskNonSalaries(text: string): string {
  // Same-length masks keep indexes valid for the `text` slice we return.
  return text.replace(/\b40[13]\s?\(?[kKbB]\)?/g, (m) => '#'.repeat(m.length));
}

function evaluateCandidate(
  candidate: Candidate | null,
  masked: string,
  original: string,
  options: SalaryParseOptions,
): ParsedSalary | null {
  if (!candidate) return null;
  if (!candidate.currencyToken && !options.defaultCurrency) return null;
  const after = masked.slice(candidate.end);
  if (LARGE_UNIT_AFTER.test(after) || NOT_PAY_AFTER.test(after.slice(0, 40))) return null;
  const before = masked
    .slice(Math.max(0, candidate.start - 50), candidate.start)
    .split(/[.!?;\n]\s/)
    .pop();
  if (NOT_PAY_BEFORE.test(before ?? '')) return null;
  const context: CurrencyContext = { country: options.country, text: original };
  const currency = currencyFromToken(candidate.currencyToken ?? options.defaultCurrency!, context);
  const near = candidate.lpa ? null : periodNear(masked, candidate.start, candidate.end);
  const top = candidate.max ?? candidate.min ?? 0;
  const period: SalaryPeriod = candidate.lpa
    ? 'year'
    : (near?.period ?? periodFromMagnitude((currency && convert(top, currency, 'USD')) || top));
  if (!isPlausible(candidate.min, candidate.max, currency, period)) return null;
  const written = original.slice(candidate.start, Math.max(candidate.end, near?.end ?? 0)).trim();
  return { min: candidate.min, max: candidate.max, currency, period, text: written };
}

/** Finds the first salary in free text ("$120k–$150k", "€65.000 - €80.000 brutto/Jahr"); null if none. */
export function parseSalaryText(text: string, options: SalaryParseOptions = {}): ParsedSalary | null {
  const masked = maskNonSalaries(text);
  const pattern = new RegExp(SALARY_PATTERN.source, SALARY_PATTERN.flags);
  for (let match = pattern.exec(masked); match !== null; match = pattern.exec(masked)) {
    // "$100k and 20 days off": when the range reading fails, the first amount alone may still be pay.
    const salary =
      evaluateCandidate(candidateFrom(match, false), masked, text, options) ??
      (match.groups?.n2 ? evaluateCandidate(candidateFrom(match, true), masked, text, options) : null);
    if (salary) return salary;
    // Retry just past this start: a rejected match may hide a real salary inside it.
    pattern.lastIndex = match.index + 1;
  }
  return null;
}

function validAmount(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function describe(
  min: number | null,
  max: number | null,
  currency: string | null,
  period: SalaryPeriod,
): string {
  const range = min !== null && max !== null && min !== max ? `${min}–${max}` : `${min ?? max}`;
  return `${currency ? `${currency} ` : ''}${range}/${period}`;
}

/**
 * A posting's salary: the structured fields when they hold an amount, else the salary text, else null.
 * Text only fills what the structure leaves out (a missing currency or period).
 */
export function normalizeSalary(
  raw: RawSalary | null | undefined,
  text?: string,
  options: SalaryParseOptions = {},
): ParsedSalary | null {
  let min = validAmount(raw?.min);
  let max = validAmount(raw?.max);
  const rawCurrency = raw?.currency?.trim() ? raw.currency : null;
  const fromText = text
    ? parseSalaryText(text, { ...options, defaultCurrency: options.defaultCurrency ?? rawCurrency })
    : null;
  if (min === null && max === null) return fromText;
  if (min !== null && max !== null && min > max) [min, max] = [max, min];
  const context: CurrencyContext = { country: options.country, text };
  const currency = rawCurrency ? currencyFromToken(rawCurrency, context) : (fromText?.currency ?? null);
  const top = max ?? min ?? 0;
  const period =
    raw?.period ??
    fromText?.period ??
    periodFromMagnitude((currency && convert(top, currency, 'USD')) || top);
  return { min, max, currency, period, text: text?.trim() || describe(min, max, currency, period) };
}
