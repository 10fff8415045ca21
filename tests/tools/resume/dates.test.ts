import { describe, expect, it } from 'vitest';
import { findDateRanges, parseDateToken } from '../../../tools/resume/dates.ts';

const range = (line: string) => {
  const [first] = findDateRanges(line);
  return (
    first && {
      start: first.start,
      end: first.end,
      matched: line.slice(first.index, first.index + first.length),
    }
  );
};

describe('findDateRanges', () => {
  it.each([
    ['Jan 2020 – Present', '2020-01', 'present'],
    ['03/2018 - 12/2020', '2018-03', '2020-12'],
    ['2018 – now', '2018-01', 'present'],
    ['Mar 2018 to Dec 2020', '2018-03', '2020-12'],
    ['2019-2021', '2019-01', '2021-01'],
    ['2018-03 – 2019-11', '2018-03', '2019-11'],
    ['Sept. 2017 — Aug. 2019', '2017-09', '2019-08'],
    ['März 2016 bis heute', '2016-03', 'present'],
    ['Okt 2015 - Dez 2016', '2015-10', '2016-12'],
    ['seit 2019', '2019-01', 'present'],
    ['06.2014 – 09.2015', '2014-06', '2015-09'],
  ])('reads "%s"', (line, start, end) => {
    expect(range(line)).toMatchObject({ start, end, matched: line });
  });

  it('finds the range inside a longer line and says where it is', () => {
    expect(range('Senior Engineer — Acme (Jan 2020 – Present)')).toEqual({
      start: '2020-01',
      end: 'present',
      matched: 'Jan 2020 – Present',
    });
  });

  it('reads a same-year range as the whole year', () => {
    expect(range('2019 – 2019')).toMatchObject({ start: '2019-01', end: '2019-12' });
  });

  it('ignores a range that ends before it starts', () => {
    expect(findDateRanges('2021 - 2019')).toEqual([]);
  });

  it('does not read a phone number or a plain number as a date range', () => {
    expect(findDateRanges('+49 30 1234 5678')).toEqual([]);
    expect(findDateRanges('Grew revenue by 2000 - 3000 units')).toEqual([]);
  });
});

describe('parseDateToken', () => {
  it('returns undefined for text with no year', () => {
    expect(parseDateToken('March')).toBeUndefined();
  });
});
