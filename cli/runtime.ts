import { mkdirSync } from 'node:fs';
import { createAgents, type JobhoundAgents } from '../agents/agents.ts';
import { type ChatService, createChatService } from '../agents/chat.ts';
import { connectExternalMcp } from '../agents/external-mcp.ts';
import { type AgentModels, createAgentModels } from '../agents/models.ts';
import { createMatchRefiner } from '../agents/refine-matches.ts';
import { createThreadStore, type ThreadStore } from '../agents/threads.ts';
import { createDigestTasks, DIGEST_TICK, DIGEST_TICK_CRON, type DigestSender } from '../bots/digest/tasks.ts';
import { createEmailDigestSender } from '../bots/email/digest-sender.ts';
import { createEmailSender, type EmailSender } from '../bots/email/sender.ts';
import { createUserNotifier } from '../bots/notify.ts';
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
import { createChatConfirmation } from '../tools/applications/chat-confirmation.ts';
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
  /** Where digests go: Telegram when TELEGRAM_BOT_TOKEN is set, e-mail when SMTP_URL is set. */
  digestSenders: DigestSender[];
  /** Sends e-mail through SMTP_URL (digests, reminders), or null when it is not set. */
  email: EmailSender | null;
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
  let email: EmailSender | null = null;
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
    email = createEmailSender(config, logger);
    const telegram = config.TELEGRAM_BOT_TOKEN
      ? createTelegramApi({ ...config, TELEGRAM_BOT_TOKEN: config.TELEGRAM_BOT_TOKEN })
      : null;
    // Follow-up reminders reach the user the way digests do: their chat and their address.
    const notify = createUserNotifier({ db: handle.db, telegram, email, logger });
    const applying = createApplicationTasks({ db: handle.db, notify });
    const digestSenders: DigestSender[] = [];
    if (telegram) digestSenders.push(createTelegramDigestSender({ db: handle.db, api: telegram, logger }));
    if (email) digestSenders.push(createEmailDigestSender({ db: handle.db, email, logger }));
    const digest = createDigestTasks({ db: handle.db, queue: getQueue, senders: () => digestSenders });
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
    const chat = createChatService({
      agents,
      threads,
      logger,
      // "approve" in chat is the person's own action: the service approves, never a model.
      confirmations: createChatConfirmation({ db: handle.db }),
    });
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
      digestSenders,
      email,
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
        email?.close();
        await handle.close().catch((err) => logger.warn({ err }, 'database close'));
      },
    };
  } catch (error) {
    await services?.close().catch(() => {});
    email?.close();
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
