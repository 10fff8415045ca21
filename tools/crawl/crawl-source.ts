import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { TaskQueue } from '../../queue/manager.ts';
import type { SourceStore } from '../sources/store.ts';
import { defineTool, ToolInputError } from '../tool.ts';
import { type CrawlStatus, crawlStatusSchema, readCrawlStatus, renderCrawlStatus } from './crawl-status.ts';
import { CRAWL_SOURCE } from './crawl-tasks.ts';

export const CRAWL_WAIT_POLL_MS = 500;
export const CRAWL_WAIT_MAX_MS = 10 * 60_000;

const isFinished = (s: CrawlStatus | null) => s !== null && (s.state === 'done' || s.state === 'failed');

/** Polls a crawl until it finishes, reporting progress; gives up at the deadline or on abort. */
export async function waitForCrawl(
  deps: { db: Database; queue: TaskQueue },
  taskId: string,
  options: { signal?: AbortSignal; onProgress?: (s: CrawlStatus) => void; maxMs?: number } = {},
): Promise<CrawlStatus | null> {
  const deadline = Date.now() + (options.maxMs ?? CRAWL_WAIT_MAX_MS);
  let status: CrawlStatus | null = null;
  while (Date.now() < deadline && !options.signal?.aborted) {
    status = await readCrawlStatus(deps.db, deps.queue, { taskId });
    if (status) options.onProgress?.(status);
    if (isFinished(status)) return status;
    await new Promise((r) => setTimeout(r, CRAWL_WAIT_POLL_MS));
  }
  return status;
}

export function createCrawlSourceTool(deps: { db: Database; queue: TaskQueue; sources: SourceStore }) {
  return defineTool({
    id: 'crawl_source',
    title: 'Crawl a source',
    description:
      'Queue a crawl of a job source (adding it first if it is new). Returns the task id; use crawl_status to follow it, or set wait to true to return when it has finished.',
    inputSchema: z.object({
      source: z
        .string()
        .min(1)
        .describe('a source spec (greenhouse:acme, https://acme.com/careers) or a source id'),
      wait: z.boolean().default(false).describe('wait for the crawl to finish (progress is reported)'),
    }),
    outputSchema: z.object({
      taskId: z.string(),
      sourceId: z.string(),
      source: z.string(),
      status: crawlStatusSchema.nullable(),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async execute(input, context) {
      const isId = /^[0-9a-f-]{36}$/i.test(input.source);
      const source = isId
        ? await deps.sources.get(input.source)
        : (await deps.sources.add(input.source, context.userId)).source;
      if (!source) throw new ToolInputError(`source '${input.source}' was not found`, 'source');
      const taskId = await deps.queue.enqueue(CRAWL_SOURCE, { sourceId: source.id });
      if (!taskId) {
        const running = await readCrawlStatus(deps.db, deps.queue, { sourceId: source.id });
        throw new ToolInputError(
          `a crawl of ${source.spec} is already queued or running${running ? ` (${running.state})` : ''}`,
          'source',
        );
      }
      let status: CrawlStatus | null = null;
      if (input.wait) {
        status = await waitForCrawl(deps, taskId, {
          ...(context.signal ? { signal: context.signal } : {}),
          onProgress: (s) =>
            context.onProgress?.({
              done: s.pagesDone,
              total: s.pagesTotal || null,
              message: `${s.source}: ${s.jobs.new} new, ${s.jobs.changed} changed`,
            }),
        });
      }
      return { taskId, sourceId: source.id, source: source.spec, status };
    },
    render: (out) =>
      out.status ? renderCrawlStatus(out.status) : `Crawl of ${out.source} queued (task ${out.taskId}).`,
  });
}
