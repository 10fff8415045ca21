import { getTableColumns, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { jobs } from '../../db/schema.ts';
import { jobViewSchema, renderJobLine, toJobView } from '../jobs/job-view.ts';
import type { RankedMatch } from './matcher.ts';

const componentSchema = z.object({ value: z.number(), weight: z.number(), note: z.string() });

export const matchViewSchema = z.object({
  job: jobViewSchema,
  score: z.number().int().min(0).max(100),
  components: z.record(z.string(), componentSchema),
  reasons: z.object({
    matchedSkills: z.array(z.string()),
    missingSkills: z.object({ required: z.array(z.string()), preferred: z.array(z.string()) }),
    dealbreakers: z.array(z.string()),
    summary: z.string(),
  }),
  refined: z
    .object({ position: z.number().int(), explanation: z.string().nullable(), model: z.string() })
    .optional()
    .describe('the configured language model’s order and explanation; the score is always ours'),
});
export type MatchView = z.infer<typeof matchViewSchema>;

/** Joins ranked matches with their jobs, keeping the ranking order. */
export async function toMatchViews(db: Database, ranked: RankedMatch[]): Promise<MatchView[]> {
  if (ranked.length === 0) return [];
  const { embedding: _e, search: _s, ...columns } = getTableColumns(jobs);
  const rows = await db
    .select(columns)
    .from(jobs)
    .where(
      inArray(
        jobs.id,
        ranked.map((r) => r.jobId),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, toJobView(r)]));
  return ranked
    .filter((r) => byId.has(r.jobId))
    .map((r) => ({
      job: byId.get(r.jobId)!,
      score: r.score,
      components: r.components,
      reasons: r.reasons,
      ...(r.refined ? { refined: r.refined } : {}),
    }));
}

export function renderMatch(m: MatchView, index?: number): string {
  const head = `${index !== undefined ? `${index + 1}. ` : ''}[${m.score}] ${renderJobLine(m.job)}`;
  const lines = [head, `   ${m.reasons.summary}`];
  if (m.refined?.explanation) lines.push(`   (${m.refined.model}) ${m.refined.explanation}`);
  if (m.reasons.dealbreakers.length > 0) lines.push(`   ⚠ ${m.reasons.dealbreakers.join('; ')}`);
  return lines.join('\n');
}
