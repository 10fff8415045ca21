import { eq, getTableColumns } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { jobSightings, jobs } from '../../db/schema.ts';
import { defineTool, NotFoundError, readOnly } from '../tool.ts';
import { jobDetailSchema, renderJobLine, toJobView } from './job-view.ts';

export async function loadJob(db: Database, id: string) {
  const { embedding: _e, search: _s, ...columns } = getTableColumns(jobs);
  const [row] = await db.select(columns).from(jobs).where(eq(jobs.id, id)).limit(1);
  if (!row) return null;
  const sightings = await db.select().from(jobSightings).where(eq(jobSightings.jobId, id));
  return {
    ...toJobView(row),
    description: row.descriptionMd,
    sightings: sightings.map((s) => ({
      url: s.url,
      sourceId: s.sourceId,
      lastSeen: s.lastSeen.toISOString(),
      gone: s.goneAt !== null,
    })),
  };
}

export function createGetJobTool(deps: { db: Database }) {
  return defineTool({
    id: 'get_job',
    title: 'Get a job',
    description: 'One stored job with its full description (Markdown) and every place it was seen.',
    inputSchema: z.object({ jobId: z.string().uuid().describe('the job id') }),
    outputSchema: jobDetailSchema,
    annotations: readOnly,
    async execute({ jobId }) {
      const job = await loadJob(deps.db, jobId);
      if (!job) throw new NotFoundError('job', jobId, 'jobId');
      return job;
    },
    render: (job) => `${renderJobLine(job)}\n\n${job.description}`,
  });
}
