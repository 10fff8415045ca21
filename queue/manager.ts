import { fromPglite, PgBoss } from 'pg-boss';
import type { Logger } from '../config/logger.ts';
import type { DbHandle } from '../db/client.ts';
import { createProgressStore, type ProgressStore, type TaskProgress } from './progress.ts';
import { type AnyTask, deadLetterName, TaskPayloadError, type TaskRegistry } from './registry.ts';

export interface QueueOptions {
  handle: DbHandle;
  registry: TaskRegistry;
  logger: Logger;
  /** pg-boss schema; tests use one per file so suites do not share tasks. */
  schema?: string;
  /** Supervisor interval: how soon expired (crashed) tasks are noticed. */
  superviseIntervalSeconds?: number;
  /** Run cron schedules in this process. */
  schedule?: boolean;
}

export interface EnqueueOptions {
  startAfterSeconds?: number;
  singletonKey?: string;
  priority?: number;
}

export interface TaskSummary {
  id: string;
  kind: string;
  state: string;
  retryCount: number;
  createdOn: Date;
  data: unknown;
  output: unknown;
}

export interface QueueCounts {
  kind: string;
  queued: number;
  active: number;
  deadLettered: number;
  total: number;
}

export type TaskQueue = Awaited<ReturnType<typeof createTaskQueue>>;

/** pg-boss on the same database as everything else: the embedded PGlite or Postgres. */
export async function createTaskQueue(options: QueueOptions) {
  const { handle, registry, logger } = options;
  const common = {
    schema: options.schema ?? 'pgboss',
    // How soon a task whose worker died (missed heartbeat, expired lease) is noticed and retried.
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? 10,
    monitorIntervalSeconds: options.superviseIntervalSeconds ?? 10,
    schedule: options.schedule ?? true,
    // Workers poll; maintenance and monitoring stay at their defaults.
  };
  const boss =
    handle.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(handle.pglite), backend: 'pglite', ...common })
      : new PgBoss({ connectionString: handle.connectionString, max: 4, ...common });
  boss.on('error', (error) => logger.error({ err: error }, 'queue error'));

  const progress: ProgressStore = createProgressStore(handle.db);
  let started = false;

  async function ensureQueues(): Promise<void> {
    for (const task of registry.list()) {
      const dead = deadLetterName(task.name);
      if (!(await boss.getQueue(dead))) await boss.createQueue(dead, { retryLimit: 0 });
      const queueOptions = {
        retryLimit: task.policy.retryLimit,
        retryDelay: task.policy.retryDelaySeconds,
        retryBackoff: task.policy.retryBackoff,
        expireInSeconds: task.policy.expireInSeconds,
        deadLetter: dead,
      };
      const heartbeat = task.policy.heartbeatSeconds
        ? { heartbeatSeconds: task.policy.heartbeatSeconds }
        : {};
      // Policy and heartbeat are fixed when a queue is created; the rest follows the code on every start.
      if (await boss.getQueue(task.name)) await boss.updateQueue(task.name, queueOptions);
      else
        await boss.createQueue(task.name, { ...queueOptions, ...heartbeat, policy: task.policy.queuePolicy });
    }
  }

  return {
    boss,
    registry,
    progress,

    async start(): Promise<void> {
      if (started) return;
      await boss.start();
      await ensureQueues();
      started = true;
    },

    /** Validates the payload with the task's zod schema before anything is stored. */
    async enqueue(kind: string, payload: unknown, opts: EnqueueOptions = {}): Promise<string | null> {
      const task = registry.require(kind);
      const parsed = task.schema.safeParse(payload);
      if (!parsed.success) throw new TaskPayloadError(kind, parsed.error);
      const singletonKey = opts.singletonKey ?? task.policy.singletonKey?.(parsed.data);
      return boss.send(kind, parsed.data as object, {
        ...(singletonKey ? { singletonKey } : {}),
        ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
        ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
      });
    },

    /** Bulk enqueue for fan-out (a crawl's detail pages); payloads are validated first. */
    async enqueueMany(kind: string, payloads: unknown[]): Promise<number> {
      const task = registry.require(kind);
      const rows = payloads.map((payload) => {
        const parsed = task.schema.safeParse(payload);
        if (!parsed.success) throw new TaskPayloadError(kind, parsed.error);
        const singletonKey = task.policy.singletonKey?.(parsed.data);
        return { data: parsed.data as object, ...(singletonKey ? { singletonKey } : {}) };
      });
      if (rows.length > 0) await boss.insert(kind, rows);
      return rows.length;
    },

    async schedule(kind: string, cron: string, payload: unknown, tz = 'UTC'): Promise<void> {
      const task = registry.require(kind);
      const parsed = task.schema.safeParse(payload);
      if (!parsed.success) throw new TaskPayloadError(kind, parsed.error);
      await boss.schedule(kind, cron, parsed.data as object, { tz });
    },

    async getProgress(taskId: string): Promise<TaskProgress | null> {
      return progress.get(taskId);
    },

    async find(kind: string, id: string): Promise<TaskSummary | null> {
      const [job] = await boss.findJobs(kind, { id });
      return job ? summarize(job) : null;
    },

    async counts(): Promise<QueueCounts[]> {
      const out: QueueCounts[] = [];
      for (const task of registry.list()) {
        const [main, dead] = await Promise.all([
          boss.getQueue(task.name),
          boss.getQueue(deadLetterName(task.name)),
        ]);
        out.push({
          kind: task.name,
          queued: main?.queuedCount ?? 0,
          active: main?.activeCount ?? 0,
          deadLettered: dead?.queuedCount ?? 0,
          total: main?.totalCount ?? 0,
        });
      }
      return out;
    },

    /** Tasks that failed their last retry and sit in a dead-letter queue. */
    async failed(kind?: string): Promise<TaskSummary[]> {
      const kinds = kind ? [registry.require(kind)] : registry.list();
      const out: TaskSummary[] = [];
      for (const task of kinds) {
        const jobs = await boss.findJobs(deadLetterName(task.name), { queued: true, limit: 1000 });
        out.push(...jobs.map((job) => ({ ...summarize(job), kind: task.name })));
      }
      return out;
    },

    /** Moves dead-lettered tasks back to their queue; returns how many moved. */
    async redrive(kind?: string, ids?: string[]): Promise<number> {
      const kinds = kind ? [registry.require(kind)] : registry.list();
      let moved = 0;
      for (const task of kinds) {
        moved += await boss.redrive(deadLetterName(task.name), {
          destination: task.name,
          ...(ids ? { ids } : {}),
        });
      }
      return moved;
    },

    async stop(options: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
      if (!started) return;
      started = false;
      await boss.stop({
        graceful: options.graceful ?? true,
        timeout: options.timeoutMs ?? 8000,
        close: true,
      });
    },

    get started() {
      return started;
    },
  };
}

function summarize(job: {
  id: string;
  name: string;
  state: string;
  retryCount: number;
  createdOn: Date;
  data: unknown;
  output: unknown;
}): TaskSummary {
  return {
    id: job.id,
    kind: job.name,
    state: job.state,
    retryCount: job.retryCount,
    createdOn: job.createdOn,
    data: job.data,
    output: job.output,
  };
}

export type { AnyTask };
