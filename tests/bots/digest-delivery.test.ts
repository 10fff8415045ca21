import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { composeDigest } from '../../bots/digest/compose.ts';
import { createDigestRoute } from '../../bots/digest/route.ts';
import { deliverDigest } from '../../bots/digest/tasks.ts';
import { createTelegramApi } from '../../bots/telegram/api.ts';
import { createTelegramDigestSender } from '../../bots/telegram/digest-sender.ts';
import { silentLogger } from '../../config/logger.ts';
import { digests } from '../../db/schema.ts';
import { createAccounts } from '../../tools/users/accounts.ts';
import { type FakeBotApi, startFakeBotApi } from '../fixtures/telegram/fake-bot-api.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../helpers/db.ts';
import { seedJob, seedMatch, seedUser, userActive } from './seed.ts';

const HOSTILE = 'Senior <script>alert(1)</script> Engineer & "Lead" </b><a href="x">';

describe.each(testBackends())('digest delivery on %s', (backend) => {
  let tdb: TestDatabase;
  let fake: FakeBotApi;

  beforeEach(async () => {
    tdb = await createTestDatabase(backend);
    fake = await startFakeBotApi();
  });
  afterEach(async () => {
    await fake.close();
    await tdb.close();
  });

  function sender() {
    const api = createTelegramApi({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
    return createTelegramDigestSender({ db: tdb.handle.db, api, logger: silentLogger() });
  }

  it('sends one HTML message with escaped scraped text and match buttons', async () => {
    const db = tdb.handle.db;
    const userId = await seedUser(db, { chatId: 4242 });
    const jobId = await seedJob(db, { title: HOSTILE, company: 'Evil <Corp> & Co' });
    await seedMatch(db, userId, jobId, 91);
    await seedUser(db, { name: 'Unlinked' });
    const s = sender();
    expect(await s.recipients()).toEqual([userId]);

    const outcome = await deliverDigest(
      { db, senders: () => [s], now: () => new Date('2026-12-06T09:00:00Z') },
      userId,
    );
    expect(outcome).toMatchObject({ status: 'sent', items: 1 });
    const [message] = fake.messagesTo(4242);
    expect(message!.parse_mode).toBe('HTML');
    expect(message!.text).toContain(
      '<b>Senior &lt;script&gt;alert(1)&lt;/script&gt; Engineer &amp; "Lead" &lt;/b&gt;&lt;a href="x"&gt;</b>',
    );
    expect(message!.text).toContain('Evil &lt;Corp&gt; &amp; Co');
    expect(message!.text).not.toContain('<script>');
    expect(message!.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: '👍 1', callback_data: `m:up:${jobId}` },
          { text: '👎 1', callback_data: `m:down:${jobId}` },
          { text: 'Why? 1', callback_data: `m:why:${jobId}` },
        ],
        [
          { text: '📝 Review 1', callback_data: `m:review:${jobId}` },
          { text: '📨 Apply 1', callback_data: `m:prep:${jobId}` },
          { text: '🙈 Hide 1', callback_data: `m:hide:${jobId}` },
        ],
      ],
    });
  });

  it('waits retry_after on a 429 and sends once', async () => {
    const db = tdb.handle.db;
    const userId = await seedUser(db, { chatId: 77 });
    await seedMatch(db, userId, await seedJob(db, { title: 'SRE', company: 'Acme' }), 80);
    fake.fail('sendMessage', { code: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 });
    const started = Date.now();
    expect(await deliverDigest({ db, senders: () => [sender()] }, userId)).toMatchObject({ status: 'sent' });
    const attempts = fake.callsOf('sendMessage');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.messagesTo(77)).toHaveLength(1);
  });

  it('marks a user who blocked the bot (403) inactive and does not retry', async () => {
    const db = tdb.handle.db;
    const userId = await seedUser(db, { chatId: 99 });
    await seedMatch(db, userId, await seedJob(db, { title: 'SRE', company: 'Acme' }), 80);
    fake.fail('sendMessage', { code: 403, description: 'Forbidden: bot was blocked by the user', times: 5 });
    const s = sender();
    expect(await deliverDigest({ db, senders: () => [s] }, userId)).toMatchObject({ status: 'blocked' });
    expect(fake.callsOf('sendMessage')).toHaveLength(1);
    expect(await userActive(db, userId)).toBe(false);
    expect(await s.recipients()).toEqual([]);
    expect(await db.select().from(digests)).toHaveLength(1);
  });

  it('serves GET /api/v1/digest to the bearer of a token, and only their matches', async () => {
    const db = tdb.handle.db;
    const accounts = createAccounts(db);
    const ada = await seedUser(db, { name: 'Ada' });
    const grace = await seedUser(db, { name: 'Grace' });
    await seedMatch(db, ada, await seedJob(db, { title: 'Backend Engineer', company: 'Acme' }), 90);
    await seedMatch(db, grace, await seedJob(db, { title: 'Data Engineer', company: 'Initech' }), 90);
    const token = await accounts.issueToken(ada);
    const app = createDigestRoute({ db, accounts, host: '127.0.0.1' });
    const headers = { host: '127.0.0.1:8787', authorization: `Bearer ${token}` };

    const res = await app.request('/', { headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Awaited<ReturnType<typeof composeDigest>>;
    expect(body.userId).toBe(ada);
    expect(body.items.map((i) => i.job.title)).toEqual(['Backend Engineer']);

    expect((await app.request('/', { headers: { host: '127.0.0.1:8787' } })).status).toBe(401);
    const bad = await app.request('/?limit=0', { headers });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { field: 'limit' } });
    // Reading the digest does not record it.
    expect(await db.select().from(digests)).toHaveLength(0);
  });
});
