import { RATES_TO_USD } from './currency.ts';

/** What a salary text wrote for its currency, and the context that settles ambiguous signs. */
export interface CurrencyContext {
  /** ISO 3166-1 alpha-2 of the job's country: "$" in Canada is CAD, "kr" in Norway is NOK. */
  country?: string | null;
  /** The surrounding text, read for language hints when "kr" has no country. */
  text?: string;
}

// Signs that name one currency regardless of context.
const SIGNS: Readonly<Record<string, string>> = {
  us$: 'USD',
  c$: 'CAD',
  ca$: 'CAD',
  a$: 'AUD',
  au$: 'AUD',
  nz$: 'NZD',
  s$: 'SGD',
  sg$: 'SGD',
  hk$: 'HKD',
  mx$: 'MXN',
  r$: 'BRL',
  'cn¥': 'CNY',
  rmb: 'CNY',
  元: 'CNY',
  円: 'JPY',
  '€': 'EUR',
  '£': 'GBP',
  '₹': 'INR',
  rs: 'INR',
  'rs.': 'INR',
  '₩': 'KRW',
  '₪': 'ILS',
  '₺': 'TRY',
  '₱': 'PHP',
  '₦': 'NGN',
  zł: 'PLN',
  kč: 'CZK',
};

const DOLLAR_BY_COUNTRY: Readonly<Record<string, string>> = {
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  SG: 'SGD',
  HK: 'HKD',
  MX: 'MXN',
};
const KRONE_BY_COUNTRY: Readonly<Record<string, string>> = { NO: 'NOK', SE: 'SEK', DK: 'DKK', IS: 'ISK' };

// Words only one of the Scandinavian languages (or places) uses, to tell the three "kr" apart.
const KRONE_HINTS: Array<[RegExp, string]> = [
  [/(?<!\p{L})(?:mnd|lønn|årslønn|norge|norway|oslo|bergen|trondheim)(?!\p{L})/iu, 'NOK'],
  [/(?<!\p{L})(?:løn|årsløn|mdr|danmark|denmark|københavn|copenhagen|aarhus)(?!\p{L})/iu, 'DKK'],
  [/(?<!\p{L})(?:mån|månad|lön|årslön|sverige|sweden|stockholm|göteborg|gothenburg|malmö)(?!\p{L})/iu, 'SEK'],
];

/** ISO 4217 codes the salary parser recognises when written out ("EUR", "CHF"). */
export const CURRENCY_CODES: readonly string[] = [...Object.keys(RATES_TO_USD), 'RMB'];

/** Regex source matching any currency sign or code a salary may carry (case-sensitive codes). */
export const CURRENCY_PATTERN = (() => {
  const lettered = ['US\\$', 'CA?\\$', 'AU?\\$', 'NZ\\$', 'SG?\\$', 'HK\\$', 'MX\\$', 'R\\$', 'CN¥'];
  const words = ['Rs\\.?', '[kK]r\\.?', 'zł', 'Kč', ...CURRENCY_CODES];
  return `(?:(?<!\\p{L})(?:${[...lettered, ...words].join('|')})(?!\\p{L})|[$€£¥₹₩₪₺₱₦円元])`;
})();

function kroneFor(context: CurrencyContext): string | null {
  const byCountry = context.country ? KRONE_BY_COUNTRY[context.country] : undefined;
  if (byCountry) return byCountry;
  for (const [pattern, code] of KRONE_HINTS) {
    if (context.text && pattern.test(context.text)) return code;
  }
  return null;
}

/**
 * The ISO 4217 code for a currency sign or code as written ("€", "usd", "C$", "kr").
 * Ambiguous signs use the context ("$" → USD unless the job is in Canada, Australia...); null when
 * the sign is unknown or cannot be settled ("kr" with no hint of which country).
 */
export function currencyFromToken(token: string, context: CurrencyContext = {}): string | null {
  const key = token.trim().toLowerCase();
  if (key === '$') return (context.country && DOLLAR_BY_COUNTRY[context.country]) || 'USD';
  if (key === '¥') return context.country === 'CN' ? 'CNY' : 'JPY';
  if (key === 'kr' || key === 'kr.') return kroneFor(context);
  const sign = SIGNS[key];
  if (sign) return sign;
  const code = key.toUpperCase();
  return code === 'RMB' ? 'CNY' : Object.hasOwn(RATES_TO_USD, code) ? code : null;
}
