import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_TICK, DIGEST_USER } from '../../bots/digest/tasks.ts';
import { ConfigError, loadConfig } from '../../config/config.ts';
import { digests, users } from '../../db/schema.ts';
import { type LocalSmtpServer, startLocalSmtpServer } from '../fixtures/smtp/local-smtp-server.ts';
import { type FakeBotApi, startFakeBotApi } from '../fixtures/telegram/fake-bot-api.ts';
import { waitFor } from '../helpers/queue.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { seedJob, seedMatch, seedUser, tasksSettled } from './seed.ts';

describe('SMTP settings', () => {
  it('defaults SMTP_FROM and names a bad SMTP_URL or SMTP_FROM', () => {
    expect(loadConfig({}).SMTP_FROM).toBe('Jobhound <jobhound@localhost>');
    expect(loadConfig({ SMTP_FROM: ' Ada <ada@example.com> ' }).SMTP_FROM).toBe('Ada <ada@example.com>');
    let problems: string[] = [];
    try {
      loadConfig({ SMTP_URL: 'smtp://user:hunter2@', SMTP_FROM: 'Jobhound\r\nBcc: x@example.com' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^SMTP_URL: must be a URL such as smtp:\/\/user:pass@mail\.example\.com:587/);
    expect(problems[0]).not.toContain('hunter2');
    expect(problems[1]).toMatch(/^SMTP_FROM: must be an e-mail address or 'Name <address>'/);
    expect(() => loadConfig({ SMTP_URL: 'smtp:///no-host' })).toThrow(/SMTP_URL: must name the mail server/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(ConfigError);
  });
});

describe('e-mail digests in the runtime, beside Telegram', () => {
  let smtp: LocalSmtpServer;
  let fake: FakeBotApi;
  let t: TestRuntime;

  beforeAll(async () => {
    smtp = await startLocalSmtpServer();
    fake = await startFakeBotApi();
    t = await startTestRuntime({
      env: {
        SMTP_URL: smtp.url,
        SMTP_FROM: 'Jobhound <jobs@example.com>',
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await smtp?.close();
  });

  it('sends the queued digest to the chat and the address once, and lends its e-mail sender to others', async () => {
    const { runtime } = t;
    expect(runtime.digestSenders.map((s) => s.channel)).toEqual(['telegram', 'email']);
    const db = runtime.handle.db;
    const both = await seedUser(db, { name: 'Both', chatId: 5151, digestHour: 0, timeZone: 'Asia/Tokyo' });
    const mailOnly = await seedUser(db, { name: 'Mail only', digestHour: 0 });
    await db.update(users).set({ email: 'both@example.com' }).where(eq(users.id, both));
    await db.update(users).set({ email: 'mail@example.com' }).where(eq(users.id, mailOnly));
    for (const userId of [both, mailOnly]) {
      await seedMatch(db, userId, await seedJob(db, { title: 'Backend Engineer', company: 'Acme' }), 77);
    }

    await runtime.queue.enqueue(DIGEST_TICK, {});
    await waitFor(async () => smtp.mails.length >= 2 && fake.messagesTo(5151).length > 0, {
      what: 'the digests by e-mail and Telegram',
    });
    for (const row of await db.select().from(digests)) {
      await runtime.queue.enqueue(DIGEST_USER, { userId: row.userId, localDate: row.localDate });
    }
    await runtime.queue.enqueue(DIGEST_TICK, {});
    await waitFor(() => tasksSettled(runtime.queue, [DIGEST_TICK, DIGEST_USER]), {
      what: 'digest tasks to settle',
    });
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['both@example.com', 'mail@example.com']);
    expect(smtp.mails[0]!.headers.from).toBe('Jobhound <jobs@example.com>');
    expect(fake.messagesTo(5151)).toHaveLength(1);

    await runtime.email!.send({
      to: 'ada@example.com',
      subject: 'Follow up with Acme',
      text: 'It has been a week.',
      html: '<p>It has been a week.</p>',
    });
    expect(smtp.mails.at(-1)!.headers.subject).toBe('Follow up with Acme');
    expect(smtp.mails.at(-1)!.text).toBe('It has been a week.');
  });
});
