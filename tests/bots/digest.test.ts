import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeDigest, DEFAULT_DIGEST_SIZE, localClock } from '../../bots/digest/compose.ts';
import { renderDigestText } from '../../bots/digest/render.ts';
import { createDigestTasks, DIGEST_USER, deliverDigest } from '../../bots/digest/tasks.ts';
import { silentLogger } from '../../config/logger.ts';
import { digestItems, digests, matches } from '../../db/schema.ts';
import type { TaskQueue } from '../../queue/manager.ts';
import { startWorkers } from '../../queue/worker.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../helpers/db.ts';
import { startTestQueue, waitFor } from '../helpers/queue.ts';
import { recordingSender } from './digest-fakes.ts';
import { seedJob, seedMatch, seedUser, tasksSettled } from './seed.ts';

describe('the local clock', () => {
  it('finds the local date and hour in a time zone', () => {
    const at = new Date('2026-12-06T23:30:00Z');
    expect(localClock(at, 'Europe/Berlin')).toEqual({ date: '2026-12-07', hour: 0 });
    expect(localClock(at, 'America/Los_Angeles')).toEqual({ date: '2026-12-06', hour: 15 });
    expect(localClock(at, 'UTC')).toEqual({ date: '2026-12-06', hour: 23 });
  });
});

describe.each(testBackends())('digest on %s', (backend) => {
  let tdb: TestDatabase;
  const queues: TaskQueue[] = [];

  beforeEach(async () => {
    tdb = await createTestDatabase(backend);
  });
  afterEach(async () => {
    for (const q of queues.splice(0)) await q.stop({ graceful: false, timeoutMs: 2000 });
    await tdb.close();
  });

  it('composes the top matches above the threshold, without closed, hidden or disliked jobs', async () => {
    const db = tdb.handle.db;
    const userId = await seedUser(db, { scoreThreshold: 60 });
    const scores = [95, 90, 85, 80, 75, 70, 65];
    for (const score of scores) {
      await seedMatch(db, userId, await seedJob(db, { title: `Engineer ${score}`, company: 'Acme' }), score);
    }
    await seedMatch(db, userId, await seedJob(db, { title: 'Below', company: 'Acme' }), 59);
    await seedMatch(db, userId, await seedJob(db, { title: 'Closed', company: 'Acme', closed: true }), 99);
    await seedMatch(db, userId, await seedJob(db, { title: 'Hidden', company: 'Acme' }), 98, {
      hidden: true,
    });
    await seedMatch(db, userId, await seedJob(db, { title: 'Disliked', company: 'Acme' }), 97, {
      feedback: -1,
    });
    const other = await seedUser(db, { name: 'Grace' });
    await seedMatch(db, other, await seedJob(db, { title: 'Not yours', company: 'Acme' }), 100);

    const digest = await composeDigest(db, userId, { now: new Date('2026-12-06T08:00:00Z') });
    expect(digest.items).toHaveLength(DEFAULT_DIGEST_SIZE);
    expect(digest.items.map((i) => i.score)).toEqual([95, 90, 85, 80, 75]);
    expect(digest.items[0]!.reasons[0]).toMatch(/Strong fit/);
    expect(digest.localDate).toBe('2026-12-06');
    expect(digest.since).toBeNull();
    const text = renderDigestText(digest);
    expect(text).toContain('1. [95] Engineer 95 — Acme (Berlin, Germany, hybrid · EUR 70,000–90,000 / year)');
    expect(text).toContain('https://boards.greenhouse.io/');
    expect((await composeDigest(db, userId, { limit: 2 })).items).toHaveLength(2);
  });

  it('never sends a job twice and only matches made since the last digest', async () => {
    const db = tdb.handle.db;
    const userId = await seedUser(db);
    const sender = recordingSender(async () => [userId]);
    const first = await seedJob(db, { title: 'Backend Engineer', company: 'Acme' });
    const old = await seedJob(db, { title: 'Old Engineer', company: 'Initech' });
    await seedMatch(db, userId, first, 90);
    await seedMatch(db, userId, old, 70, { createdAt: new Date(Date.now() - 86_400_000) });
    const deps = { db, senders: () => [sender], now: () => new Date('2026-12-06T09:00:00Z') };

    expect(await deliverDigest(deps, userId)).toMatchObject({ status: 'sent', items: 2 });
    expect(await deliverDigest(deps, userId)).toEqual({ status: 'already-sent' });

    // Next day: the sent job re-scored (its match row re-created) is not sent again; an older
    // match made before the last digest is not "new"; a fresh one is.
    await db.delete(matches).where(eq(matches.jobId, first));
    await seedMatch(db, userId, first, 95);
    const fresh = await seedJob(db, { title: 'Platform Engineer', company: 'Globex' });
    await seedMatch(db, userId, fresh, 80);
    const stale = await seedJob(db, { title: 'Stale Engineer', company: 'Hooli' });
    await seedMatch(db, userId, stale, 99, { createdAt: new Date(Date.now() - 3600_000) });
    const nextDay = { ...deps, now: () => new Date('2026-12-07T09:00:00Z') };
    expect(await deliverDigest(nextDay, userId)).toMatchObject({ status: 'sent', items: 1 });
    expect(sender.sent.map((s) => s.digest.items.map((i) => i.job.title))).toEqual([
      ['Backend Engineer', 'Old Engineer'],
      ['Platform Engineer'],
    ]);

    // Day three: nothing new → no message, but the day is recorded.
    const dayThree = { ...deps, now: () => new Date('2026-12-08T09:00:00Z') };
    expect(await deliverDigest(dayThree, userId)).toMatchObject({ status: 'empty' });
    expect(sender.sent).toHaveLength(2);
    expect(await db.select().from(digests)).toHaveLength(3);
  });

  it('releases the day when sending fails, so the retry sends it', async () => {
    const db = tdb.handle.db;
    const userId = await seedUser(db);
    await seedMatch(db, userId, await seedJob(db, { title: 'SRE', company: 'Acme' }), 88);
    const sender = recordingSender(async () => [userId]);
    sender.fail = new Error('Bot API is down');
    const deps = { db, senders: () => [sender], now: () => new Date('2026-12-06T09:00:00Z') };
    await expect(deliverDigest(deps, userId, '2026-12-06')).rejects.toThrow(/down/);
    expect(await db.select().from(digests)).toHaveLength(0);
    expect(await db.select().from(digestItems)).toHaveLength(0);
    sender.fail = null;
    expect(await deliverDigest(deps, userId, '2026-12-06')).toMatchObject({ status: 'sent', items: 1 });
  });

  it('sends exactly once per user-day and channel at each local hour, with two workers and a restart', async () => {
    const db = tdb.handle.db;
    const berlin = await seedUser(db, { name: 'Berlin', timeZone: 'Europe/Berlin', digestHour: 8 });
    const newYork = await seedUser(db, { name: 'New York', timeZone: 'America/New_York', digestHour: 8 });
    for (const userId of [berlin, newYork]) {
      await seedMatch(db, userId, await seedJob(db, { title: 'Engineer', company: 'Acme' }), 80);
    }
    let now = new Date('2026-12-06T07:05:00Z'); // 08:05 in Berlin, 02:05 in New York
    // Berlin reads Telegram and e-mail; New York only e-mail (the tick finds users on any channel).
    const telegram = recordingSender(async () => [berlin], 'telegram');
    telegram.unreachable.add(newYork);
    const email = recordingSender(async () => [berlin, newYork], 'email');
    const sent = () => [
      ...telegram.sent.map((s) => ['telegram', s.userId, s.digest.localDate, s.digest.items.length]),
      ...email.sent.map((s) => ['email', s.userId, s.digest.localDate, s.digest.items.length]),
    ];

    async function startWorker() {
      let queue: TaskQueue | undefined;
      const digest = createDigestTasks({
        db,
        queue: () => queue!,
        senders: () => [telegram, email],
        now: () => now,
      });
      queue = await startTestQueue(tdb.handle, digest.tasks);
      await startWorkers(queue, silentLogger(), { pollingIntervalSeconds: 0.5 });
      queues.push(queue);
      return { queue, tick: digest.tick };
    }
    const idle = (queue: TaskQueue) =>
      waitFor(() => tasksSettled(queue, [DIGEST_USER]), { what: 'digest tasks to finish' });

    const a = await startWorker();
    const b = await startWorker();
    // Both workers tick at once (two processes with the schedule on).
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    await waitFor(async () => sent().length >= 2, { what: 'the Berlin digest' });
    await idle(a.queue);
    expect(sent()).toEqual([
      ['telegram', berlin, '2026-12-06', 1],
      ['email', berlin, '2026-12-06', 1],
    ]);

    // A restart, then a late tick two hours later: nothing is sent again.
    await a.queue.stop({ graceful: true, timeoutMs: 2000 });
    const c = await startWorker();
    now = new Date('2026-12-06T09:10:00Z');
    expect(await c.tick()).toEqual({ queued: 0 });
    await b.tick();
    await idle(c.queue);
    expect(sent()).toHaveLength(2);

    // 08:02 in New York: their digest goes out, once, by e-mail.
    now = new Date('2026-12-06T13:02:00Z');
    await Promise.all([b.tick(), c.tick()]);
    await waitFor(async () => sent().length >= 3, { what: 'the New York digest' });
    await idle(c.queue);
    expect(sent().slice(2)).toEqual([['email', newYork, '2026-12-06', 1]]);
    expect(await db.select().from(digests)).toHaveLength(2);

    // The next Berlin morning: the job sent yesterday is not sent again; a new one is.
    await seedMatch(db, berlin, await seedJob(db, { title: 'Platform Engineer', company: 'Globex' }), 85);
    now = new Date('2026-12-07T07:30:00Z');
    await Promise.all([b.tick(), c.tick()]);
    await waitFor(async () => sent().length >= 5, { what: "Berlin's second digest" });
    await idle(c.queue);
    expect(sent().filter(([, , date]) => date === '2026-12-07')).toEqual([
      ['telegram', berlin, '2026-12-07', 1],
      ['email', berlin, '2026-12-07', 1],
    ]);
    for (const channel of [telegram, email]) {
      const second = channel.sent.find((s) => s.userId === berlin && s.digest.localDate === '2026-12-07');
      expect(second!.digest.items.map((i) => i.job.title)).toEqual(['Platform Engineer']);
    }
  });
});
