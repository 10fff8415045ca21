import { mkdirSync } from 'node:fs';
import type { Config } from '../config/config.ts';
import type { Logger } from '../config/logger.ts';
import { type DbHandle, migrateDatabase, openDatabase, pingDatabase } from '../db/client.ts';
import { createTaskQueue, type TaskQueue } from '../queue/manager.ts';
import { TaskRegistry } from '../queue/registry.ts';
import { createTasks } from '../queue/tasks/index.ts';
import { startWorkers } from '../queue/worker.ts';
import type { HealthCheck } from '../server/app.ts';
import { createMetrics, type Metrics } from '../server/metrics.ts';

export interface Runtime {
  config: Config;
  logger: Logger;
  handle: DbHandle;
  queue: TaskQueue;
  metrics: Metrics;
  health: HealthCheck[];
  startWorkers(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the database, applies migrations and starts the queue: what every long-running command needs. */
export async function createRuntime(
  config: Config,
  logger: Logger,
  options: { schedule?: boolean; dataDir?: string } = {},
): Promise<Runtime> {
  const dataDir = options.dataDir ?? config.DATA_DIR;
  if (!config.DATABASE_URL) ensureWritable(dataDir);
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir });
  try {
    await migrateDatabase(handle);
    const registry = new TaskRegistry(createTasks({ config, logger, handle }));
    const queue = await createTaskQueue({ handle, registry, logger, schedule: options.schedule ?? true });
    await queue.start();
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
    return {
      config,
      logger,
      handle,
      queue,
      metrics,
      health,
      async startWorkers() {
        await startWorkers(queue, logger, {}, metrics);
      },
      async close() {
        await queue
          .stop({ graceful: true, timeoutMs: 8000 })
          .catch((err) => logger.warn({ err }, 'queue stop'));
        await handle.close().catch((err) => logger.warn({ err }, 'database close'));
      },
    };
  } catch (error) {
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
