import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_TICK, DIGEST_USER } from '../../bots/digest/tasks.ts';
import { digests } from '../../db/schema.ts';
import { type FakeBotApi, startFakeBotApi } from '../fixtures/telegram/fake-bot-api.ts';
import { waitFor } from '../helpers/queue.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { seedJob, seedMatch, seedUser, tasksSettled } from './seed.ts';

describe('digest tasks in the runtime, delivered by the Telegram bot', () => {
  let fake: FakeBotApi;
  let t: TestRuntime;

  beforeAll(async () => {
    fake = await startFakeBotApi();
    t = await startTestRuntime({ env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot } });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('registers the tick and sends a queued digest to the linked chat once', async () => {
    const { runtime } = t;
    expect(runtime.queue.registry.get(DIGEST_TICK)).toBeDefined();
    expect(runtime.digestSenders.map((s) => s.channel)).toEqual(['telegram']);
    const db = runtime.handle.db;
    // Digest hour 0: due at any hour of the day, so the tick queues it whatever the clock says.
    const userId = await seedUser(db, { chatId: 3131, digestHour: 0, timeZone: 'Asia/Tokyo' });
    await seedMatch(db, userId, await seedJob(db, { title: 'Backend Engineer', company: 'Acme' }), 77);

    await runtime.queue.enqueue(DIGEST_TICK, {});
    await waitFor(async () => fake.messagesTo(3131).length > 0, { what: 'the digest message' });
    expect(fake.messagesTo(3131)[0]!.text).toContain('<b>Backend Engineer</b> — Acme · <b>77</b>');

    const [row] = await db.select().from(digests);
    await runtime.queue.enqueue(DIGEST_USER, { userId, localDate: row!.localDate });
    await runtime.queue.enqueue(DIGEST_TICK, {});
    await waitFor(() => tasksSettled(runtime.queue, [DIGEST_TICK, DIGEST_USER]), {
      what: 'digest tasks to settle',
    });
    expect(fake.messagesTo(3131)).toHaveLength(1);
  });
});
