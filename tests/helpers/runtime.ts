import type { AgentModels } from '../../agents/models.ts';
import { createRuntime, type Runtime } from '../../cli/runtime.ts';
import { type Env, loadConfig } from '../../config/config.ts';
import { silentLogger } from '../../config/logger.ts';
import type { BrowserPool } from '../../tools/crawl/browser-pool.ts';
import { waitForCrawl } from '../../tools/crawl/crawl-source.ts';
import type { CrawlStatus } from '../../tools/crawl/crawl-status.ts';
import { callTool } from '../../tools/tool.ts';
import { createPostgresDatabase, defaultBackend, dropPostgresDatabase } from './db.ts';

export interface TestRuntime {
  runtime: Runtime;
  userId: string;
  /** Calls a tool as the local user, through the same validation every surface uses. */
  call(tool: string, args: unknown): Promise<unknown>;
  /** Queues a crawl and waits for it to finish. */
  crawl(source: string): Promise<CrawlStatus>;
  close(): Promise<void>;
}

/** A whole Jobhound (database, queue with workers, services, tools) on a fresh test database. */
export async function startTestRuntime(
  options: { env?: Env; browser?: BrowserPool | null; models?: AgentModels } = {},
): Promise<TestRuntime> {
  const pgUrl = defaultBackend() === 'postgres' ? await createPostgresDatabase() : undefined;
  const config = loadConfig({
    CRAWL_ALLOW_HOSTS: '127.0.0.1',
    ...options.env,
    ...(pgUrl ? { DATABASE_URL: pgUrl } : {}),
  });
  const runtime = await createRuntime(config, silentLogger(), {
    schedule: false,
    dataDir: 'memory://',
    browser: options.browser ?? null,
    ...(options.models ? { models: options.models } : {}),
  });
  await runtime.startWorkers();
  const userId = await runtime.services.accounts.localUser();
  const call = (tool: string, args: unknown) => callTool(runtime.tools.require(tool), args, { userId });
  return {
    runtime,
    userId,
    call,
    async crawl(source) {
      const out = (await call('crawl_source', { source })) as { taskId: string };
      const status = await waitForCrawl({ db: runtime.handle.db, queue: runtime.queue }, out.taskId, {
        maxMs: 90_000,
      });
      if (!status || (status.state !== 'done' && status.state !== 'failed')) {
        throw new Error(`crawl of ${source} did not finish: ${JSON.stringify(status)}`);
      }
      return status;
    },
    async close() {
      await runtime.close();
      if (pgUrl) await dropPostgresDatabase(pgUrl);
    },
  };
}
