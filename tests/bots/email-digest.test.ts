import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestDeliveryError, deliverDigest } from '../../bots/digest/deliver.ts';
import { createEmailDigestSender } from '../../bots/email/digest-sender.ts';
import { createEmailSender, type EmailSender } from '../../bots/email/sender.ts';
import { createTelegramApi } from '../../bots/telegram/api.ts';
import { createTelegramDigestSender } from '../../bots/telegram/digest-sender.ts';
import { silentLogger } from '../../config/logger.ts';
import { profiles, users } from '../../db/schema.ts';
import { type LocalSmtpServer, SMTP_USER, startLocalSmtpServer } from '../fixtures/smtp/local-smtp-server.ts';
import { type FakeBotApi, startFakeBotApi } from '../fixtures/telegram/fake-bot-api.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../helpers/db.ts';
import { seedJob, seedMatch, seedUser } from './seed.ts';

const HOSTILE = 'Senior <script>alert(1)</script> Engineer & "Lead" </b><a href="x">';
const FROM = 'Jobhound Digest <digest@jobhound.example>';
const NOW = () => new Date('2026-12-06T09:00:00Z');

describe.each(testBackends())('e-mail digests on %s', (backend) => {
  let tdb: TestDatabase;
  let smtp: LocalSmtpServer;
  let fake: FakeBotApi;
  let email: EmailSender;

  beforeEach(async () => {
    tdb = await createTestDatabase(backend);
    smtp = await startLocalSmtpServer();
    fake = await startFakeBotApi();
    email = createEmailSender({ SMTP_URL: smtp.url, SMTP_FROM: FROM }, silentLogger())!;
  });
  afterEach(async () => {
    email.close();
    await fake.close();
    await smtp.close();
    await tdb.close();
  });

  const emailSender = () => createEmailDigestSender({ db: tdb.handle.db, email, logger: silentLogger() });
  const telegramSender = () =>
    createTelegramDigestSender({
      db: tdb.handle.db,
      api: createTelegramApi({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }),
      logger: silentLogger(),
    });

  async function userWithEmail(address: string, chatId?: number) {
    const userId = await seedUser(tdb.handle.db, chatId ? { chatId } : {});
    await tdb.handle.db.update(users).set({ email: address }).where(eq(users.id, userId));
    return userId;
  }

  it('e-mails the digest as HTML and plain text beside the Telegram message, every scraped string escaped', async () => {
    const db = tdb.handle.db;
    const userId = await userWithEmail('ada@example.com', 4242);
    await seedMatch(db, userId, await seedJob(db, { title: HOSTILE, company: 'Evil <Corp> & Co' }), 91);
    const outcome = await deliverDigest(
      { db, senders: () => [telegramSender(), emailSender()], now: NOW },
      userId,
    );
    expect(outcome).toMatchObject({
      status: 'sent',
      items: 1,
      channels: { telegram: 'sent', email: 'sent' },
    });
    expect(fake.messagesTo(4242)).toHaveLength(1);

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.user).toBe(SMTP_USER);
    expect(mail.to).toEqual(['ada@example.com']);
    expect(mail.from).toBe('digest@jobhound.example');
    expect(mail.headers.to).toBe('ada@example.com');
    expect(mail.headers.from).toBe(FROM);
    expect(mail.headers.subject).toBe('Jobhound: your top 1 new match for 2026-12-06');
    expect(mail.headers['content-type']).toMatch(/^multipart\/alternative/);

    const text = mail.text!.replace(/\r\n/g, '\n');
    expect(text).toContain(
      `1. [91] ${HOSTILE} — Evil <Corp> & Co (Berlin, Germany, hybrid · EUR 70,000–90,000 / year)`,
    );
    expect(text).toContain('Strong fit: 2 of 2 required skills');
    expect(text).toMatch(/https:\/\/boards\.greenhouse\.io\/\S+/);

    const html = mail.html!;
    expect(html).toContain(
      '<b>1. Senior &lt;script&gt;alert(1)&lt;/script&gt; Engineer &amp; &quot;Lead&quot; &lt;/b&gt;&lt;a href=&quot;x&quot;&gt;</b>',
    );
    expect(html).toContain('Evil &lt;Corp&gt; &amp; Co');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<a href="x">');
    expect(html).toContain('Berlin, Germany, hybrid · EUR 70,000–90,000 / year');
    expect(html).toMatch(/>91</);
    expect(html).toContain('matched: TypeScript, PostgreSQL');
    expect(html).toMatch(/<a href="https:\/\/boards\.greenhouse\.io\/[^"]+">Open the posting<\/a>/);
  });

  it('sends the e-mail again after "try later" without a second Telegram message', async () => {
    const db = tdb.handle.db;
    const userId = await userWithEmail('grace@example.com', 77);
    await seedMatch(db, userId, await seedJob(db, { title: 'SRE', company: 'Acme' }), 80);
    const deps = { db, senders: () => [telegramSender(), emailSender()], now: NOW };
    smtp.rejectRecipients(451);

    const first = deliverDigest(deps, userId, '2026-12-06');
    await expect(first).rejects.toThrow(DigestDeliveryError);
    await expect(first).rejects.toThrow(/email: .*451/);
    expect(fake.messagesTo(77)).toHaveLength(1);
    expect(smtp.mails).toHaveLength(0);

    expect(await deliverDigest(deps, userId, '2026-12-06')).toMatchObject({
      status: 'sent',
      channels: { email: 'sent' },
    });
    expect(smtp.mails.map((m) => m.to)).toEqual([['grace@example.com']]);
    expect(smtp.mails[0]!.text).toContain('SRE — Acme');
    expect(fake.messagesTo(77)).toHaveLength(1);
    expect(await deliverDigest(deps, userId, '2026-12-06')).toEqual({ status: 'already-sent' });
  });

  it('gives up on an address refused for good, and only e-mails users with an address who kept e-mail on', async () => {
    const db = tdb.handle.db;
    const ada = await userWithEmail('ada@example.com');
    const off = await userWithEmail('off@example.com');
    await db.update(profiles).set({ digestEmail: false }).where(eq(profiles.userId, off));
    await seedUser(db, { name: 'No address' });
    const [noProfile] = await db
      .insert(users)
      .values({ name: 'No profile', email: 'np@example.com' })
      .returning({ id: users.id });
    const sender = emailSender();
    expect((await sender.recipients()).sort()).toEqual([ada, noProfile!.id].sort());

    await seedMatch(db, ada, await seedJob(db, { title: 'SRE', company: 'Acme' }), 80);
    smtp.rejectRecipients(550);
    expect(await deliverDigest({ db, senders: () => [sender], now: NOW }, ada)).toMatchObject({
      status: 'blocked',
      channels: { email: 'blocked' },
    });
    expect(await deliverDigest({ db, senders: () => [sender], now: NOW }, ada)).toEqual({
      status: 'already-sent',
    });
    expect(smtp.mails).toHaveLength(0);

    await seedMatch(db, off, await seedJob(db, { title: 'DBA', company: 'Acme' }), 80);
    expect(await deliverDigest({ db, senders: () => [sender], now: NOW }, off)).toMatchObject({
      status: 'blocked',
    });
    expect(smtp.mails).toHaveLength(0);
  });

  it('e-mails the short "nothing new" note to a user who asked for it', async () => {
    const db = tdb.handle.db;
    const userId = await userWithEmail('ada@example.com');
    await db
      .update(profiles)
      .set({ digestEmptyNotice: true, scoreThreshold: 75 })
      .where(eq(profiles.userId, userId));
    const deps = { db, senders: () => [emailSender()], now: NOW };
    expect(await deliverDigest(deps, userId)).toMatchObject({ status: 'notice' });
    expect(await deliverDigest(deps, userId)).toEqual({ status: 'already-sent' });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.headers.subject).toBe('Jobhound: nothing new today (2026-12-06)');
    expect(smtp.mails[0]!.text).toBe('Nothing new above your threshold today (matches scoring 75+).');
    expect(smtp.mails[0]!.html).toContain(
      '<p>Nothing new above your threshold today (matches scoring 75+).</p>',
    );
  });
});
