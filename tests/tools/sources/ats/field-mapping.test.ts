import { describe, expect, it } from 'vitest';
import {
  humanizeBoard,
  salaryPeriodFrom,
  toIsoDate,
  toNumber,
  unescapeHtml,
} from '../../../../tools/sources/ats/field-mapping.ts';

describe('ATS field mapping', () => {
  it('unescapes one level of HTML entities, numeric ones included', () => {
    expect(unescapeHtml('&lt;p&gt;R&amp;D &#39;24 &#x2014; &quot;hi&quot;&lt;/p&gt;')).toBe(
      '<p>R&D \'24 — "hi"</p>',
    );
    expect(unescapeHtml('&amp;nbsp;')).toBe('&nbsp;');
    expect(unescapeHtml('&unknown; &#0;')).toBe('&unknown; &#0;');
  });

  it('reads the date formats the providers use', () => {
    expect(toIsoDate(1714567890123)).toBe('2024-05-01T12:51:30.123Z');
    expect(toIsoDate('2024-04-02 08:15:00 UTC')).toBe('2024-04-02T08:15:00.000Z');
    expect(toIsoDate('2024-04-01T09:00:00-04:00')).toBe('2024-04-01T13:00:00.000Z');
    expect(toIsoDate('2024-04-20')).toBe('2024-04-20');
    expect(toIsoDate('soon')).toBeUndefined();
    expect(toIsoDate(null)).toBeUndefined();
  });

  it('reads pay periods from each provider’s wording', () => {
    expect(salaryPeriodFrom('per-year-salary')).toBe('year');
    expect(salaryPeriodFrom('1 HOUR')).toBe('hour');
    expect(salaryPeriodFrom('per-month-salary')).toBe('month');
    expect(salaryPeriodFrom('bi-week-salary')).toBeNull();
    expect(salaryPeriodFrom('one-time')).toBeNull();
  });

  it('reads numbers sent as strings and refuses text', () => {
    expect(toNumber('4500.00')).toBe(4500);
    expect(toNumber('')).toBeNull();
    expect(toNumber('about 4k')).toBeNull();
  });

  it('makes a readable company name from a board slug', () => {
    expect(humanizeBoard('acme-labs')).toBe('Acme Labs');
  });
});
