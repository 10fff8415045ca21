import type { ComponentName, ScoreComponent } from './types.ts';

/** What the summary sentence may mention, gathered while scoring. */
export interface SummaryFacts {
  score: number;
  components: Record<ComponentName, ScoreComponent>;
  dealbreakers: readonly string[];
  jobTitle: string;
  /** The seeker's role or title the job title came closest to. */
  titleTarget: string | null;
  /** Broad fields ("software") of that target and of the job title, when their words say. */
  targetField: string | null;
  jobField: string | null;
  requiredHeld: readonly string[];
  requiredMissing: number;
  requiredTotal: number;
  preferredMissing: number;
  jobLevel: string | null;
  locationPhrase: string;
  salaryMeets: boolean;
  ageDays: number;
  label: (skill: string) => string;
}

export const STRONG_FIT = 75;
export const FAIR_FIT = 55;
const STRENGTH = 0.75;
const WEAKNESS = 0.4;
const MAX_STRENGTHS = 3;
const MAX_WEAKNESSES = 2;
const EXACT_TITLE = 0.99;
// Strengths are picked by contribution but read in this order: skills first, as people ask about them.
const READING_ORDER: readonly ComponentName[] = [
  'requiredSkills',
  'title',
  'location',
  'salary',
  'seniority',
  'preferredSkills',
  'recency',
  'semantic',
];
// Recency and resume similarity explain little on their own; mention them only when nothing else does.
const MINOR: ReadonlySet<ComponentName> = new Set(['recency', 'semantic']);

function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function strength(name: ComponentName, f: SummaryFacts): string {
  const c = f.components[name];
  switch (name) {
    case 'requiredSkills': {
      if (f.requiredTotal === 0) return c.note;
      const top = f.requiredHeld.slice(0, 2).map(f.label);
      return `${f.requiredHeld.length} of ${f.requiredTotal} required skills${top.length ? ` including ${andList(top)}` : ''}`;
    }
    case 'title':
      if (!f.titleTarget) return 'the role matches';
      return c.value >= EXACT_TITLE
        ? `the role matches ${f.titleTarget}`
        : `the role is close to ${f.titleTarget}`;
    case 'seniority':
      return `the ${f.jobLevel ?? 'stated'} level fits`;
    case 'location':
      return f.locationPhrase;
    case 'salary':
      return f.salaryMeets ? 'salary meets your minimum' : c.note;
    case 'recency':
      return f.ageDays < 2 ? 'posted today' : `posted ${Math.round(f.ageDays)} days ago`;
    case 'semantic':
      return 'your resume reads close to the posting';
    default:
      return c.note;
  }
}

function weakness(name: ComponentName, f: SummaryFacts): string {
  const c = f.components[name];
  switch (name) {
    case 'requiredSkills':
      return f.requiredMissing > 0
        ? `${plural(f.requiredMissing, 'required skill is', 'required skills are')} missing`
        : c.note;
    case 'preferredSkills':
      return `${plural(f.preferredMissing, 'preferred skill is', 'preferred skills are')} missing`;
    case 'title':
      if (f.targetField && f.jobField !== f.targetField) {
        return `the title is ${f.jobTitle}, not a ${f.targetField} role`;
      }
      return f.titleTarget
        ? `the title is ${f.jobTitle}, far from ${f.titleTarget}`
        : `the title is ${f.jobTitle}`;
    case 'seniority':
      return `the ${f.jobLevel ?? 'stated'} level is a stretch`;
    case 'salary':
      return 'the pay is below your minimum';
    case 'location':
      return `it is ${c.note}`;
    case 'recency':
      return `it was posted ${Math.round(f.ageDays)} days ago`;
    case 'semantic':
      return 'your resume reads differently from the posting';
    default:
      return c.note;
  }
}

function pick(
  f: SummaryFacts,
  keep: (c: ScoreComponent) => boolean,
  weight: (c: ScoreComponent) => number,
  max: number,
): ComponentName[] {
  const names = (Object.keys(f.components) as ComponentName[])
    .filter((n) => keep(f.components[n]))
    .sort((a, b) => weight(f.components[b]) - weight(f.components[a]));
  const major = names.filter((n) => !MINOR.has(n));
  return (major.length > 0 ? major : names).slice(0, max);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** One sentence: the verdict, then the strongest and weakest parts of the match. */
export function summarise(f: SummaryFacts): string {
  if (f.dealbreakers.length > 0) {
    const more = f.dealbreakers.length - 1;
    return `Weak fit: ${lowerFirst(f.dealbreakers[0]!)}${more > 0 ? ` (and ${plural(more, 'more problem', 'more problems')})` : ''}.`;
  }
  const strengths = pick(
    f,
    (c) => c.value >= STRENGTH,
    (c) => c.weight * c.value,
    MAX_STRENGTHS,
  )
    .sort((a, b) => READING_ORDER.indexOf(a) - READING_ORDER.indexOf(b))
    .map((n) => strength(n, f));
  const weakNames = pick(
    f,
    (c) => c.value <= WEAKNESS,
    (c) => c.weight * (1 - c.value),
    MAX_WEAKNESSES + 1,
  );
  // "Required skills are missing" already says it; preferred ones would repeat it.
  const weaknesses = (
    weakNames.includes('requiredSkills') ? weakNames.filter((n) => n !== 'preferredSkills') : weakNames
  )
    .slice(0, MAX_WEAKNESSES)
    .map((n) => weakness(n, f));
  const joinWeak = (items: string[]) =>
    items.length === 2 && items[0]!.includes(',') ? `${items[0]}, and ${items[1]}` : andList(items);
  // However good the rest, a job in another line of work is not a strong fit.
  if (f.score >= STRONG_FIT && f.components.title.value > WEAKNESS) {
    return `Strong fit: ${strengths.join('; ')}.`;
  }
  if (f.score >= FAIR_FIT) {
    const good = strengths.join('; ');
    const bad = joinWeak(weaknesses);
    if (!good) return `Fair fit: ${bad || 'nothing stands out either way'}.`;
    return `Fair fit: ${good}${bad ? `; but ${bad}` : ''}.`;
  }
  if (weaknesses.length === 0)
    return `Weak fit: ${strengths.join('; ') || 'little in common with your profile'}.`;
  return `Weak fit: ${joinWeak(weaknesses)}.`;
}
