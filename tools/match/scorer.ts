import { exclusionDealbreakers } from './score-exclusions.ts';
import { checkScoreInput } from './score-input.ts';
import { type LocationResult, locationFit } from './score-location.ts';
import { recencyFit } from './score-recency.ts';
import { salaryFit } from './score-salary.ts';
import { seniorityFit } from './score-seniority.ts';
import { type SkillInfoLookup, skillsFit } from './score-skills.ts';
import { sponsorshipBlocked, sponsorshipOffered } from './score-sponsorship.ts';
import { summarise } from './score-summary.ts';
import { roleFit } from './score-title.ts';
import type { ComponentName, JobForScoring, MatchScore, ScoreComponent, SeekerForScoring } from './types.ts';

export type { SkillInfoLookup } from './score-skills.ts';
export { sponsorshipBlocked } from './score-sponsorship.ts';
export { titleSimilarity } from './score-title.ts';

/** Stored with every match, so scores from an older scorer can be told apart and recomputed. */
export const SCORER_VERSION = 'det-1';

// Weights chosen on evals/datasets/matching (mean NDCG@10 0.986 with a constant similarity; every
// nearby setting tried scored 0.98–0.99). The role and the required skills carry most of the signal;
// place, level and pay separate the near-misses; recency only breaks ties.
export const WEIGHT_REQUIRED_SKILLS = 0.22;
export const WEIGHT_PREFERRED_SKILLS = 0.04;
export const WEIGHT_TITLE = 0.28;
export const WEIGHT_SENIORITY = 0.12;
export const WEIGHT_SALARY = 0.08;
export const WEIGHT_LOCATION = 0.12;
export const WEIGHT_RECENCY = 0.02;
export const WEIGHT_SEMANTIC = 0.12;

export const WEIGHTS: Readonly<Record<ComponentName, number>> = {
  requiredSkills: WEIGHT_REQUIRED_SKILLS,
  preferredSkills: WEIGHT_PREFERRED_SKILLS,
  title: WEIGHT_TITLE,
  seniority: WEIGHT_SENIORITY,
  salary: WEIGHT_SALARY,
  location: WEIGHT_LOCATION,
  recency: WEIGHT_RECENCY,
  semantic: WEIGHT_SEMANTIC,
};

/** Highest score with one dealbreaker; each further one lowers the cap by DEALBREAKER_STEP. */
export const DEALBREAKER_CAP = 35;
export const DEALBREAKER_STEP = 10;
const DEALBREAKER_FLOOR = 10;

// Resume-vs-posting cosine rarely leaves 0.2..0.8; that band is stretched to 0..1.
const SIMILARITY_FLOOR = 0.2;
const SIMILARITY_SPAN = 0.6;
// A person who needs a visa ranks jobs that offer one above jobs that say nothing.
const SPONSORSHIP_SILENT = 0.85;

export interface ScoreContext {
  /** Cosine similarity (0..1) of the resume and job embeddings. */
  similarity: number;
  now: Date;
  /** Skill categories (and labels) from the skill extractor's `get`; without it all skills weigh the same. */
  skillInfo?: SkillInfoLookup;
}

const SKILL_WORD_START = /(^|[\s/-])(\p{L})/gu;

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function component(name: ComponentName, value: number, note: string): ScoreComponent {
  return { value: Math.round(clamp01(value) * 1000) / 1000, weight: WEIGHTS[name], note };
}

function withSponsorship(seeker: SeekerForScoring, job: JobForScoring, location: LocationResult) {
  if (!seeker.profile.needsSponsorship) return { location, dealbreaker: null };
  if (sponsorshipBlocked(job.descriptionMd)) {
    return { location, dealbreaker: 'Says it cannot sponsor visas; you need sponsorship' };
  }
  if (sponsorshipOffered(job.descriptionMd)) {
    return { location: { ...location, note: `${location.note}; sponsors visas` }, dealbreaker: null };
  }
  const note = `${location.note}; no word on visa sponsorship`;
  return { location: { ...location, value: location.value * SPONSORSHIP_SILENT, note }, dealbreaker: null };
}

function labeller(info: SkillInfoLookup | undefined): (skill: string) => string {
  return (skill) =>
    info?.(skill)?.label ??
    skill.replace(SKILL_WORD_START, (_, gap: string, ch: string) => gap + ch.toUpperCase());
}

function capFor(dealbreakers: number): number {
  if (dealbreakers === 0) return 100;
  return Math.max(DEALBREAKER_FLOOR, DEALBREAKER_CAP - DEALBREAKER_STEP * (dealbreakers - 1));
}

function measure(seeker: SeekerForScoring, job: JobForScoring, context: ScoreContext) {
  const skills = skillsFit(seeker.skills, job, context.skillInfo);
  const title = roleFit(seeker.profile.roles, seeker.titles, job.title);
  const seniority = seniorityFit(seeker, job);
  const salary = salaryFit(seeker, job);
  const { location, dealbreaker: sponsorship } = withSponsorship(seeker, job, locationFit(seeker, job));
  const recency = recencyFit(job, context.now);
  const similarity = clamp01(context.similarity);
  const components: Record<ComponentName, ScoreComponent> = {
    requiredSkills: component('requiredSkills', skills.required.value, skills.required.note),
    preferredSkills: component('preferredSkills', skills.preferred.value, skills.preferred.note),
    title: component('title', title.value, title.note),
    seniority: component('seniority', seniority.value, seniority.note),
    salary: component('salary', salary.value, salary.note),
    location: component('location', location.value, location.note),
    recency: component('recency', recency.value, recency.note),
    semantic: component(
      'semantic',
      (similarity - SIMILARITY_FLOOR) / SIMILARITY_SPAN,
      `resume similarity ${similarity.toFixed(2)}`,
    ),
  };
  const dealbreakers = [
    ...exclusionDealbreakers(seeker.profile, job),
    location.dealbreaker,
    sponsorship,
    salary.dealbreaker,
    seniority.dealbreaker,
  ].filter((d): d is string => d !== null);
  return { skills, title, seniority, salary, location, recency, components, dealbreakers };
}

/**
 * Scores how well a job fits a person, 0..100, with the parts that explain it: eight weighted
 * components (each 0..1), matched and missing skills, dealbreakers and a one-sentence summary.
 * Score = round(100 × Σ weight × value), capped at DEALBREAKER_CAP when anything rules the job out.
 * Pure and deterministic.
 */
export function scoreMatch(seeker: SeekerForScoring, job: JobForScoring, context: ScoreContext): MatchScore {
  checkScoreInput(seeker, job, context);
  const m = measure(seeker, job, context);
  let total = 0;
  for (const c of Object.values(m.components)) total += c.weight * c.value;
  const score = Math.min(Math.round(100 * total), capFor(m.dealbreakers.length));
  const summary = summarise({
    score,
    components: m.components,
    dealbreakers: m.dealbreakers,
    jobTitle: job.title,
    titleTarget: m.title.target,
    targetField: m.title.targetField,
    jobField: m.title.jobField,
    requiredHeld: m.skills.required.held,
    requiredMissing: m.skills.required.missing.length,
    requiredTotal: m.skills.required.total,
    preferredMissing: m.skills.preferred.missing.length,
    jobLevel: m.seniority.jobLevel,
    locationPhrase: m.location.phrase,
    salaryMeets: m.salary.meets,
    ageDays: m.recency.ageDays,
    label: labeller(context.skillInfo),
  });
  const { matched, required, preferred } = m.skills;
  return {
    score,
    components: m.components,
    reasons: {
      matchedSkills: matched,
      missingSkills: { required: required.missing, preferred: preferred.missing },
      dealbreakers: m.dealbreakers,
      summary,
    },
  };
}
