import type { Seniority } from '../jobs/types.ts';
import { monthIndex, monthOf } from './dates.ts';
import type { ExperienceEntry } from './experience.ts';

/**
 * Years of experience from merged job intervals, so overlapping jobs are not counted twice.
 * End months are inclusive ("Jan 2020 – Dec 2020" is 12 months); 'present' is the month of `now`.
 */
export function totalYears(experience: ExperienceEntry[], now: Date): number {
  const nowIndex = monthIndex(monthOf(now));
  const intervals: Array<[number, number]> = [];
  for (const job of experience) {
    if (!job.start) continue;
    const start = monthIndex(job.start);
    const end = job.end === undefined || job.end === 'present' ? nowIndex : monthIndex(job.end);
    const cappedEnd = Math.min(end, nowIndex);
    if (cappedEnd >= start) intervals.push([start, cappedEnd + 1]);
  }
  intervals.sort((a, b) => a[0] - b[0]);
  let months = 0;
  let current: [number, number] | undefined;
  for (const interval of intervals) {
    if (current && interval[0] <= current[1]) {
      current[1] = Math.max(current[1], interval[1]);
      continue;
    }
    if (current) months += current[1] - current[0];
    current = [...interval];
  }
  if (current) months += current[1] - current[0];
  return Math.round((months / 12) * 10) / 10;
}

const TITLE_LEVELS: Array<[RegExp, Seniority]> = [
  [
    /\b(?:chief|c[tefoi]o|vp|vice president|president|geschäftsführer(?:in)?|managing director)\b/i,
    'executive',
  ],
  [/\b(?:director|head of|leiter(?:in)?)\b/i, 'director'],
  [/\bmanager\b/i, 'manager'],
  [/\bprincipal\b/i, 'principal'],
  [/\bstaff\b/i, 'staff'],
  [/\b(?:lead|team lead|tech lead|teamleiter)\b/i, 'lead'],
];
const INTERN =
  /\b(?:intern|internship|werkstudent(?:in)?|praktikant(?:in)?|trainee|apprentice|working student)\b/i;
const SENIOR = /\b(?:senior|sr)\b\.?/i;
const JUNIOR = /\b(?:junior|jr|graduate|entry[- ]level)\b\.?/i;

/** The most recent job: a current one first, else the latest end, else the first listed. */
function latestTitle(experience: ExperienceEntry[]): string {
  const dated = experience.filter((e) => e.end !== undefined);
  const current = dated.find((e) => e.end === 'present');
  if (current) return current.title;
  const latest = [...dated].sort((a, b) => String(b.end).localeCompare(String(a.end)))[0];
  return (latest ?? experience[0])?.title ?? '';
}

/** Estimates seniority from years of experience and the latest title (titles name the higher levels). */
export function estimateSeniority(experience: ExperienceEntry[], years: number): Seniority {
  const title = latestTitle(experience);
  for (const [re, level] of TITLE_LEVELS) {
    // "Product Manager" with a year of experience is a title, not a management level.
    if (re.test(title) && !(level === 'manager' && years < 2)) return level;
  }
  if (INTERN.test(title) && years < 2) return 'intern';
  if (JUNIOR.test(title) && years < 5) return 'junior';
  if (SENIOR.test(title) && years >= 3) return 'senior';
  if (years < 2) return 'junior';
  if (years < 5) return 'mid';
  return 'senior';
}
