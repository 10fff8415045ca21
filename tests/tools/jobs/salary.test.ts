import { describe, expect, it } from 'vitest';
import { normalizeSalary, parseAmount, parseSalaryText } from '../../../tools/jobs/salary.ts';

describe('parseSalaryText', () => {
  it.each([
    ['$120k–$150k', 120_000, 150_000, 'USD', 'year', '$120k–$150k'],
    ['$120,000 - $150,000 per year', 120_000, 150_000, 'USD', 'year', '$120,000 - $150,000 per year'],
    ['€65.000 - €80.000 brutto/Jahr', 65_000, 80_000, 'EUR', 'year', '€65.000 - €80.000 brutto/Jahr'],
    ['65.000–80.000 EUR', 65_000, 80_000, 'EUR', 'year', '65.000–80.000 EUR'],
    ['£55-65k + bonus', 55_000, 65_000, 'GBP', 'year', '£55-65k'],
    ['45 USD/hr', 45, 45, 'USD', 'hour', '45 USD/hr'],
    ['$40 - $50 an hour', 40, 50, 'USD', 'hour', '$40 - $50 an hour'],
    ["CHF 120'000", 120_000, 120_000, 'CHF', 'year', "CHF 120'000"],
    ['₹18 LPA', 1_800_000, 1_800_000, 'INR', 'year', '₹18 LPA'],
    ['¥6,000,000', 6_000_000, 6_000_000, 'JPY', 'year', '¥6,000,000'],
    ['up to $90k', null, 90_000, 'USD', 'year', 'up to $90k'],
    ['from €50k', 50_000, null, 'EUR', 'year', 'from €50k'],
    ['3.500 € brutto monatlich', 3_500, 3_500, 'EUR', 'month', '3.500 € brutto monatlich'],
    ['kr 45 000/mnd', 45_000, 45_000, 'NOK', 'month', 'kr 45 000/mnd'],
  ])('reads %s', (text, min, max, currency, period, written) => {
    expect(parseSalaryText(text)).toEqual({ min, max, currency, period, text: written });
  });

  it.each([
    ['Compensation: USD 7,000 - 9,000 per month', 7_000, 9_000, 'USD', 'month'],
    ['Salary range 90,000 to 110,000 USD annually', 90_000, 110_000, 'USD', 'year'],
    ['Pay is between $100k and $120k depending on experience', 100_000, 120_000, 'USD', 'year'],
    ['Gehalt: 55.000 - 70.000 € pro Jahr', 55_000, 70_000, 'EUR', 'year'],
    ['£50k pa plus benefits', 50_000, 50_000, 'GBP', 'year'],
    ['C$90,000 - C$110,000', 90_000, 110_000, 'CAD', 'year'],
    ['₹12-18 LPA', 1_200_000, 1_800_000, 'INR', 'year'],
    ['Rs. 15,00,000 per annum', 1_500_000, 1_500_000, 'INR', 'year'],
    ['SEK 45 000 per månad', 45_000, 45_000, 'SEK', 'month'],
    ['€3.500 – 4.200 brutto/Monat', 3_500, 4_200, 'EUR', 'month'],
    ['$85.50/hr', 85.5, 85.5, 'USD', 'hour'],
    ['Day rate £500 per day outside IR35', 500, 500, 'GBP', 'day'],
    ['R$ 8.000 por mês', 8_000, 8_000, 'BRL', 'month'],
    ['$150K - $200K + equity', 150_000, 200_000, 'USD', 'year'],
    ['€1,5k netto', 1_500, 1_500, 'EUR', 'month'],
    ['$150,000 plus bonus and equity', 150_000, 150_000, 'USD', 'year'],
    ['€70.000 + annual bonus', 70_000, 70_000, 'EUR', 'year'],
    ['Salary: 45\u202f000\u00a0€ par an', 45_000, 45_000, 'EUR', 'year'],
  ])('reads %s', (text, min, max, currency, period) => {
    expect(parseSalaryText(text)).toMatchObject({ min, max, currency, period });
  });

  it('finds the salary inside a longer description', () => {
    const text =
      'We are a team of 40 founded in 2015.\nThe base salary for this role is $130,000 - $160,000 per year.';
    expect(parseSalaryText(text)).toMatchObject({
      min: 130_000,
      max: 160_000,
      currency: 'USD',
      period: 'year',
    });
  });

  it('takes the period from a label before the amount', () => {
    expect(parseSalaryText('Hourly rate: $45')).toMatchObject({ min: 45, period: 'hour' });
    expect(parseSalaryText('Monthly salary: €4.000')).toMatchObject({ min: 4_000, period: 'month' });
  });

  it('guesses the period from the size of the amount when none is written', () => {
    expect(parseSalaryText('$45')?.period).toBe('hour');
    expect(parseSalaryText('€4.000')?.period).toBe('month');
    expect(parseSalaryText('$95,000')?.period).toBe('year');
  });

  it('reads "$" as Canadian dollars for a job in Canada', () => {
    expect(parseSalaryText('$90,000 - $110,000', { country: 'CA' })?.currency).toBe('CAD');
  });

  it('tells the Scandinavian kroner apart by country or language, and admits when it cannot', () => {
    expect(parseSalaryText('kr 45 000', { country: 'SE' })?.currency).toBe('SEK');
    expect(parseSalaryText('Løn: kr 600 000 om året, København')?.currency).toBe('DKK');
    expect(parseSalaryText('Lønn: kr 600 000 i året')?.currency).toBe('NOK');
    expect(parseSalaryText('kr 45 000')).toMatchObject({ min: 45_000, currency: null });
  });

  it('accepts an amount without a sign when the currency is known from elsewhere', () => {
    expect(parseSalaryText('120k-150k')).toBeNull();
    expect(parseSalaryText('120k-150k', { defaultCurrency: 'EUR' })).toMatchObject({
      min: 120_000,
      max: 150_000,
      currency: 'EUR',
    });
  });

  describe('does not mistake other numbers for pay', () => {
    it.each([
      ['years', 'Worked at Acme 2019–2023'],
      ['a 401k plan', 'We offer a 401k with 4% match'],
      ['a 401(k) plan', 'Benefits: 401(k), dental'],
      ['a phone number', 'Call us at +1 (555) 123-4567 or 555-123-4567'],
      ['a percentage', 'Up to 15% annual bonus'],
      ['a team size', 'Join a team of 5-10 engineers across 3 time zones'],
      ['a funding round', 'We raised $50M in our Series B'],
      ['a valuation', 'Now valued at $2B'],
      ['revenue', 'We have 150 employees and $10M ARR'],
      ['a learning budget', '$1,000 learning budget every year'],
      ['a home-office stipend', 'Plus a €500 home office stipend'],
      ['a signing bonus', 'Up to $5,000 signing bonus'],
      ['plain numbers', 'Version 2.5 supports 1,000 requests per second'],
    ])('%s', (_label, text) => {
      expect(parseSalaryText(text)).toBeNull();
    });

    it('skips a 401k mention and finds the real salary after it', () => {
      expect(parseSalaryText('401k matching and $120k base')).toMatchObject({ min: 120_000, max: 120_000 });
    });

    it('does not join a year to a following salary as a range', () => {
      expect(parseSalaryText('Since 2019 - $120k base')).toMatchObject({ min: 120_000, max: 120_000 });
    });

    it('keeps the salary when "and" is followed by another number', () => {
      expect(parseSalaryText('$100k and 20 days vacation')).toMatchObject({ min: 100_000, max: 100_000 });
    });

    it('skips a stipend before the salary', () => {
      const text = '$2,000 home office stipend. Salary: €70.000 - €85.000';
      expect(parseSalaryText(text)).toMatchObject({ min: 70_000, max: 85_000, currency: 'EUR' });
    });
  });
});

describe('parseAmount', () => {
  it('reads thousand separators and decimal commas the way they are meant', () => {
    expect(parseAmount('65.000')).toBe(65_000);
    expect(parseAmount('120,000')).toBe(120_000);
    expect(parseAmount("120'000")).toBe(120_000);
    expect(parseAmount('45 000')).toBe(45_000);
    expect(parseAmount('45\u202f000')).toBe(45_000);
    expect(parseAmount('1,5')).toBe(1.5);
    expect(parseAmount('85.50')).toBe(85.5);
    expect(parseAmount('120,000.00')).toBe(120_000);
    expect(parseAmount('1.234.567,89')).toBeCloseTo(1_234_567.89, 2);
  });
});

describe('normalizeSalary', () => {
  it('prefers the structured fields over the text', () => {
    const salary = normalizeSalary(
      { min: 100_000, max: 120_000, currency: 'usd', period: 'year' },
      '$1 - $2',
    );
    expect(salary).toMatchObject({ min: 100_000, max: 120_000, currency: 'USD', period: 'year' });
  });

  it('fills a missing period from the text or, failing that, from the amount', () => {
    expect(normalizeSalary({ min: 40, max: 60, currency: 'USD' }, '$40-60 per hour')?.period).toBe('hour');
    expect(normalizeSalary({ min: 90_000, max: 110_000, currency: 'EUR' })?.period).toBe('year');
  });

  it('fills a missing currency from the text', () => {
    expect(normalizeSalary({ min: 55_000, max: 65_000 }, '£55-65k')?.currency).toBe('GBP');
  });

  it('swaps a minimum and maximum given in the wrong order', () => {
    expect(normalizeSalary({ min: 150_000, max: 120_000, currency: 'USD' })).toMatchObject({
      min: 120_000,
      max: 150_000,
    });
  });

  it('treats zero or missing amounts as no structured salary and falls back to the text', () => {
    expect(normalizeSalary({ min: 0, max: 0, currency: 'EUR' })).toBeNull();
    expect(normalizeSalary({ min: null, max: null }, '€65.000 - €80.000')).toMatchObject({
      min: 65_000,
      max: 80_000,
      currency: 'EUR',
    });
  });

  it('uses the structured currency for a text without a sign', () => {
    expect(normalizeSalary({ currency: 'CHF' }, '120k-140k')).toMatchObject({
      min: 120_000,
      currency: 'CHF',
    });
  });

  it('returns null when nothing is known', () => {
    expect(normalizeSalary(null)).toBeNull();
    expect(normalizeSalary(undefined, 'Competitive salary')).toBeNull();
  });

  it('gives a structured salary a readable text', () => {
    expect(normalizeSalary({ min: 5_000, max: 6_000, currency: 'EUR', period: 'month' })?.text).toBe(
      'EUR 5000–6000/month',
    );
  });
});
