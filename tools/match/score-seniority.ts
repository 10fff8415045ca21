import { inferSeniority } from '../jobs/seniority.ts';
import { type Seniority, seniorityLevels } from '../jobs/types.ts';
import type { JobForScoring, SeekerForScoring } from './types.ts';

export interface SeniorityResult {
  value: number;
  note: string;
  jobLevel: Seniority | null;
  dealbreaker: string | null;
}

/** The job states no level and its title and text give none away. */
export const NEUTRAL_SENIORITY = 0.7;
// Two steps apart ("senior" for a junior, an IC applying to a director role) is a different job.
const DEALBREAKER_DISTANCE = 2;
const VALUE_PER_STEP = 0.4;

// Positions on one scale; people managers sit beside the IC ladder and crossing costs a step.
const POSITION: Record<Seniority, number> = {
  intern: 0,
  junior: 1,
  mid: 2,
  senior: 3,
  lead: 3.5,
  staff: 4,
  principal: 5,
  manager: 4,
  director: 5,
  executive: 6.5,
};
type Track = 'ic' | 'management' | 'either';
const TRACK: Record<Seniority, Track> = {
  intern: 'ic',
  junior: 'ic',
  mid: 'ic',
  senior: 'ic',
  lead: 'either',
  staff: 'ic',
  principal: 'ic',
  manager: 'management',
  director: 'management',
  executive: 'management',
};
const TRACK_CHANGE = 1;

const ROLE_LABEL: Record<Seniority, string> = {
  intern: 'Internship',
  junior: 'Junior role',
  mid: 'Mid-level role',
  senior: 'Senior role',
  lead: 'Lead role',
  staff: 'Staff-level role',
  principal: 'Principal-level role',
  manager: 'People-manager role',
  director: 'Director role',
  executive: 'Executive role',
};

const LEVELS: ReadonlySet<string> = new Set(seniorityLevels);

function asLevel(value: string | null | undefined): Seniority | null {
  return value && LEVELS.has(value) ? (value as Seniority) : null;
}

/** Steps between two levels, counting a switch between IC and management as one more. */
export function levelDistance(a: Seniority, b: Seniority): number {
  const crosses =
    (TRACK[a] === 'ic' && TRACK[b] === 'management') || (TRACK[a] === 'management' && TRACK[b] === 'ic');
  return Math.abs(POSITION[a] - POSITION[b]) + (crosses ? TRACK_CHANGE : 0);
}

function listLevels(levels: readonly Seniority[]): string {
  return levels.length <= 2 ? levels.join(' or ') : `${levels.slice(0, -1).join(', ')} or ${levels.at(-1)}`;
}

/** The level the job hires for against the levels the person wants (or the one their resume shows). */
export function seniorityFit(seeker: SeekerForScoring, job: JobForScoring): SeniorityResult {
  const jobLevel = asLevel(job.seniority) ?? inferSeniority(job.title, job.descriptionMd);
  const wanted = seeker.profile.seniority.filter((l) => LEVELS.has(l));
  const fromResume = asLevel(seeker.seniority);
  const levels = wanted.length > 0 ? wanted : fromResume ? [fromResume] : [];
  if (jobLevel === null) {
    return { value: NEUTRAL_SENIORITY, note: 'level not stated', jobLevel, dealbreaker: null };
  }
  if (levels.length === 0) {
    return {
      value: NEUTRAL_SENIORITY,
      note: `${jobLevel} level; yours is unknown`,
      jobLevel,
      dealbreaker: null,
    };
  }
  const distance = Math.min(...levels.map((level) => levelDistance(level, jobLevel)));
  const value = Math.max(0, 1 - VALUE_PER_STEP * distance);
  const yours =
    wanted.length > 0 ? `you want ${listLevels(wanted)}` : `your experience is ${fromResume}-level`;
  const note = distance === 0 ? `${jobLevel} level, as wanted` : `${jobLevel} level; ${yours}`;
  const dealbreaker =
    distance >= DEALBREAKER_DISTANCE
      ? `${ROLE_LABEL[jobLevel]}; ${wanted.length > 0 ? `you're looking for ${listLevels(wanted)} roles` : yours}`
      : null;
  return { value, note, jobLevel, dealbreaker };
}
