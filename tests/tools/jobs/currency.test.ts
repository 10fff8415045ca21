import { describe, expect, it } from 'vitest';
import { annualInCurrency, convert, RATES_TO_USD, toAnnual } from '../../../tools/jobs/currency.ts';

describe('RATES_TO_USD', () => {
  it('has a positive rate for every currency job postings commonly use', () => {
    const required = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'INR', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN'];
    required.push('BRL', 'MXN', 'SGD', 'NZD', 'ZAR');
    for (const code of required) expect(RATES_TO_USD[code], code).toBeGreaterThan(0);
    expect(RATES_TO_USD.USD).toBe(1);
  });
});

describe('toAnnual', () => {
  it('scales each pay period to a working year', () => {
    expect(toAnnual(50, 'hour')).toBe(104_000);
    expect(toAnnual(500, 'day')).toBe(130_000);
    expect(toAnnual(2_000, 'week')).toBe(104_000);
    expect(toAnnual(5_000, 'month')).toBe(60_000);
    expect(toAnnual(90_000, 'year')).toBe(90_000);
  });
});

describe('convert', () => {
  it('converts through the dollar rate table', () => {
    expect(convert(100, 'EUR', 'USD')).toBeCloseTo(100 * RATES_TO_USD.EUR!, 2);
    expect(convert(100, 'USD', 'GBP')).toBeCloseTo(100 / RATES_TO_USD.GBP!, 2);
  });

  it('round-trips within a cent', () => {
    const there = convert(80_000, 'CHF', 'SEK')!;
    expect(convert(there, 'SEK', 'CHF')).toBeCloseTo(80_000, 0);
  });

  it('leaves an amount unchanged in its own currency, whatever the case of the code', () => {
    expect(convert(123.45, 'eur', 'EUR')).toBe(123.45);
  });

  it('returns null for a currency it does not know rather than guessing', () => {
    expect(convert(100, 'XYZ', 'USD')).toBeNull();
    expect(convert(100, 'USD', 'BTC')).toBeNull();
  });
});

describe('annualInCurrency', () => {
  it('compares an hourly dollar rate with a yearly euro salary', () => {
    const annualEur = annualInCurrency(50, 'USD', 'hour', 'EUR')!;
    expect(annualEur).toBeCloseTo((50 * 2080) / RATES_TO_USD.EUR!, 0);
  });

  it('returns null when the currency is unknown', () => {
    expect(annualInCurrency(5_000, 'ABC', 'month', 'USD')).toBeNull();
  });
});
