import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationEvents, users } from '../../db/schema.ts';
import { APPLICATION_REMINDER } from '../../tools/applications/reminder-task.ts';
import { callTool } from '../../tools/tool.ts';
import { type LocalSmtpServer, startLocalSmtpServer } from '../fixtures/smtp/local-smtp-server.ts';
import { type FakeBotApi, startFakeBotApi } from '../fixtures/telegram/fake-bot-api.ts';
import { waitFor } from '../helpers/queue.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { seedJob, seedUser } from './seed.ts';

// The follow-up reminder N days after "applied" reaches the person through their channels:
// their Telegram chat and their e-mail address, once, even when the task is delivered twice.

describe('follow-up reminders through the user’s channels', () => {
  let smtp: LocalSmtpServer;
  let fake: FakeBotApi;
  let t: TestRuntime;

  beforeAll(async () => {
    smtp = await startLocalSmtpServer();
    fake = await startFakeBotApi();
    t = await startTestRuntime({
      env: { SMTP_URL: smtp.url, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
    });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await smtp?.close();
  });

  async function appliedApplication(userId: string, title: string) {
    const db = t.runtime.handle.db;
    const jobId = await seedJob(db, { title, company: 'Initech' });
    const out = (await callTool(
      t.runtime.tools.require('track_application'),
      { jobId, status: 'applied' },
      { userId },
    )) as { application: { id: string }; reminderScheduledFor: string | null };
    // Due in seven days; the test runs the same task now.
    expect(out.reminderScheduledFor).not.toBeNull();
    return out.application.id;
  }

  const remind = (applicationId: string) =>
    t.runtime.queue.enqueue(APPLICATION_REMINDER, {
      applicationId,
      appliedAt: new Date(Date.now() - 60_000).toISOString(),
      days: 7,
    });

  it('sends the reminder to the chat and the address once, and marks it delivered', async () => {
    const db = t.runtime.handle.db;
    const userId = await seedUser(db, { name: 'Both', chatId: 4242 });
    await db.update(users).set({ email: 'both@example.com' }).where(eq(users.id, userId));
    const applicationId = await appliedApplication(userId, 'Platform Engineer');

    await remind(applicationId);
    await waitFor(async () => fake.messagesTo(4242).length > 0 && smtp.mails.length > 0, {
      what: 'the reminder on both channels',
    });
    const [message] = fake.messagesTo(4242);
    expect(message!.text).toMatch(/^Follow up: Platform Engineer at Initech/);
    expect(message!.text).toMatch(/7 days ago/);
    const mail = smtp.mails.find((m) => m.to.includes('both@example.com'))!;
    expect(mail.headers.subject).toBe('Follow up: Platform Engineer at Initech');
    expect(mail.text).toMatch(/time to follow up/);
    // The task marks the reminder delivered once both sends have returned, a moment after the
    // messages arrive.
    const deliveredAt = async () => {
      const [event] = await db
        .select({ deliveredAt: applicationEvents.deliveredAt })
        .from(applicationEvents)
        .where(
          and(eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.kind, 'reminder')),
        );
      return event?.deliveredAt ?? null;
    };
    await waitFor(async () => (await deliveredAt()) !== null, { what: 'the reminder marked delivered' });
    expect(await deliveredAt()).toBeInstanceOf(Date);

    // The same task delivered again (at-least-once queue) sends nothing more.
    const mailsBefore = smtp.mails.length;
    const again = await remind(applicationId);
    await waitFor(
      async () => {
        const found = await t.runtime.queue.boss.findJobs(APPLICATION_REMINDER, { limit: 1000 });
        return found.find((task) => task.id === again)?.state === 'completed';
      },
      { what: 'the second delivery of the task' },
    );
    expect(fake.messagesTo(4242)).toHaveLength(1);
    expect(smtp.mails.length).toBe(mailsBefore);
  });

  it('still e-mails a person who blocked the bot, and marks them inactive', async () => {
    const db = t.runtime.handle.db;
    const userId = await seedUser(db, { name: 'Blocked', chatId: 5353 });
    await db.update(users).set({ email: 'blocked@example.com' }).where(eq(users.id, userId));
    const applicationId = await appliedApplication(userId, 'Data Engineer');
    fake.fail('sendMessage', { code: 403, description: 'Forbidden: bot was blocked by the user' });

    await remind(applicationId);
    await waitFor(async () => smtp.mails.some((m) => m.to.includes('blocked@example.com')), {
      what: 'the e-mailed reminder',
    });
    await waitFor(
      async () => (await db.select().from(users).where(eq(users.id, userId)))[0]?.active === false,
      { what: 'the user marked inactive' },
    );
    expect(fake.messagesTo(5353)).toHaveLength(0);
  });
});
