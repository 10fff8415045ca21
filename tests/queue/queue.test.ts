import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../config/logger.ts';
import type { TaskQueue } from '../../queue/manager.ts';
import { defineTask, TaskPayloadError } from '../../queue/registry.ts';
import { startWorkers } from '../../queue/worker.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../helpers/db.ts';
import { createEffectsTable, effectCount, recordEffect, startTestQueue, waitFor } from '../helpers/queue.ts';

describe.each(testBackends())('task queue on %s', (backend) => {
  let t: TestDatabase;
  let queue: TaskQueue;
  const attempts: number[] = [];
  let flakyHeals = false;

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    await createEffectsTable(t.handle);
    const record = defineTask({
      name: 'record',
      schema: z.object({ key: z.string().min(1) }),
      policy: { batchSize: 20 },
      handler: async ({ key }, ctx) => {
        await ctx.progress(1, 2, `recording ${key}`);
        await recordEffect(t.handle, key);
        await ctx.progress(2, 2, 'done');
        return { recorded: key };
      },
    });
    const flaky = defineTask({
      name: 'flaky',
      schema: z.object({ key: z.string() }),
      policy: { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: true },
      handler: async ({ key }) => {
        attempts.push(Date.now());
        if (!flakyHeals) throw new Error('upstream said no');
        await recordEffect(t.handle, key);
      },
    });
    const once = defineTask({
      name: 'once-a-day',
      schema: z.object({ user: z.string(), day: z.string() }),
      policy: { queuePolicy: 'exclusive', singletonKey: (p) => `${p.user}:${p.day}` },
      handler: async ({ user, day }) => recordEffect(t.handle, `${user}:${day}`),
    });
    queue = await startTestQueue(t.handle, [record, flaky, once]);
  });

  afterAll(async () => {
    await queue?.stop({ graceful: false, timeoutMs: 1000 });
    await t?.close();
  });

  it('rejects a malformed payload at enqueue with the zod reason', async () => {
    const error = await queue.enqueue('record', { key: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskPayloadError);
    expect((error as Error).message).toMatch(/task 'record'.*key/);
    await expect(queue.enqueue('no-such-task', {})).rejects.toThrow(/unknown task kind 'no-such-task'/);
  });

  it('processes an enqueued task and records its progress', async () => {
    const id = await queue.enqueue('record', { key: 'hello' });
    expect(id).toBeTruthy();
    await startWorkers(queue, silentLogger(), { kinds: ['record'] });
    await waitFor(async () => (await effectCount(t.handle, 'hello')) === 1, { what: 'task to run' });
    const progress = await waitFor(async () => {
      const p = await queue.getProgress(id!);
      return p?.done === 2 ? p : null;
    });
    expect(progress).toMatchObject({ kind: 'record', done: 2, total: 2, message: 'done' });
    const task = await waitFor(async () => {
      const found = await queue.find('record', id!);
      return found?.state === 'completed' ? found : null;
    });
    expect(task.output).toEqual({ recorded: 'hello' });
  });

  it('drains a batch of tasks', async () => {
    const keys = Array.from({ length: 50 }, (_, i) => `batch-${i}`);
    expect(
      await queue.enqueueMany(
        'record',
        keys.map((key) => ({ key })),
      ),
    ).toBe(50);
    await waitFor(async () => (await effectCount(t.handle, 'batch-49')) === 1, { what: 'batch to drain' });
    for (const key of keys) expect(await effectCount(t.handle, key)).toBe(1);
  });

  it('keeps one task per singleton key', async () => {
    const first = await queue.enqueue('once-a-day', { user: 'u1', day: '2026-12-01' });
    const second = await queue.enqueue('once-a-day', { user: 'u1', day: '2026-12-01' });
    expect(first).toBeTruthy();
    expect(second).toBeNull();
  });

  it('retries a failing task with growing backoff, dead-letters it, and redrives it', async () => {
    const id = await queue.enqueue('flaky', { key: 'flaky-1' });
    await startWorkers(queue, silentLogger(), { kinds: ['flaky'] });
    const failed = await waitFor(
      async () => {
        const list = await queue.failed('flaky');
        return list.length > 0 ? list : null;
      },
      { timeoutMs: 30_000, what: 'dead letter' },
    );
    expect(attempts).toHaveLength(3);
    const gap1 = attempts[1]! - attempts[0]!;
    const gap2 = attempts[2]! - attempts[1]!;
    expect(gap1).toBeGreaterThanOrEqual(900);
    expect(gap2).toBeGreaterThanOrEqual(1900);
    expect(failed[0]).toMatchObject({ kind: 'flaky', data: { key: 'flaky-1' } });
    expect((await queue.find('flaky', id!))?.state).toBe('failed');

    flakyHeals = true;
    expect(await queue.redrive('flaky')).toBe(1);
    await waitFor(async () => (await effectCount(t.handle, 'flaky-1')) === 1, { what: 'redriven task' });
    expect(await queue.failed('flaky')).toHaveLength(0);
  });

  it('counts tasks per kind for the CLI and metrics', async () => {
    const counts = await queue.counts();
    expect(counts.map((c) => c.kind).sort()).toEqual(['flaky', 'once-a-day', 'record']);
  });
});
