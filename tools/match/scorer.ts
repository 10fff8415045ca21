import { exclusionDealbreakers } from './score-exclusions.ts';
import { type LocationResult, locationFit } from './score-location.ts';
import { seniorityFit } from './score-seniority.ts';
import { type SkillInfoLookup, skillsFit } from './score-skills.ts';
import { sponsorshipBlocked, sponsorshipOffered } from './score-sponsorship.ts';
import { summarise } from './score-summary.ts';
import { type ParsedTitle, parsedTitleSimilarity, parseTitle, titleField } from './score-title.ts';
import type { ComponentName, JobForScoring, MatchScore, ScoreComponent, SeekerForScoring } from './types.ts';

export type { SkillInfoLookup } from './score-skills.ts';
export { sponsorshipBlocked } from './score-sponsorship.ts';
export { titleSimilarity } from './score-title.ts';

/** Stored with every match, so scores from an older scorer can be told apart and recomputed. */
export const SCORER_VERSION = 'det-1';

// Weights chosen on evals/datasets/matching: the role (title) and the required skills carry most of
// the signal; place and level separate near-misses; recency only breaks ties.
export const WEIGHT_REQUIRED_SKILLS = 0.24;
export const WEIGHT_PREFERRED_SKILLS = 0.05;
export const WEIGHT_TITLE = 0.24;
export const WEIGHT_SENIORITY = 0.12;
export const WEIGHT_SALARY = 0.08;
export const WEIGHT_LOCATION = 0.12;
export const WEIGHT_RECENCY = 0.03;
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

export const NEUTRAL_SALARY = 0.7;
// Exchange rates drift: a top of range within 3% of the minimum is not called "below" it.
const SALARY_TOLERANCE = 0.97;
const SALARY_SLOPE = 3;
const FRESH_DAYS = 7;
const STALE_DAYS = 60;
const STALE_VALUE = 0.3;
// Resume-vs-posting cosine rarely leaves this band; it is stretched to 0..1.
const SIMILARITY_FLOOR = 0.2;
const SIMILARITY_SPAN = 0.6;
// A person who needs a visa ranks jobs that offer one above jobs that say nothing.
const SPONSORSHIP_SILENT = 0.85;
const TITLE_NEUTRAL = 0.5;
const TITLE_WEIGHT_ROLE = 1;
const TITLE_WEIGHT_CURRENT = 0.9;
// Earlier titles are often the juniors people grew out of ("Teaching Assistant" before "Teacher").
const TITLE_WEIGHT_EARLIER = 0.6;
const MAX_TITLES = 5;
const DAY_MS = 86_400_000;

export interface ScoreContext {
  /** Cosine similarity (0..1) of the resume and job embeddings. */
  similarity: number;
  now: Date;
  skillInfo?: SkillInfoLookup;
}

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const SKILL_WORD_START = /(^|[\s/-])(\p{L})/gu;

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

function component(name: ComponentName, value: number, note: string): ScoreComponent {
  return { value: Math.round(clamp01(value) * 1000) / 1000, weight: WEIGHTS[name], note };
}

interface TitleResult {
  value: number;
  note: string;
  target: string | null;
  targetField: string | null;
  jobField: string | null;
}

function titleFit(seeker: SeekerForScoring, job: JobForScoring): TitleResult {
  const jobTitle = parseTitle(job.title);
  const targets = [
    ...seeker.profile.roles.map((title) => ({ title, weight: TITLE_WEIGHT_ROLE })),
    ...seeker.titles
      .slice(0, MAX_TITLES)
      .map((title, i) => ({ title, weight: i === 0 ? TITLE_WEIGHT_CURRENT : TITLE_WEIGHT_EARLIER })),
  ];
  const jobField = titleField(jobTitle);
  if (targets.length === 0) {
    return {
      value: TITLE_NEUTRAL,
      note: 'no target roles to compare',
      target: null,
      targetField: null,
      jobField,
    };
  }
  let best = -1;
  let bestTarget = targets[0]!.title;
  let bestParsed: ParsedTitle | null = null;
  for (const target of targets) {
    const parsed = parseTitle(target.title);
    const value = target.weight * parsedTitleSimilarity(parsed, jobTitle);
    if (value > best) [best, bestTarget, bestParsed] = [value, target.title, parsed];
  }
  const note =
    best >= 0.75
      ? `close to ${bestTarget}`
      : best >= 0.4
        ? `related to ${bestTarget}`
        : 'far from your target roles';
  return {
    value: best,
    note,
    target: bestTarget,
    targetField: bestParsed ? titleField(bestParsed) : null,
    jobField,
  };
}

function salaryFit(seeker: SeekerForScoring, job: JobForScoring) {
  const minimum = seeker.minSalaryUsdYear;
  const top = job.salaryMaxUsdYear ?? job.salaryMinUsdYear;
  if (minimum === null || minimum <= 0)
    return { value: NEUTRAL_SALARY, note: 'no minimum set', meets: false, dealbreaker: null };
  if (top === null)
    return { value: NEUTRAL_SALARY, note: 'no salary stated', meets: false, dealbreaker: null };
  if (top >= minimum)
    return {
      value: 1,
      note: `up to ${USD.format(top)}/yr, meets your minimum`,
      meets: true,
      dealbreaker: null,
    };
  // "From $60k" with no top may still reach the minimum.
  if (job.salaryMaxUsdYear === null)
    return { value: NEUTRAL_SALARY, note: `from ${USD.format(top)}/yr`, meets: false, dealbreaker: null };
  const ratio = top / minimum;
  const dealbreaker =
    ratio < SALARY_TOLERANCE
      ? `Pays up to ${USD.format(top)}/yr, below your minimum of ${USD.format(minimum)}`
      : null;
  return {
    value: 1 - SALARY_SLOPE * (1 - ratio),
    note: `up to ${USD.format(top)}/yr, below your minimum`,
    meets: false,
    dealbreaker,
  };
}

function recencyFit(job: JobForScoring, now: Date): { value: number; ageDays: number } {
  const posted = job.postedAt ?? job.firstSeen;
  const ageDays = Math.max(0, (now.getTime() - posted.getTime()) / DAY_MS);
  if (ageDays <= FRESH_DAYS) return { value: 1, ageDays };
  if (ageDays >= STALE_DAYS) return { value: STALE_VALUE, ageDays };
  return { value: 1 - ((1 - STALE_VALUE) * (ageDays - FRESH_DAYS)) / (STALE_DAYS - FRESH_DAYS), ageDays };
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

function fail(field: string, reason: string): never {
  throw new TypeError(`scoreMatch: ${field} ${reason}`);
}

function validate(seeker: SeekerForScoring, job: JobForScoring, context: ScoreContext): void {
  if (!seeker || typeof seeker !== 'object') fail('seeker', 'must be an object');
  if (!Array.isArray(seeker.skills)) fail('seeker.skills', 'must be an array of skill names');
  if (!Array.isArray(seeker.titles)) fail('seeker.titles', 'must be an array of titles');
  if (!seeker.profile || typeof seeker.profile !== 'object')
    fail('seeker.profile', 'must be a profile object');
  if (!job || typeof job !== 'object') fail('job', 'must be an object');
  if (typeof job.title !== 'string') fail('job.title', 'must be a string');
  if (typeof job.descriptionMd !== 'string') fail('job.descriptionMd', 'must be a string');
  for (const field of ['skills', 'requiredSkills', 'preferredSkills'] as const) {
    if (!Array.isArray(job[field])) fail(`job.${field}`, 'must be an array of skill names');
  }
  if (!(job.firstSeen instanceof Date) || Number.isNaN(job.firstSeen.getTime()))
    fail('job.firstSeen', 'must be a valid Date');
  if (job.postedAt !== null && (!(job.postedAt instanceof Date) || Number.isNaN(job.postedAt.getTime()))) {
    fail('job.postedAt', 'must be a valid Date or null');
  }
  if (!context || typeof context.similarity !== 'number' || !Number.isFinite(context.similarity)) {
    fail('context.similarity', 'must be a finite number (cosine similarity 0..1)');
  }
  if (!(context.now instanceof Date) || Number.isNaN(context.now.getTime()))
    fail('context.now', 'must be a valid Date');
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

/**
 * Scores how well a job fits a person, 0..100, with the parts that explain it: eight weighted
 * components (each 0..1), matched and missing skills, dealbreakers and a one-sentence summary.
 * Any dealbreaker caps the score at DEALBREAKER_CAP. Pure and deterministic.
 */
export function scoreMatch(seeker: SeekerForScoring, job: JobForScoring, context: ScoreContext): MatchScore {
  validate(seeker, job, context);
  const skills = skillsFit(seeker.skills, job, context.skillInfo);
  const title = titleFit(seeker, job);
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
    recency: component('recency', recency.value, `posted ${Math.round(recency.ageDays)} days ago`),
    semantic: component(
      'semantic',
      (similarity - SIMILARITY_FLOOR) / SIMILARITY_SPAN,
      `resume similarity ${similarity.toFixed(2)}`,
    ),
  };
  let total = 0;
  for (const name of Object.keys(components) as ComponentName[]) {
    total += components[name].weight * components[name].value;
  }
  const dealbreakers = [
    ...exclusionDealbreakers(seeker.profile, job),
    location.dealbreaker,
    sponsorship,
    salary.dealbreaker,
    seniority.dealbreaker,
  ].filter((d): d is string => d !== null);
  const score = Math.min(Math.round(100 * total), capFor(dealbreakers.length));

  const summary = summarise({
    score,
    components,
    dealbreakers,
    jobTitle: job.title,
    titleTarget: title.target,
    targetField: title.targetField,
    jobField: title.jobField,
    requiredHeld: skills.required.held,
    requiredMissing: skills.required.missing.length,
    requiredTotal: skills.required.total,
    preferredMissing: skills.preferred.missing.length,
    jobLevel: seniority.jobLevel,
    locationPhrase: location.phrase,
    salaryMeets: salary.meets,
    ageDays: recency.ageDays,
    label: labeller(context.skillInfo),
  });
  return {
    score,
    components,
    reasons: {
      matchedSkills: skills.matched,
      missingSkills: { required: skills.required.missing, preferred: skills.preferred.missing },
      dealbreakers,
      summary,
    },
  };
}
