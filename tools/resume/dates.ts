// Date ranges as resumes write them: "Jan 2020 – Present", "03/2018 - 12/2020", "2018 – now",
// "Mar 2018 to Dec 2020", "2019-2021", "seit 2019". Months are kept as 'YYYY-MM'.

export type MonthString = string;

export interface DateRange {
  start?: MonthString;
  end?: MonthString | 'present';
  /** Where the range sits in the line it was found in, so callers can cut it out. */
  index: number;
  length: number;
}

const MONTHS: Array<[RegExp, number]> = [
  [/^jan/, 1],
  [/^feb/, 2],
  [/^(mar|mär|maer)/, 3],
  [/^apr/, 4],
  [/^ma[iy]/, 5],
  [/^jun/, 6],
  [/^jul/, 7],
  [/^aug/, 8],
  [/^sep/, 9],
  [/^o[ck]t/, 10],
  [/^nov/, 11],
  [/^de[cz]/, 12],
];

const MONTH_NAME =
  '(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz?|maerz|apr(?:il)?|ma[yi]|june?|juni|july?|juli|aug(?:ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?)\\.?';
const YEAR = '(?:19|20)\\d{2}';
const SINGLE_DATE = `(?:${MONTH_NAME}\\s*,?\\s*${YEAR}|(?:0?[1-9]|1[0-2])\\s*[/.]\\s*${YEAR}|${YEAR}[-/.](?:0[1-9]|1[0-2])(?!\\d)|${YEAR})`;
const PRESENT = '(?:present|current(?:ly)?|now|today|ongoing|to date|heute|aktuell|jetzt|dato)';
const DASH = '(?:\\s*[–—−-]{1,2}\\s*|\\s+(?:to|until|till|through|bis)\\s+|\\s*(?:→|->)\\s*)';
const EDGE_BEFORE = '(?<![\\p{L}\\d])';
const EDGE_AFTER = '(?![\\p{L}\\d])';

const RANGE = new RegExp(
  `${EDGE_BEFORE}(${SINGLE_DATE})${DASH}(${SINGLE_DATE}|${PRESENT})${EDGE_AFTER}`,
  'giu',
);
const SINCE = new RegExp(`${EDGE_BEFORE}(?:since|seit|ab)\\s+(${SINGLE_DATE})${EDGE_AFTER}`, 'iu');
const LONE_DATE = new RegExp(`${EDGE_BEFORE}(${SINGLE_DATE})${EDGE_AFTER}`, 'iu');
const PRESENT_ONLY = new RegExp(`^${PRESENT}$`, 'iu');

const pad = (m: number) => String(m).padStart(2, '0');

/** Parses one date token ("Mar 2018", "03/2018", "2018-03", "2018") to 'YYYY-MM'. */
export function parseDateToken(token: string): MonthString | undefined {
  const t = token.trim().toLowerCase();
  const year = t.match(/(?:19|20)\d{2}/)?.[0];
  if (!year) return undefined;
  const name = t.match(/^\p{L}+/u)?.[0];
  if (name) {
    const month = MONTHS.find(([re]) => re.test(name))?.[1];
    return month ? `${year}-${pad(month)}` : undefined;
  }
  const numeric = t.match(/^(\d{1,2})\s*[/.]\s*\d{4}$/) ?? t.match(/^\d{4}[-/.](\d{2})$/);
  if (numeric) return `${year}-${pad(Number(numeric[1]))}`;
  // A bare year means January at either end: "2019 – 2021" then reads as the two years people mean.
  return `${year}-01`;
}

function endOf(token: string): MonthString | 'present' | undefined {
  return PRESENT_ONLY.test(token.trim()) ? 'present' : parseDateToken(token);
}

/** Every date range in a line, left to right. */
export function findDateRanges(line: string): DateRange[] {
  const ranges: DateRange[] = [];
  for (const m of line.matchAll(RANGE)) {
    const start = parseDateToken(m[1]!);
    let end = endOf(m[2]!);
    // A same-year range "2019 – 2019" covers that year, not one month.
    if (start && end && end !== 'present' && end < start) continue;
    if (start && end === start && /^\d{4}$/.test(m[2]!.trim())) end = `${start.slice(0, 4)}-12`;
    ranges.push({ start, end, index: m.index, length: m[0].length });
  }
  if (ranges.length > 0) return ranges;
  const since = line.match(SINCE);
  if (since?.index !== undefined) {
    return [
      { start: parseDateToken(since[1]!), end: 'present', index: since.index, length: since[0].length },
    ];
  }
  return [];
}

/** A single date ("2016", "May 2016") when a line has no range, as education entries often do. */
export function findLoneDate(line: string): { date: MonthString; index: number; length: number } | undefined {
  const m = line.match(LONE_DATE);
  if (m?.index === undefined) return undefined;
  const date = parseDateToken(m[1]!);
  return date ? { date, index: m.index, length: m[0].length } : undefined;
}

/** Months since year 0 for a 'YYYY-MM' string. */
export function monthIndex(month: MonthString): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthOf(date: Date): MonthString {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
}
