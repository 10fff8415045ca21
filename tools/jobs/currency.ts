import type { SalaryPeriod } from './types.ts';

/**
 * US dollars per one unit of each currency.
 *
 * Approximate mid-market rates as of 2025-06-01, rounded. They exist to compare salaries across
 * currencies ("is €70k more than $80k?"), not to move money; refresh them when they drift far.
 */
export const RATES_TO_USD: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 1.14,
  GBP: 1.35,
  CAD: 0.73,
  AUD: 0.645,
  NZD: 0.6,
  CHF: 1.22,
  INR: 0.0117,
  JPY: 0.0069,
  CNY: 0.139,
  HKD: 0.1275,
  SGD: 0.776,
  KRW: 0.00073,
  SEK: 0.104,
  NOK: 0.099,
  DKK: 0.153,
  ISK: 0.0079,
  PLN: 0.266,
  CZK: 0.046,
  HUF: 0.0028,
  RON: 0.226,
  BGN: 0.583,
  TRY: 0.0255,
  ILS: 0.28,
  AED: 0.2723,
  SAR: 0.2667,
  ZAR: 0.056,
  NGN: 0.00063,
  KES: 0.0077,
  BRL: 0.178,
  MXN: 0.052,
  ARS: 0.00085,
  CLP: 0.00106,
  COP: 0.00024,
  PHP: 0.018,
  IDR: 0.000061,
  MYR: 0.236,
  THB: 0.0306,
  VND: 0.0000385,
  TWD: 0.0334,
  UAH: 0.024,
};

/** How many of each period make a working year (40-hour weeks, 52 weeks, 260 working days). */
export const PERIODS_PER_YEAR: Readonly<Record<SalaryPeriod, number>> = {
  hour: 2080,
  day: 260,
  week: 52,
  month: 12,
  year: 1,
};

/** True when the table has a rate for this ISO 4217 code. */
export function isKnownCurrency(code: string): boolean {
  return Object.hasOwn(RATES_TO_USD, code.toUpperCase());
}

/** The amount a person earns in a year when paid `amount` per `period`. */
export function toAnnual(amount: number, period: SalaryPeriod): number {
  return amount * PERIODS_PER_YEAR[period];
}

/** Converts between currencies with the stated table; null when either currency is not in it. */
export function convert(amount: number, from: string, to: string): number | null {
  const fromRate = RATES_TO_USD[from.toUpperCase()];
  const toRate = RATES_TO_USD[to.toUpperCase()];
  if (fromRate === undefined || toRate === undefined) return null;
  if (from.toUpperCase() === to.toUpperCase()) return amount;
  return Math.round(((amount * fromRate) / toRate) * 100) / 100;
}

/** A pay amount as a yearly figure in the target currency; null when a currency is unknown. */
export function annualInCurrency(
  amount: number,
  currency: string,
  period: SalaryPeriod,
  target: string,
): number | null {
  return convert(toAnnual(amount, period), currency, target);
}
