import type { JobForScoring } from './types.ts';

/** Category (and, from the skill extractor, a display label) of a canonical skill name. */
export type SkillInfoLookup = (name: string) => { category: string; label?: string } | undefined;

export interface SkillCoverage {
  value: number;
  note: string;
  held: string[];
  missing: string[];
  total: number;
}

export interface SkillsResult {
  required: SkillCoverage;
  preferred: SkillCoverage;
  /** Job skills the person has: required first, then preferred, then the rest. */
  matched: string[];
}

/** The job lists no skills at all: nothing to hold against the person. */
export const NEUTRAL_SKILLS = 0.5;
// With no required/preferred split, overall overlap maps into this range so it never looks like a
// perfect (or a hopeless) requirements match.
const OVERLAP_FLOOR = 0.3;
const OVERLAP_SPAN = 0.5;

// "English" or "communication" in a posting says little about fit; a missing one costs little.
const CATEGORY_WEIGHT: Readonly<Record<string, number>> = {
  'soft-skill': 0.3,
  'spoken-language': 0.4,
};

function weightOf(skill: string, info: SkillInfoLookup | undefined): number {
  const category = info?.(skill)?.category;
  return category ? (CATEGORY_WEIGHT[category] ?? 1) : 1;
}

function coverage(
  skills: readonly string[],
  has: ReadonlySet<string>,
  info: SkillInfoLookup | undefined,
): { ratio: number; held: string[]; missing: string[] } {
  const held: string[] = [];
  const missing: string[] = [];
  let heldWeight = 0;
  let totalWeight = 0;
  for (const skill of new Set(skills)) {
    const weight = weightOf(skill, info);
    totalWeight += weight;
    if (has.has(skill)) {
      held.push(skill);
      heldWeight += weight;
    } else missing.push(skill);
  }
  return { ratio: totalWeight > 0 ? heldWeight / totalWeight : 0, held, missing };
}

function requiredCoverage(
  job: JobForScoring,
  has: ReadonlySet<string>,
  info?: SkillInfoLookup,
): SkillCoverage {
  if (job.requiredSkills.length > 0) {
    const { ratio, held, missing } = coverage(job.requiredSkills, has, info);
    const total = held.length + missing.length;
    return { value: ratio, note: `${held.length} of ${total} required skills`, held, missing, total };
  }
  if (job.skills.length === 0) {
    return { value: NEUTRAL_SKILLS, note: 'no skills listed', held: [], missing: [], total: 0 };
  }
  const { ratio, held } = coverage(job.skills, has, info);
  const total = new Set(job.skills).size;
  return {
    value: OVERLAP_FLOOR + OVERLAP_SPAN * ratio,
    note: `no required skills listed; ${held.length} of ${total} skills overlap`,
    held: [],
    missing: [],
    total: 0,
  };
}

function preferredCoverage(
  job: JobForScoring,
  has: ReadonlySet<string>,
  info?: SkillInfoLookup,
): SkillCoverage {
  const preferred = job.preferredSkills.filter((s) => !job.requiredSkills.includes(s));
  if (preferred.length === 0) {
    return { value: NEUTRAL_SKILLS, note: 'no preferred skills listed', held: [], missing: [], total: 0 };
  }
  const { ratio, held, missing } = coverage(preferred, has, info);
  const total = held.length + missing.length;
  return { value: ratio, note: `${held.length} of ${total} preferred skills`, held, missing, total };
}

/** Coverage of the job's required and preferred skills by the person's (canonical) skills. */
export function skillsFit(
  seekerSkills: readonly string[],
  job: JobForScoring,
  info?: SkillInfoLookup,
): SkillsResult {
  const has = new Set(seekerSkills);
  const required = requiredCoverage(job, has, info);
  const preferred = preferredCoverage(job, has, info);
  const matched = [...required.held, ...preferred.held];
  const seen = new Set(matched);
  for (const skill of job.skills) {
    if (has.has(skill) && !seen.has(skill)) {
      matched.push(skill);
      seen.add(skill);
    }
  }
  return { required, preferred, matched };
}
