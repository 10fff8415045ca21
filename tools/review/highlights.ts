import { z } from 'zod';
import type { SkillSpan } from '../skills/extract.ts';
import { isAspirational, type ResumeSkill } from './held-skills.ts';
import type { Importance, JobRequirement } from './job-requirements.ts';
import { findTermSpans } from './requirement-terms.ts';

const spanSchema = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() });

export const highlightSchema = z.object({
  skill: z.string(),
  label: z.string(),
  status: z.enum(['matched', 'missing']),
  importance: z.enum(['required', 'preferred']),
  /** False for a requirement the skills taxonomy does not know, matched word for word. */
  known: z.boolean(),
  /** Spans in the job description (empty when the skill is named only in the title). */
  job: z.array(spanSchema),
  /** Spans in the resume text: where it shows the skill (empty when missing). */
  resume: z.array(spanSchema),
});
export type Highlight = z.infer<typeof highlightSchema>;

/** Where the resume shows one requirement; mentions that only aim for it ("studying for") do not count. */
export function resumeSpansFor(
  requirement: Pick<JobRequirement, 'name' | 'label' | 'known'>,
  resumeSkills: ReadonlyMap<string, ResumeSkill>,
  resumeText: string,
): SkillSpan[] {
  if (requirement.known) return resumeSkills.get(requirement.name)?.held ?? [];
  return findTermSpans(resumeText, requirement.label).filter((s) => !isAspirational(resumeText, s));
}

/**
 * One highlight per job requirement, with character spans in both texts, so a surface can colour
 * matched and missing skills where they are written.
 */
export function buildHighlights(
  requirements: readonly JobRequirement[],
  resumeSkills: ReadonlyMap<string, ResumeSkill>,
  resumeText: string,
): Highlight[] {
  const shown = new Map(requirements.map((r) => [r.name, resumeSpansFor(r, resumeSkills, resumeText)]));
  return requirements.flatMap((r) => {
    const resume = shown.get(r.name) ?? [];
    if (r.context && resume.length === 0) return [];
    // "gRPC or REST": with gRPC shown, REST is no longer a required gap.
    const covered = resume.length === 0 && (r.alternatives ?? []).some((a) => shown.get(a)?.length);
    return {
      skill: r.name,
      label: r.label,
      status: resume.length > 0 ? 'matched' : 'missing',
      importance: covered ? 'preferred' : r.importance,
      known: r.known,
      job: r.spans,
      resume,
    };
  });
}

export function splitByStatus(highlights: readonly Highlight[]) {
  const pick = (status: Highlight['status'], importance: Importance) =>
    highlights.filter((h) => h.status === status && h.importance === importance).map((h) => h.skill);
  return {
    matched: { required: pick('matched', 'required'), preferred: pick('matched', 'preferred') },
    missing: { required: pick('missing', 'required'), preferred: pick('missing', 'preferred') },
  };
}
