import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestDeliveryError, deliverDigest } from '../../bots/digest/deliver.ts';
import { renderEmptyNotice } from '../../bots/digest/render.ts';
import { createDigestRoute } from '../../bots/digest/route.ts';
import { digestItems, digests, profiles } from '../../db/schema.ts';
import { createAccounts } from '../../tools/users/accounts.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../helpers/db.ts';
import { recordingSender } from './digest-fakes.ts';
import { seedJob, seedMatch, seedUser } from './seed.ts';

const titles = (sent: { digest: { items: Array<{ job: { title: string } }> } }[]) =>
  sent.map((s) => s.digest.items.map((i) => i.job.title));

describe.each(testBackends())('digest channels on %s', (backend) => {
  let tdb: TestDatabase;

  beforeEach(async () => {
    tdb = await createTestDatabase(backend);
  });
  afterEach(async () => {
    await tdb.close();
  });

  it('delivers to each channel on its own, and a retry sends only to the channel that failed', async () => {
    const db = tdb.handle.db;
    const userId = await seedUser(db);
    await seedMatch(db, userId, await seedJob(db, { title: 'Backend Engineer', company: 'Acme' }), 90);
    const telegram = recordingSender(async () => [userId], 'telegram');
    const email = recordingSender(async () => [userId], 'email');
    email.fail = new Error('connect ECONNREFUSED 127.0.0.1:25');
    const deps = { db, senders: () => [telegram, email], now: () => new Date('2026-12-06T09:00:00Z') };

    const first = deliverDigest(deps, userId, '2026-12-06');
    await expect(first).rejects.toThrow(DigestDeliveryError);
    await expect(first).rejects.toThrow(/email: connect ECONNREFUSED/);
    expect(titles(telegram.sent)).toEqual([['Backend Engineer']]);
    expect((await db.select().from(digests))[0]!.channel).toBe('telegram');

    // A better match arrives before the retry: the retried e-mail still carries the day's digest.
    await seedMatch(db, userId, await seedJob(db, { title: 'Staff Engineer', company: 'Globex' }), 99);
    email.fail = null;
    expect(await deliverDigest(deps, userId, '2026-12-06')).toMatchObject({
      status: 'sent',
      items: 1,
      channels: { email: 'sent' },
    });
    expect(titles(email.sent)).toEqual([['Backend Engineer']]);
    expect(email.sent[0]!.digest.items[0]!.reasons[0]).toMatch(/Strong fit/);
    expect(titles(telegram.sent)).toHaveLength(1);
    expect(await deliverDigest(deps, userId, '2026-12-06')).toEqual({ status: 'already-sent' });
    expect((await db.select().from(digests))[0]!.channel).toBe('telegram,email');

    // The next day brings the newer match only, on both channels.
    const nextDay = { ...deps, now: () => new Date('2026-12-07T09:00:00Z') };
    expect(await deliverDigest(nextDay, userId)).toMatchObject({ status: 'sent', items: 1 });
    expect(titles(telegram.sent)).toEqual([['Backend Engineer'], ['Staff Engineer']]);
    expect(titles(email.sent)).toEqual([['Backend Engineer'], ['Staff Engineer']]);
  });

  it('releases the day when every channel failed, and a channel that cannot reach the user holds up nothing', async () => {
    const db = tdb.handle.db;
    const userId = await seedUser(db);
    await seedMatch(db, userId, await seedJob(db, { title: 'SRE', company: 'Acme' }), 80);
    const telegram = recordingSender(async () => [userId], 'telegram');
    const email = recordingSender(async () => [userId], 'email');
    telegram.fail = new Error('Bot API is down');
    email.fail = new Error('451 try later');
    const deps = { db, senders: () => [telegram, email], now: () => new Date('2026-12-06T09:00:00Z') };
    await expect(deliverDigest(deps, userId)).rejects.toThrow(
      /telegram: Bot API is down; email: 451 try later/,
    );
    expect(await db.select().from(digests)).toHaveLength(0);
    expect(await db.select().from(digestItems)).toHaveLength(0);

    telegram.fail = null;
    email.fail = null;
    telegram.unreachable.add(userId);
    expect(await deliverDigest(deps, userId)).toMatchObject({
      status: 'sent',
      channels: { telegram: 'blocked', email: 'sent' },
    });
    expect(await deliverDigest(deps, userId)).toEqual({ status: 'already-sent' });
    expect(titles(email.sent)).toEqual([['SRE']]);
    expect(telegram.sent).toHaveLength(0);
  });

  it("sends the profile's number of matches, here and in GET /api/v1/digest", async () => {
    const db = tdb.handle.db;
    const userId = await seedUser(db);
    await db.update(profiles).set({ digestSize: 2 }).where(eq(profiles.userId, userId));
    for (const score of [91, 82, 73, 64]) {
      await seedMatch(db, userId, await seedJob(db, { title: `Engineer ${score}`, company: 'Acme' }), score);
    }
    const accounts = createAccounts(db);
    const app = createDigestRoute({ db, accounts, host: '127.0.0.1' });
    const headers = { host: '127.0.0.1:8787', authorization: `Bearer ${await accounts.issueToken(userId)}` };
    const body = (await (await app.request('/', { headers })).json()) as { items: unknown[] };
    expect(body.items).toHaveLength(2);

    const sender = recordingSender(async () => [userId], 'telegram');
    const deps = { db, senders: () => [sender], now: () => new Date('2026-12-06T09:00:00Z') };
    expect(await deliverDigest(deps, userId)).toMatchObject({ status: 'sent', items: 2 });
    expect(titles(sender.sent)).toEqual([['Engineer 91', 'Engineer 82']]);
  });

  it('on a day with nothing new stays quiet, unless the user asked for a short note on each channel', async () => {
    const db = tdb.handle.db;
    const quiet = await seedUser(db, { name: 'Quiet', scoreThreshold: 70 });
    const noted = await seedUser(db, { name: 'Noted', scoreThreshold: 70 });
    await db.update(profiles).set({ digestEmptyNotice: true }).where(eq(profiles.userId, noted));
    for (const userId of [quiet, noted]) {
      await seedMatch(db, userId, await seedJob(db, { title: 'Below threshold', company: 'Acme' }), 60);
    }
    const telegram = recordingSender(async () => [quiet, noted], 'telegram');
    const email = recordingSender(async () => [quiet, noted], 'email');
    const deps = { db, senders: () => [telegram, email], now: () => new Date('2026-12-06T09:00:00Z') };

    expect(await deliverDigest(deps, quiet)).toMatchObject({ status: 'empty' });
    expect(await deliverDigest(deps, noted)).toMatchObject({
      status: 'notice',
      channels: { telegram: 'sent', email: 'sent' },
    });
    expect(await deliverDigest(deps, noted)).toEqual({ status: 'already-sent' });
    expect(await deliverDigest(deps, quiet)).toEqual({ status: 'already-sent' });
    for (const channel of [telegram, email]) {
      expect(channel.sent.map((s) => [s.userId, s.digest.items.length])).toEqual([[noted, 0]]);
    }
    expect(renderEmptyNotice(telegram.sent[0]!.digest)).toBe(
      'Nothing new above your threshold today (matches scoring 70+).',
    );
  });
});
