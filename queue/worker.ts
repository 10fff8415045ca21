import type { JobResult } from 'pg-boss';
import type { Logger } from '../config/logger.ts';
import type { TaskQueue } from './manager.ts';
import type { AnyTask, TaskContext } from './registry.ts';

export interface WorkerHooks {
  /** Called after every attempt, for metrics. */
  onTaskFinished?(kind: string, outcome: 'completed' | 'failed', seconds: number): void;
}

export interface WorkerOptions {
  /** Seconds between polls when a queue is idle (pg-boss minimum 0.5). */
  pollingIntervalSeconds?: number;
  /** Only these task kinds (default: all registered). */
  kinds?: string[];
}

/**
 * Subscribes a handler per task kind. Each task in a fetched batch is settled on its own, so one
 * failing payload does not retry its neighbours.
 */
export async function startWorkers(
  queue: TaskQueue,
  logger: Logger,
  options: WorkerOptions = {},
  hooks: WorkerHooks = {},
): Promise<string[]> {
  const ids: string[] = [];
  const kinds = options.kinds ? options.kinds.map((k) => queue.registry.require(k)) : queue.registry.list();
  for (const task of kinds) {
    const id = await queue.boss.work<unknown>(
      task.name,
      {
        batchSize: task.policy.batchSize,
        localConcurrency: task.policy.concurrency,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
        burstWhenBatchFull: true,
        perJobResults: true,
      },
      async (batch) => Promise.all(batch.map((job) => runOne(task, job, queue, logger, hooks))),
    );
    ids.push(id);
  }
  return ids;
}

async function runOne(
  task: AnyTask,
  job: { id: string; data: unknown; retryCount: number; signal: AbortSignal },
  queue: TaskQueue,
  logger: Logger,
  hooks: WorkerHooks,
): Promise<JobResult> {
  const started = performance.now();
  const log = logger.child({ task: task.name, taskId: job.id, attempt: job.retryCount });
  const context: TaskContext = {
    taskId: job.id,
    retryCount: job.retryCount,
    signal: job.signal,
    logger: log,
    progress: (done, total, message) =>
      queue.progress.report(job.id, task.name, {
        done,
        total: total ?? null,
        ...(message ? { message } : {}),
      }),
  };
  try {
    const payload = task.schema.parse(job.data);
    const output = await task.handler(payload, context);
    hooks.onTaskFinished?.(task.name, 'completed', (performance.now() - started) / 1000);
    return { id: job.id, status: 'completed', output: output ?? undefined };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn({ err: error }, `task failed: ${message}`);
    hooks.onTaskFinished?.(task.name, 'failed', (performance.now() - started) / 1000);
    return { id: job.id, status: 'failed', output: { message } };
  }
}
