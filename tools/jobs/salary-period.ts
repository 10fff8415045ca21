import type { SalaryPeriod } from './types.ts';

// How postings say the pay period, in English, German, French, Spanish, Dutch and Scandinavian.
// Alternatives starting with "/" may follow a letter ("brutto/Jahr"); the others must start a word.
const PERIOD_WORDS: Array<[SalaryPeriod, string[]]> = [
  [
    'hour',
    [
      '(?:per|an|a|each) (?:hour|hr)',
      'hourly',
      '/ ?(?:hour|hr|h|std|stunde|heure|hora|uur|time)',
      'p/h',
      'stundenlohn',
      'pro stunde',
      'per uur',
      "de l'heure",
      'por hora',
    ],
  ],
  [
    'day',
    [
      '(?:per|a|each) day',
      'daily',
      'day rate',
      '/ ?(?:day|d|tag|jour|día|dia|dag)',
      'tagessatz',
      'pro tag',
      'par jour',
    ],
  ],
  ['week', ['(?:per|a|each) week', 'weekly', '/ ?(?:week|wk|w|woche|semaine)', 'wöchentlich', 'pro woche']],
  [
    'month',
    [
      '(?:per|a|each) month',
      'monthly',
      '/ ?(?:month|mo|mth|monat|mnd|md|mdr|mån|mois|mes|mês|maand|月)',
      'por m[eê]s',
      'monatlich',
      '(?:pro|im) monat',
      'monatsgehalt',
      'per måned',
      'i måneden',
      'per månad',
      'i månaden',
      'mensuel(?:le)?',
      'par mois',
      'al mes',
      'mensual',
      'per maand',
    ],
  ],
  [
    'year',
    [
      '(?:per|a|each) (?:year|yr|annum)',
      'annual(?:ly)?',
      'yearly',
      'p\\. ?a\\.?',
      'pa',
      '/ ?(?:year|yr|y|a|annum|jahr|år|an|año|ano|jaar|年)',
      'por a[nñ]o',
      'jährlich',
      '(?:pro|im) jahr',
      '(?:brutto)?jahres(?:gehalt|brutto)',
      'par an',
      'annuel(?:le)?',
      'årslønn',
      'årsløn',
      'årslön',
      'per år',
      'om året',
      'al año',
      'anual',
      'per jaar',
      'lpa',
      'ctc',
    ],
  ],
];

const PERIOD_PATTERNS: Array<[SalaryPeriod, RegExp]> = PERIOD_WORDS.map(([period, words]) => {
  const alternatives = words.map((word) => (word.startsWith('/') ? word : `(?<!\\p{L})${word}`));
  return [period, new RegExp(`(?:${alternatives.join('|')})(?!\\p{L})`, 'giu')];
});

export interface PeriodMatch {
  period: SalaryPeriod;
  index: number;
  end: number;
}

/** Every pay-period phrase in a stretch of text, in order of position. */
export function findPeriods(text: string): PeriodMatch[] {
  const found: PeriodMatch[] = [];
  for (const [period, pattern] of PERIOD_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      found.push({ period, index: match.index, end: match.index + match[0].length });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** A period guessed from the size of a pay figure in US dollars, when the text names none. */
export function periodFromMagnitude(amountUsd: number): SalaryPeriod {
  if (amountUsd < 250) return 'hour';
  if (amountUsd < 20_000) return 'month';
  return 'year';
}
