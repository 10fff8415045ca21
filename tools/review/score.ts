import type { Seniority } from '../jobs/types.ts';
import { titleSimilarity } from '../match/score-title.ts';
import type { ParsedResume } from '../resume/parse.ts';
import type { JobRequirement } from './job-requirements.ts';

export interface Component {
  /** 0..1, or null when it could not be judged (then it carries no weight). */
  value: number | null;
  /** Share within its group: fit (skills, title, level) or quality (sections, figures, length). */
  weight: number;
  group: 'fit' | 'quality';
  note: string;
}

const FIT_WEIGHTS = {
  requiredSkills: 0.7,
  preferredSkills: 0.1,
  titleAlignment: 0.1,
  seniorityFit: 0.1,
} as const;
const QUALITY_WEIGHTS = { sections: 0.4, measurableResults: 0.35, length: 0.25 } as const;
export const COMPONENT_WEIGHTS = { ...FIT_WEIGHTS, ...QUALITY_WEIGHTS } as const;
export type ComponentName = keyof typeof COMPONENT_WEIGHTS;
export const groupOf = (name: ComponentName): Component['group'] => (name in FIT_WEIGHTS ? 'fit' : 'quality');
/** How much a well-made resume can lift (or a poor one lower) the fit: at most a fifth. */
export const QUALITY_SHARE = 0.2;

// Soft skills and spoken languages say little about fit; requirement terms outside the taxonomy
// are read less surely than taxonomy skills.
const CATEGORY_WEIGHT: Record<string, number> = { 'soft-skill': 0.3, 'spoken-language': 0.4 };
const TERM_WEIGHT = 0.6;

const pct = (v: number) => `${Math.round(v * 100)}%`;

export function skillCoverage(requirements: JobRequirement[], held: ReadonlySet<string>, what: string) {
  if (requirements.length === 0) {
    return { value: null, note: `the job lists no ${what} skills` } satisfies Omit<
      Component,
      'weight' | 'group'
    >;
  }
  let total = 0;
  let have = 0;
  for (const r of requirements) {
    const w = r.known ? (CATEGORY_WEIGHT[r.category ?? ''] ?? 1) : TERM_WEIGHT;
    total += w;
    if (held.has(r.name)) have += w;
  }
  const count = requirements.filter((r) => held.has(r.name)).length;
  return { value: have / total, note: `${count} of ${requirements.length} ${what} skills shown` };
}

const RECENCY_DISCOUNT = 0.9;

export function titleAlignment(
  jobTitle: string,
  resumeTitles: string[],
): Omit<Component, 'weight' | 'group'> {
  if (!jobTitle.trim()) return { value: null, note: 'the job has no title to compare' };
  if (resumeTitles.length === 0) return { value: null, note: 'no job titles found in the resume' };
  let best = 0;
  let bestTitle = resumeTitles[0]!;
  resumeTitles.forEach((t, i) => {
    const s = titleSimilarity(jobTitle, t) * (i === 0 ? 1 : RECENCY_DISCOUNT);
    if (s > best) {
      best = s;
      bestTitle = t;
    }
  });
  return { value: best, note: `closest title: ${bestTitle} (${pct(best)} alike)` };
}

const LEVEL_RANK: Record<Seniority, number> = {
  intern: 0,
  junior: 1,
  mid: 2,
  senior: 3,
  lead: 4,
  staff: 4,
  manager: 4,
  principal: 5,
  director: 6,
  executive: 7,
};
const LEVEL_GAP_VALUE = [1, 0.55, 0.25, 0];

export function seniorityFit(
  job: { level: Seniority | null; years: number | null },
  resume: Pick<ParsedResume, 'totalYears' | 'seniority'> & { hasDates: boolean },
): Omit<Component, 'weight' | 'group'> {
  const parts: number[] = [];
  const notes: string[] = [];
  if (job.years !== null && resume.hasDates) {
    parts.push(job.years === 0 ? 1 : Math.min(1, resume.totalYears / job.years));
    notes.push(`asks ${job.years}+ years, resume shows ${resume.totalYears}`);
  }
  if (job.level !== null) {
    const gap = LEVEL_RANK[job.level] - LEVEL_RANK[resume.seniority];
    parts.push(gap <= 0 ? 1 : (LEVEL_GAP_VALUE[gap] ?? 0));
    notes.push(`job level ${job.level}, resume reads as ${resume.seniority}`);
  }
  if (parts.length === 0) return { value: null, note: 'the job states no level or years of experience' };
  return { value: Math.min(...parts), note: notes.join('; ') };
}

export function sectionCompleteness(
  parsed: ParsedResume,
): Omit<Component, 'weight' | 'group'> & { missing: string[] } {
  const kinds = new Set(parsed.sections.map((s) => s.kind));
  const checks: Array<[string, boolean]> = [
    ['email', Boolean(parsed.contact.email)],
    ['phone', Boolean(parsed.contact.phone)],
    ['summary', Boolean(parsed.summary)],
    ['experience', kinds.has('experience') && parsed.experience.length > 0],
    ['education', kinds.has('education')],
    ['skills', kinds.has('skills')],
  ];
  const missing = checks.filter(([, ok]) => !ok).map(([name]) => name);
  return {
    value: (checks.length - missing.length) / checks.length,
    note:
      missing.length === 0 ? 'all the usual sections and contact details' : `missing: ${missing.join(', ')}`,
    missing,
  };
}

// A figure: "30%", "$2M", "40 services", "3x" — not a year or a date.
const METRIC =
  /(?:[$€£]\s?\d|\d+(?:[.,]\d+)?\s?(?:%|x\b|k\b|m\b|bn\b|million|billion)|\b\d{1,3}(?:,\d{3})+\b|\b(?!(?:19|20)\d{2}\b)\d+\+?\s+\p{L}{3,})/iu;

export function hasMetric(line: string): boolean {
  return METRIC.test(line);
}

export function measurableResults(
  parsed: ParsedResume,
): Omit<Component, 'weight' | 'group'> & { bullets: number; quantified: number } {
  const bullets = parsed.experience.flatMap((e) => e.bullets);
  if (bullets.length === 0) {
    return { value: null, note: 'no experience bullets found', bullets: 0, quantified: 0 };
  }
  const quantified = bullets.filter(hasMetric).length;
  // Half the bullets carrying a figure is as good as it gets; more reads as padding.
  return {
    value: Math.min(1, quantified / bullets.length / 0.5),
    note: `${quantified} of ${bullets.length} bullets carry a number`,
    bullets: bullets.length,
    quantified,
  };
}

export function lengthFit(
  text: string,
  pages: number | undefined,
): Omit<Component, 'weight' | 'group'> & { words: number } {
  const words = text.split(/\s+/).filter(Boolean).length;
  let value = words >= 300 && words <= 1000 ? 1 : words >= 150 && words <= 1400 ? 0.6 : 0.3;
  if (pages !== undefined && pages > 2) value = Math.min(value, 0.5);
  const pageNote = pages !== undefined ? `, ${pages} page${pages === 1 ? '' : 's'}` : '';
  return { value, note: `${words} words${pageNote}`, words };
}

function weightedMean(components: Component[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const c of components) {
    if (c.value === null) continue;
    sum += c.value * c.weight;
    weight += c.weight;
  }
  return weight === 0 ? null : sum / weight;
}

/**
 * 0..100: how well the resume fits the job (skills, title, level), scaled by how well it is made
 * (sections, figures, length). A polished resume for the wrong job stays low.
 */
export function combine(components: Record<ComponentName, Component>): number {
  const all = Object.values(components);
  const fit = weightedMean(all.filter((c) => c.group === 'fit'));
  if (fit === null) return 0;
  const quality = weightedMean(all.filter((c) => c.group === 'quality')) ?? 1;
  return Math.round(100 * fit * (1 - QUALITY_SHARE + QUALITY_SHARE * quality));
}

export type ScoreBand = 'low' | 'medium' | 'high';
export const BAND_EDGES = { high: 60, medium: 40 } as const;

export function bandOf(score: number): ScoreBand {
  return score >= BAND_EDGES.high ? 'high' : score >= BAND_EDGES.medium ? 'medium' : 'low';
}
