import { sql } from 'drizzle-orm';
import { silentLogger } from '../../config/logger.ts';
import type { DbHandle } from '../../db/client.ts';
import { createTaskQueue, type TaskQueue } from '../../queue/manager.ts';
import { type AnyTask, TaskRegistry } from '../../queue/registry.ts';

/** A queue on a test database with the given task kinds, started. */
export async function startTestQueue(
  handle: DbHandle,
  tasks: AnyTask[],
  options: { superviseIntervalSeconds?: number } = {},
): Promise<TaskQueue> {
  const queue = await createTaskQueue({
    handle,
    registry: new TaskRegistry(tasks),
    logger: silentLogger(),
    schedule: false,
    ...options,
  });
  await queue.start();
  return queue;
}

/** A side-effect table for tests: how many times each key was written. */
export async function createEffectsTable(handle: DbHandle): Promise<void> {
  await handle.db.execute(
    sql`create table if not exists test_effects (key text primary key, count int not null default 1, at timestamptz not null default now())`,
  );
}

export async function recordEffect(handle: DbHandle, key: string): Promise<void> {
  await handle.db.execute(
    sql`insert into test_effects (key) values (${key}) on conflict (key) do update set count = test_effects.count + 1`,
  );
}

export async function effectCount(handle: DbHandle, key: string): Promise<number> {
  const rows = await handle.db.execute<{ count: number }>(
    sql`select count from test_effects where key = ${key}`,
  );
  return Number(rows.rows[0]?.count ?? 0);
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  { timeoutMs = 20_000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
