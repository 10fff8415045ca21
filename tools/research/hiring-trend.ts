// The hiring trend of a company: postings opened and closed per month or ISO week.

export interface PostingDates {
  postedAt: Date | null;
  firstSeen: Date;
  closedAt: Date | null;
}

export interface TrendPoint {
  period: string;
  start: string;
  opened: number;
  closed: number;
  openAtEnd: number;
}

function openedAt(row: PostingDates): Date {
  return row.postedAt && row.postedAt < row.firstSeen ? row.postedAt : row.firstSeen;
}

const DAY_MS = 86_400_000;

/** Start of the UTC month or ISO week (Monday) containing `date`. */
function bucketStart(date: Date, bucket: 'month' | 'week'): Date {
  if (bucket === 'month') return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(day - weekday * DAY_MS);
}

function nextBucket(start: Date, bucket: 'month' | 'week'): Date {
  if (bucket === 'week') return new Date(start.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

function previousBucket(start: Date, bucket: 'month' | 'week'): Date {
  if (bucket === 'week') return new Date(start.getTime() - 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 1, 1));
}

/** "2025-05" or the ISO week label "2025-W19" of a bucket start. */
function bucketLabel(start: Date, bucket: 'month' | 'week'): string {
  if (bucket === 'month') return start.toISOString().slice(0, 7);
  const thursday = new Date(start.getTime() + 3 * DAY_MS); // the ISO week's year is its Thursday's
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Postings opened, closed and open at the end of each of the last `periods` months or ISO weeks
 * up to `now` (a posting opened when it was posted, or first seen if that was earlier).
 */
export function hiringTrend(
  rows: readonly PostingDates[],
  bucket: 'month' | 'week',
  periods: number,
  now: Date,
): TrendPoint[] {
  const starts: Date[] = [bucketStart(now, bucket)];
  while (starts.length < periods) starts.unshift(previousBucket(starts[0]!, bucket));
  return starts.map((start) => {
    const next = nextBucket(start, bucket);
    const end = next > now ? now : next;
    let opened = 0;
    let closed = 0;
    let openAtEnd = 0;
    for (const row of rows) {
      const open = openedAt(row);
      if (open >= start && open < next) opened++;
      if (row.closedAt && row.closedAt >= start && row.closedAt < next) closed++;
      if (open < end && (row.closedAt === null || row.closedAt >= end)) openAtEnd++;
    }
    return {
      period: bucketLabel(start, bucket),
      start: start.toISOString().slice(0, 10),
      opened,
      closed,
      openAtEnd,
    };
  });
}
