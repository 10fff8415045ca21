// Enqueue and drain 10,000 no-op tasks on PGlite and (when BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set) on PostgreSQL; prints one JSON line per backend and a table.
//   node bench/queue.ts [--tasks 10000] [--batch 50]
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { silentLogger } from '../config/logger.ts';
import { type DbHandle, migrateDatabase, openDatabase } from '../db/client.ts';
import { createTaskQueue } from '../queue/manager.ts';
import { defineTask, TaskRegistry } from '../queue/registry.ts';
import { startWorkers } from '../queue/worker.ts';

const { values } = parseArgs({
  options: { tasks: { type: 'string', default: '10000' }, batch: { type: 'string', default: '100' } },
});
const TASKS = Number(values.tasks);
const BATCH = Number(values.batch);

interface Result {
  backend: string;
  tasks: number;
  batchSize: number;
  enqueuePerSec: number;
  drainPerSec: number;
  seconds: number;
}

async function run(backend: string, handle: DbHandle): Promise<Result> {
  await migrateDatabase(handle);
  let done = 0;
  let finished: () => void = () => {};
  const allDone = new Promise<void>((r) => {
    finished = r;
  });
  const noop = defineTask({
    name: 'noop',
    schema: z.object({ i: z.number() }),
    policy: { batchSize: BATCH, concurrency: 2, retryLimit: 0 },
    handler: async () => {
      done += 1;
      if (done === TASKS) finished();
    },
  });
  const queue = await createTaskQueue({
    handle,
    registry: new TaskRegistry([noop]),
    logger: silentLogger(),
    schema: `bench_${Date.now()}`,
    schedule: false,
  });
  await queue.start();
  const t0 = performance.now();
  for (let i = 0; i < TASKS; i += 1000) {
    await queue.enqueueMany(
      'noop',
      Array.from({ length: Math.min(1000, TASKS - i) }, (_, j) => ({ i: i + j })),
    );
  }
  const t1 = performance.now();
  await startWorkers(queue, silentLogger());
  await allDone;
  const t2 = performance.now();
  await queue.stop({ graceful: false, timeoutMs: 1000 });
  await handle.close();
  return {
    backend,
    tasks: TASKS,
    batchSize: BATCH,
    enqueuePerSec: Math.round(TASKS / ((t1 - t0) / 1000)),
    drainPerSec: Math.round(TASKS / ((t2 - t1) / 1000)),
    seconds: Number(((t2 - t0) / 1000).toFixed(2)),
  };
}

const results: Result[] = [];
results.push(await run('pglite', await openDatabase({ dataDir: 'memory://' })));
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (pgUrl) results.push(await run('postgres', await openDatabase({ databaseUrl: pgUrl })));
for (const r of results) console.log(JSON.stringify(r));
console.log('\nbackend    tasks  batch  enqueue/s  drain/s  seconds');
for (const r of results) {
  console.log(
    `${r.backend.padEnd(9)} ${String(r.tasks).padStart(6)} ${String(r.batchSize).padStart(6)} ${String(r.enqueuePerSec).padStart(10)} ${String(r.drainPerSec).padStart(8)} ${String(r.seconds).padStart(8)}`,
  );
}
