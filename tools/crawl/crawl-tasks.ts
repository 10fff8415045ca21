import { z } from 'zod';
import type { TaskQueue } from '../../queue/manager.ts';
import { defineTask } from '../../queue/registry.ts';
import type { Services } from '../services.ts';
import { createCrawler } from './crawler.ts';

export const CRAWL_SOURCE = 'crawl-source';
export const CRAWL_PAGE = 'crawl-page';
export const CRAWL_DUE = 'crawl-due';
/** Every ten minutes, sources whose interval has passed are queued. */
export const CRAWL_DUE_CRON = '*/10 * * * *';

export function createCrawlTasks(
  services: Services,
  queue: () => TaskQueue,
  hooks: { onJobsChanged?(ids: string[]): Promise<void> } = {},
) {
  const crawler = createCrawler({
    db: services.db,
    fetcher: services.fetcher,
    browser: services.browser,
    normalize: services.normalize,
    jobStore: services.jobStore,
    logger: services.logger.child({ component: 'crawler' }),
    enqueuePages: async (runId, urls) => {
      await queue().enqueueMany(
        CRAWL_PAGE,
        urls.map((url) => ({ runId, url })),
      );
    },
    ...(hooks.onJobsChanged ? { onJobsChanged: hooks.onJobsChanged } : {}),
  });

  const crawlSource = defineTask({
    name: CRAWL_SOURCE,
    schema: z.object({ sourceId: z.string().uuid() }),
    policy: {
      retryLimit: 3,
      retryDelaySeconds: 10,
      expireInSeconds: 30 * 60,
      heartbeatSeconds: 10,
      queuePolicy: 'exclusive',
      singletonKey: (p) => p.sourceId,
      batchSize: 2,
      concurrency: 2,
    },
    async handler({ sourceId }, ctx) {
      const source = await services.sources.get(sourceId);
      if (!source) return { skipped: 'source no longer exists' };
      const run = await crawler.crawlSource(source, ctx.taskId, (done, total, message) =>
        ctx.progress(done, total, message),
      );
      return { runId: run.id, status: run.status };
    },
  });

  const crawlPage = defineTask({
    name: CRAWL_PAGE,
    schema: z.object({ runId: z.string().uuid(), url: z.string().url() }),
    policy: {
      retryLimit: 2,
      retryDelaySeconds: 5,
      expireInSeconds: 5 * 60,
      heartbeatSeconds: 10,
      batchSize: 16,
      concurrency: 2,
    },
    async handler({ runId, url }) {
      await crawler.crawlPage(runId, url);
    },
  });

  const crawlDue = defineTask({
    name: CRAWL_DUE,
    schema: z.object({}).passthrough(),
    policy: { retryLimit: 1, batchSize: 1, concurrency: 1 },
    async handler() {
      const due = await services.sources.due(services.config.CRAWL_INTERVAL_HOURS);
      for (const source of due) await queue().enqueue(CRAWL_SOURCE, { sourceId: source.id });
      return { queued: due.length };
    },
  });

  return { tasks: [crawlSource, crawlPage, crawlDue], crawler };
}
