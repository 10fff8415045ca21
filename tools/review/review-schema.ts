import { z } from 'zod';
import { formattingRiskSchema } from './formatting-risks.ts';
import { highlightSchema } from './highlights.ts';
import { suggestionSchema } from './suggestions.ts';

const componentSchema = z.object({
  /** 0..1, or null when it could not be judged (then it carries no weight in the score). */
  value: z.number().min(0).max(1).nullable(),
  /** Share within its group; score = fit × (0.8 + 0.2 × quality), each a weighted mean of its group. */
  weight: z.number(),
  group: z.enum(['fit', 'quality']),
  note: z.string(),
});

const skillSplit = z.object({ required: z.array(z.string()), preferred: z.array(z.string()) });

export const atsReviewSchema = z.object({
  score: z.number().int().min(0).max(100),
  band: z.enum(['low', 'medium', 'high']),
  components: z.object({
    requiredSkills: componentSchema,
    preferredSkills: componentSchema,
    titleAlignment: componentSchema,
    seniorityFit: componentSchema,
    sections: componentSchema,
    measurableResults: componentSchema,
    length: componentSchema,
  }),
  /** Canonical skill names (or, for requirements the taxonomy lacks, the posting's own words). */
  matchedSkills: skillSplit,
  missingSkills: skillSplit,
  highlights: z.array(highlightSchema),
  formattingRisks: z.array(formattingRiskSchema),
  suggestions: z.array(suggestionSchema),
  /** What could not be judged, and why: the review is best effort where these apply. */
  limitations: z.array(z.string()),
  job: z.object({ title: z.string(), company: z.string().nullable(), language: z.string() }),
  resume: z.object({
    name: z.string().nullable(),
    titles: z.array(z.string()),
    totalYears: z.number(),
    seniority: z.string(),
  }),
});
export type AtsReview = z.infer<typeof atsReviewSchema>;

export function renderReview(r: AtsReview): string {
  const lines = [`ATS score ${r.score}/100 (${r.band}) for ${r.job.title || 'this job'}`];
  for (const [name, c] of Object.entries(r.components)) {
    const value = c.value === null ? 'not judged' : `${Math.round(c.value * 100)}%`;
    lines.push(`  ${name}: ${value} — ${c.note}`);
  }
  const list = (xs: string[]) => xs.join(', ') || 'none';
  lines.push(`matched: ${list([...r.matchedSkills.required, ...r.matchedSkills.preferred])}`);
  lines.push(`missing (required): ${list(r.missingSkills.required)}`);
  if (r.missingSkills.preferred.length) lines.push(`missing (preferred): ${list(r.missingSkills.preferred)}`);
  if (r.formattingRisks.length) {
    lines.push('formatting risks:');
    for (const risk of r.formattingRisks) lines.push(`  [${risk.severity}] ${risk.message}`);
  }
  if (r.suggestions.length) {
    lines.push('suggestions:');
    for (const s of r.suggestions) lines.push(`  ${s.priority}. ${s.text}`);
  }
  for (const l of r.limitations) lines.push(`note: ${l}`);
  return lines.join('\n');
}
