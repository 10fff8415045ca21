import type { JobForScoring, SeekerForScoring } from './types.ts';

// The scorer reads rows from the database and profiles from users; a wrong shape should say which
// field is wrong instead of failing somewhere deep inside a component.

function fail(field: string, reason: string): never {
  throw new TypeError(`scoreMatch: ${field} ${reason}`);
}

const isDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

const PROFILE_LISTS = [
  'roles',
  'locations',
  'seniority',
  'employmentTypes',
  'excludedCompanies',
  'excludedKeywords',
] as const;

function checkSeeker(seeker: SeekerForScoring): void {
  if (!seeker || typeof seeker !== 'object') fail('seeker', 'must be an object');
  if (!Array.isArray(seeker.skills)) fail('seeker.skills', 'must be an array of skill names');
  if (!Array.isArray(seeker.titles)) fail('seeker.titles', 'must be an array of titles');
  const profile = seeker.profile;
  if (!profile || typeof profile !== 'object') fail('seeker.profile', 'must be a profile object');
  for (const list of PROFILE_LISTS) {
    if (!Array.isArray(profile[list])) fail(`seeker.profile.${list}`, 'must be an array');
  }
}

function checkJob(job: JobForScoring): void {
  if (!job || typeof job !== 'object') fail('job', 'must be an object');
  if (typeof job.title !== 'string') fail('job.title', 'must be a string');
  if (typeof job.company !== 'string') fail('job.company', 'must be a string');
  if (typeof job.descriptionMd !== 'string') fail('job.descriptionMd', 'must be a string');
  for (const list of ['skills', 'requiredSkills', 'preferredSkills'] as const) {
    if (!Array.isArray(job[list])) fail(`job.${list}`, 'must be an array of skill names');
  }
  if (!isDate(job.firstSeen)) fail('job.firstSeen', 'must be a valid Date');
  if (job.postedAt != null && !isDate(job.postedAt)) fail('job.postedAt', 'must be a valid Date or null');
}

/** Throws a TypeError naming the first field that cannot be scored. */
export function checkScoreInput(
  seeker: SeekerForScoring,
  job: JobForScoring,
  context: { similarity: number; now: Date },
): void {
  checkSeeker(seeker);
  checkJob(job);
  if (!context || typeof context.similarity !== 'number' || !Number.isFinite(context.similarity)) {
    fail('context.similarity', 'must be a finite number (cosine similarity 0..1)');
  }
  if (!isDate(context.now)) fail('context.now', 'must be a valid Date');
}
