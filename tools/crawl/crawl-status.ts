import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { crawlRuns, sources } from '../../db/schema.ts';
import type { TaskQueue } from '../../queue/manager.ts';
import { defineTool, NotFoundError, readOnly, ToolInputError } from '../tool.ts';
import { CRAWL_SOURCE } from './crawl-tasks.ts';

export const crawlStatusSchema = z.object({
  taskId: z.string().nullable(),
  sourceId: z.string(),
  source: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  complete: z.boolean(),
  pagesDone: z.number(),
  pagesTotal: z.number(),
  jobs: z.object({
    new: z.number(),
    changed: z.number(),
    unchanged: z.number(),
    closed: z.number(),
    failed: z.number(),
  }),
  errors: z.array(z.string()),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type CrawlStatus = z.infer<typeof crawlStatusSchema>;

/** Where a crawl stands: by its task id (from crawl_source) or the latest run of a source. */
export async function readCrawlStatus(
  db: Database,
  queue: TaskQueue,
  by: { taskId?: string | undefined; sourceId?: string | undefined },
): Promise<CrawlStatus | null> {
  const query = db
    .select({ run: crawlRuns, spec: sources.spec })
    .from(crawlRuns)
    .innerJoin(sources, eq(sources.id, crawlRuns.sourceId));
  const [row] = by.taskId
    ? await query.where(eq(crawlRuns.taskId, by.taskId)).limit(1)
    : await query.where(eq(crawlRuns.sourceId, by.sourceId!)).orderBy(desc(crawlRuns.startedAt)).limit(1);
  if (!row) {
    if (!by.taskId) return null;
    const task = await queue.find(CRAWL_SOURCE, by.taskId);
    if (!task) return null;
    const sourceId = (task.data as { sourceId: string }).sourceId;
    const [source] = await db.select().from(sources).where(eq(sources.id, sourceId));
    return {
      taskId: by.taskId,
      sourceId,
      source: source?.spec ?? sourceId,
      state: task.state === 'failed' ? 'failed' : 'queued',
      complete: false,
      pagesDone: 0,
      pagesTotal: 0,
      jobs: { new: 0, changed: 0, unchanged: 0, closed: 0, failed: 0 },
      errors: [],
      startedAt: null,
      finishedAt: null,
    };
  }
  const { run, spec } = row;
  return {
    taskId: run.taskId,
    sourceId: run.sourceId,
    source: spec,
    state: run.status as CrawlStatus['state'],
    complete: run.complete,
    pagesDone: run.pagesDone,
    pagesTotal: run.pagesTotal,
    jobs: {
      new: run.jobsNew,
      changed: run.jobsChanged,
      unchanged: run.jobsUnchanged,
      closed: run.jobsClosed,
      failed: run.jobsFailed,
    },
    errors: (run.errors as string[]).slice(0, 20),
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

export function renderCrawlStatus(s: CrawlStatus): string {
  const pages = s.pagesTotal > 0 ? `, pages ${s.pagesDone}/${s.pagesTotal}` : '';
  const j = s.jobs;
  const head = `${s.source}: ${s.state}${pages} — ${j.new} new, ${j.changed} changed, ${j.unchanged} unchanged, ${j.closed} closed, ${j.failed} failed`;
  return s.errors.length > 0 ? `${head}\n  ${s.errors.slice(0, 3).join('\n  ')}` : head;
}

export function createCrawlStatusTool(deps: { db: Database; queue: TaskQueue }) {
  return defineTool({
    id: 'crawl_status',
    title: 'Crawl status',
    description:
      'Progress and result of a crawl: pages done/total and jobs new, changed, unchanged, closed and failed. Give the taskId that crawl_source returned, or a sourceId for its latest crawl.',
    inputSchema: z
      .object({ taskId: z.string().optional(), sourceId: z.string().uuid().optional() })
      .refine((v) => v.taskId || v.sourceId, { message: 'give taskId or sourceId' }),
    outputSchema: crawlStatusSchema,
    annotations: readOnly,
    async execute(input) {
      if (!input.taskId && !input.sourceId) throw new ToolInputError('give taskId or sourceId', 'taskId');
      const status = await readCrawlStatus(deps.db, deps.queue, input);
      if (!status)
        throw new NotFoundError(
          'crawl',
          input.taskId ?? input.sourceId!,
          input.taskId ? 'taskId' : 'sourceId',
        );
      return status;
    },
    render: renderCrawlStatus,
  });
}
