import type { JobForScoring } from './types.ts';

const FRESH_DAYS = 7;
const STALE_DAYS = 60;
const STALE_VALUE = 0.3;
const DAY_MS = 86_400_000;

/** Newer postings score a little higher: 1 up to a week old, falling linearly to 0.3 at 60 days. */
export function recencyFit(job: JobForScoring, now: Date): { value: number; ageDays: number; note: string } {
  const posted = job.postedAt ?? job.firstSeen;
  const ageDays = Math.max(0, (now.getTime() - posted.getTime()) / DAY_MS);
  const note = ageDays < 1 ? 'posted today' : `posted ${Math.round(ageDays)} days ago`;
  if (ageDays <= FRESH_DAYS) return { value: 1, ageDays, note };
  if (ageDays >= STALE_DAYS) return { value: STALE_VALUE, ageDays, note };
  const value = 1 - ((1 - STALE_VALUE) * (ageDays - FRESH_DAYS)) / (STALE_DAYS - FRESH_DAYS);
  return { value, ageDays, note };
}
