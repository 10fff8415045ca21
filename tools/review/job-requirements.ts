import type { SkillExtractor, SkillSpan } from '../skills/extract.ts';
import { splitRequirementRanges } from '../skills/requirements.ts';
import { findRequirementTerms } from './requirement-terms.ts';
import type { ReviewJob } from './review-input.ts';

export type Importance = 'required' | 'preferred';

/** One thing the posting asks for: a taxonomy skill, or a requirement term the taxonomy lacks. */
export interface JobRequirement {
  name: string;
  label: string;
  importance: Importance;
  /** False for a term read from a requirement line that no taxonomy skill covers. */
  known: boolean;
  category: string | null;
  /** Offsets into the job description. */
  spans: SkillSpan[];
  /**
   * Named only outside the posting's requirement lists ("we build accounting software"): it counts
   * when the resume shows it, but is never reported as missing.
   */
  context?: boolean;
  /** Skills the posting offers as alternatives ("gRPC or REST"): having one of them is enough. */
  alternatives?: string[];
}

const ALTERNATIVE_GAP = /^\s*(?:,\s*)?(?:or|\/|and\/or)\s*$/i;

/** Pairs of skills written as alternatives of each other ("Go or Rust", "AWS/GCP"). */
function alternativesOf(text: string, mentions: ReadonlyArray<{ skill: string; spans: SkillSpan[] }>) {
  const spans = mentions
    .flatMap((m) => m.spans.map((s) => ({ skill: m.skill, start: s.start, end: s.end })))
    .sort((a, b) => a.start - b.start);
  const out = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    if (!out.has(a)) out.set(a, new Set());
    out.get(a)!.add(b);
  };
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1]!;
    const next = spans[i]!;
    if (next.start < prev.end || !ALTERNATIVE_GAP.test(text.slice(prev.end, next.start))) continue;
    link(prev.skill, next.skill);
    link(next.skill, prev.skill);
  }
  return out;
}

function kindAt(ranges: ReturnType<typeof splitRequirementRanges>, at: number) {
  return ranges.find((r) => at >= r.start && at < r.end)?.kind ?? 'other';
}

/**
 * What a posting asks for, required before preferred. Skills outside any requirements heading count
 * as required (as classifySkills does); skills named only in the title are required too.
 */
export function readJobRequirements(
  extractor: Pick<SkillExtractor, 'extract'>,
  job: Pick<ReviewJob, 'title' | 'description'>,
): JobRequirement[] {
  const ranges = splitRequirementRanges(job.description);
  // With a requirements list present, a skill named only elsewhere ("we sell accounting software")
  // is context, so it counts as preferred; without one, everything named is what the job asks.
  const listed = ranges.some((r) => r.kind !== 'other');
  const importance = (kinds: string[]): Importance =>
    kinds.includes('required') || (!listed && kinds.includes('other')) ? 'required' : 'preferred';
  // "AWS (SageMaker, S3)": what the brackets name are examples, not demands of their own.
  const brackets = [...job.description.matchAll(/\([^)\n]*\)/g)].map((m) => [m.index, m.index + m[0].length]);
  const bracketed = (at: number) => brackets.some(([from, to]) => at > from! && at < to!);
  const mentions = extractor.extract(job.description);
  const alternatives = alternativesOf(job.description, mentions);
  const out: JobRequirement[] = mentions.map((m) => {
    const kinds = m.spans.filter((s) => !bracketed(s.start)).map((s) => kindAt(ranges, s.start));
    return {
      name: m.skill,
      label: m.label,
      importance: kinds.length === 0 ? 'preferred' : importance(kinds),
      known: true,
      category: m.category,
      spans: m.spans,
      ...(listed && m.spans.every((s) => kindAt(ranges, s.start) === 'other') ? { context: true } : {}),
      ...(alternatives.has(m.skill) ? { alternatives: [...alternatives.get(m.skill)!] } : {}),
    };
  });
  const named = new Set(out.map((r) => r.name));
  for (const m of extractor.extract(job.title)) {
    if (named.has(m.skill)) continue;
    named.add(m.skill);
    out.push({
      name: m.skill,
      label: m.label,
      importance: 'required',
      known: true,
      category: m.category,
      spans: [],
    });
  }
  const skillSpans = mentions.flatMap((m) => m.spans);
  for (const term of findRequirementTerms(job.description, ranges, skillSpans)) {
    if (named.has(term.name)) continue;
    out.push({ ...term, known: false, category: null });
  }
  const rank = (r: JobRequirement) => (r.importance === 'required' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b));
}
