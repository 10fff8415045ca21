import { mkdirSync } from 'node:fs';
import { createAgents, type JobhoundAgents } from '../agents/agents.ts';
import { type ChatService, createChatService } from '../agents/chat.ts';
import { connectExternalMcp } from '../agents/external-mcp.ts';
import { type AgentModels, createAgentModels } from '../agents/models.ts';
import { createMatchRefiner } from '../agents/refine-matches.ts';
import { createThreadStore, type ThreadStore } from '../agents/threads.ts';
import { createDigestTasks, DIGEST_TICK, DIGEST_TICK_CRON, type DigestSender } from '../bots/digest/tasks.ts';
import { createTelegramApi } from '../bots/telegram/api.ts';
import { createTelegramDigestSender } from '../bots/telegram/digest-sender.ts';
import type { Config } from '../config/config.ts';
import type { Logger } from '../config/logger.ts';
import { type DbHandle, migrateDatabase, openDatabase, pingDatabase } from '../db/client.ts';
import { createTaskQueue, type TaskQueue } from '../queue/manager.ts';
import { TaskRegistry } from '../queue/registry.ts';
import { startWorkers } from '../queue/worker.ts';
import type { HealthCheck } from '../server/app.ts';
import { createMetrics, type Metrics } from '../server/metrics.ts';
import { createApplicationTasks } from '../tools/applications/reminder-task.ts';
import type { BrowserPool } from '../tools/crawl/browser-pool.ts';
import { CRAWL_DUE, CRAWL_DUE_CRON, createCrawlTasks } from '../tools/crawl/crawl-tasks.ts';
import { createToolRegistry } from '../tools/index.ts';
import { createEmbedBatcher } from '../tools/match/embed-batcher.ts';
import { createMatchTasks, EMBED_JOBS } from '../tools/match/match-tasks.ts';
import { createServices, type Services } from '../tools/services.ts';
import type { ToolRegistry } from '../tools/tool.ts';

export interface Runtime {
  config: Config;
  logger: Logger;
  handle: DbHandle;
  queue: TaskQueue;
  services: Services;
  tools: ToolRegistry;
  /** Conversations with the assistant, stored per user. */
  threads: ThreadStore;
  /** The assistant every chat surface talks to. */
  chat: ChatService;
  /** The assistant and its specialists. */
  agents: JobhoundAgents;
  metrics: Metrics;
  health: HealthCheck[];
  /** Where digests go: Telegram when TELEGRAM_BOT_TOKEN is set, else null. */
  digestSender: DigestSender | null;
  startWorkers(): Promise<void>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Run cron schedules (the crawl interval) in this process. */
  schedule?: boolean;
  dataDir?: string;
  browser?: BrowserPool | null;
  /** The agents' language models (tests pass mock models); default: from MODEL / AGENT_MODELS. */
  models?: AgentModels;
}

/** The composition root: database, migrations, services, task kinds, queue and tool registry. */
export async function createRuntime(
  config: Config,
  logger: Logger,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const dataDir = options.dataDir ?? config.DATA_DIR;
  if (!config.DATABASE_URL && dataDir !== 'memory://') ensureWritable(dataDir);
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir });
  let services: Services | undefined;
  try {
    await migrateDatabase(handle);
    const models = options.models ?? createAgentModels(config);
    const refiner = createMatchRefiner(models);
    services = createServices({
      config,
      logger,
      db: handle.db,
      ...(options.browser !== undefined ? { browser: options.browser } : {}),
      ...(refiner ? { refiner } : {}),
    });
    let queue: TaskQueue | undefined;
    const getQueue = () => queue!;
    // New and changed jobs from many pages go to the embedder in batches, not one task per page.
    const embeds = createEmbedBatcher(
      async (jobIds) => {
        await getQueue().enqueue(EMBED_JOBS, { jobIds });
      },
      { onError: (err) => logger.warn({ err }, 'could not queue embedding; the start-up sweep will') },
    );
    const crawl = createCrawlTasks(services, getQueue, { onJobsChanged: (jobIds) => embeds.add(jobIds) });
    const matching = createMatchTasks(services, getQueue);
    const applying = createApplicationTasks(services);
    const digestSender = config.TELEGRAM_BOT_TOKEN
      ? createTelegramDigestSender({
          db: handle.db,
          api: createTelegramApi({ ...config, TELEGRAM_BOT_TOKEN: config.TELEGRAM_BOT_TOKEN }),
          logger,
        })
      : null;
    const digest = createDigestTasks({ db: handle.db, queue: getQueue, sender: () => digestSender });
    const registry = new TaskRegistry([
      ...crawl.tasks,
      ...matching.tasks,
      ...applying.tasks,
      ...digest.tasks,
    ]);
    queue = await createTaskQueue({ handle, registry, logger, schedule: options.schedule ?? true });
    await queue.start();
    if (options.schedule ?? true) {
      await queue.schedule(CRAWL_DUE, CRAWL_DUE_CRON, {});
      await queue.schedule(DIGEST_TICK, DIGEST_TICK_CRON, {});
      await matching.checkEmbeddingModel();
    }
    const tools = createToolRegistry({ ...services, queue });
    const threads = createThreadStore(handle.db);
    const external =
      Object.keys(config.MCP_SERVERS).length > 0
        ? await connectExternalMcp(config.MCP_SERVERS, logger)
        : null;
    const agents = createAgents({
      registry: tools,
      models,
      logger,
      ...(external ? { extraTools: { researcher: external.tools } } : {}),
    });
    const chat = createChatService({ agents, threads, logger });
    const metrics = createMetrics({ queueCounts: () => queue.counts() });
    const health: HealthCheck[] = [
      { name: 'database', check: () => pingDatabase(handle) },
      {
        name: 'queue',
        check: async () => {
          if (!queue.started) throw new Error('queue is stopped');
          await queue.boss.getQueues();
        },
      },
    ];
    const svc = services;
    return {
      config,
      logger,
      handle,
      queue,
      services: svc,
      tools,
      threads,
      chat,
      agents,
      metrics,
      health,
      digestSender,
      async startWorkers() {
        await startWorkers(queue, logger, {}, metrics);
      },
      async close() {
        await embeds.flush().catch((err) => logger.warn({ err }, 'embed batch flush'));
        await queue
          .stop({ graceful: true, timeoutMs: 8000 })
          .catch((err) => logger.warn({ err }, 'queue stop'));
        await external?.close();
        await svc.close().catch((err) => logger.warn({ err }, 'services close'));
        await handle.close().catch((err) => logger.warn({ err }, 'database close'));
      },
    };
  } catch (error) {
    await services?.close().catch(() => {});
    await handle.close().catch(() => {});
    throw error;
  }
}

function ensureWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new Error(`DATA_DIR '${dir}' is not writable: ${(error as Error).message}`);
  }
}
