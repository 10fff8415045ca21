import { eq } from 'drizzle-orm';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramBot, type TelegramBot, webhookSecret } from '../../bots/telegram/bot.ts';
import { createLinkCode, userForChat } from '../../bots/telegram/link.ts';
import { silentLogger } from '../../config/logger.ts';
import { matches, resumes, telegramUpdates, users } from '../../db/schema.ts';
import { embedPendingJobs } from '../../tools/match/embed-jobs.ts';
import { linesAt, makePdf } from '../fixtures/resumes/make-pdf.ts';
import { FAKE_BOT, type FakeBotApi, startFakeBotApi } from '../fixtures/telegram/fake-bot-api.ts';
import { FAST } from '../fixtures/telegram/harness.ts';
import {
  buttonData,
  callbackUpdate,
  keyboardOf,
  messageUpdate,
  textUpdate,
} from '../fixtures/telegram/updates.ts';
import { waitFor } from '../helpers/queue.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { seedJob, userActive } from './seed.ts';

const RESUME_LINES = [
  'Ada Lovelace',
  'ada@example.com · Berlin, Germany',
  '',
  'SUMMARY',
  'Backend engineer with 7 years building APIs in TypeScript and Go on Kubernetes and AWS.',
  '',
  'EXPERIENCE',
  'Senior Backend Engineer — Difference Engines GmbH (Jan 2021 – Present)',
  '- Built event-driven billing services in Go and TypeScript on Kubernetes',
  'Backend Engineer — Analytical Ltd (Mar 2018 – Dec 2020)',
  '- Node.js APIs, Docker, PostgreSQL, CI/CD with GitHub Actions',
  '',
  'EDUCATION',
  'BSc Computer Science, University of London, 2014 – 2017',
  '',
  'SKILLS',
  'TypeScript, Go, Node.js, PostgreSQL, Kubernetes, Docker, AWS, Terraform',
];

const ADA = 5001;
describe('the Telegram bot against a local Bot API', () => {
  let fake: FakeBotApi;
  let t: TestRuntime;
  let tg: TelegramBot;
  const lastText = (chatId: number) => fake.messagesTo(chatId).at(-1)?.text ?? '';
  const send = (u: Update) => tg.bot.handleUpdate(u);

  beforeAll(async () => {
    fake = await startFakeBotApi();
    t = await startTestRuntime();
    const db = t.runtime.handle.db;
    tg = createTelegramBot({
      config: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
      db,
      tools: t.runtime.tools,
      chat: t.runtime.chat,
      logger: silentLogger(),
      botInfo: FAKE_BOT,
      throttle: FAST,
    });
    const titles = [
      'Senior Backend Engineer',
      'Backend Engineer (Go)',
      'Platform Engineer',
      'TypeScript Engineer',
      'Staff Backend Engineer',
      'Site Reliability Engineer',
      'Backend <b>Developer</b> & Ops',
    ];
    for (const title of titles) await seedJob(db, { title, company: 'Acme <Labs>' });
    await embedPendingJobs(db, t.runtime.services.embedder);
  });

  afterAll(async () => {
    await tg?.stop();
    await t?.close();
    await fake?.close();
  });

  it('asks an unlinked chat to /start, then links it as a new user', async () => {
    await send(textUpdate(ADA, 'hello'));
    expect(lastText(ADA)).toMatch(/not linked .* Send \/start/);
    await send(textUpdate(ADA, '/start'));
    expect(lastText(ADA)).toMatch(/^Hi Ada! .*Step 1 of 7: your resume\nSend it as a PDF or DOCX/s);
    expect(await userForChat(t.runtime.handle.db, ADA)).not.toBeNull();
    await send(textUpdate(ADA, '/help'));
    expect(lastText(ADA)).toContain('/matches');
  });

  it('handles a redelivered update once', async () => {
    const before = fake.messagesTo(ADA).length;
    const update = textUpdate(ADA, '/help');
    await send(update);
    await send(update);
    expect(fake.messagesTo(ADA).length).toBe(before + 1);

    // Handled ids older than two days are pruned now and then.
    const db = t.runtime.handle.db;
    await db
      .insert(telegramUpdates)
      .values({ updateId: 42, receivedAt: new Date(Date.now() - 3 * 86_400_000) });
    await send({ ...textUpdate(ADA, '/help'), update_id: 1000 });
    const ids = (await db.select({ id: telegramUpdates.updateId }).from(telegramUpdates)).map((r) => r.id);
    expect(ids).not.toContain(42);
    expect(ids).toContain(1000);
    expect(ids).toContain(update.update_id);
  });

  it('answers stickers, voice, unsupported and oversized files briefly', async () => {
    await send(
      messageUpdate(ADA, {
        sticker: {
          file_id: 's1',
          file_unique_id: 'u',
          type: 'regular',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
        },
      }),
    );
    expect(lastText(ADA)).toMatch(/PDF or DOCX/);
    await send(messageUpdate(ADA, { voice: { file_id: 'v1', file_unique_id: 'v', duration: 3 } }));
    expect(lastText(ADA)).toMatch(/text messages/);
    await send(
      messageUpdate(ADA, {
        document: {
          file_id: 'img',
          file_unique_id: 'i',
          file_name: 'me.png',
          mime_type: 'image/png',
          file_size: 2000,
        },
      }),
    );
    expect(lastText(ADA)).toMatch(/PDF or DOCX documents/);
    await send(
      messageUpdate(ADA, {
        document: {
          file_id: 'big',
          file_unique_id: 'b',
          file_name: 'cv.pdf',
          mime_type: 'application/pdf',
          file_size: 30 * 1024 * 1024,
        },
      }),
    );
    expect(lastText(ADA)).toMatch(/larger than 5 MB/);
    expect(fake.callsOf('getFile')).toHaveLength(0);
  });

  it('reads a PDF resume sent as a document (getFile + download)', async () => {
    const pdf = Buffer.from(makePdf([{ items: linesAt(RESUME_LINES) }]));
    fake.addFile('cvfile', pdf, 'documents/file_1.pdf');
    await send(
      messageUpdate(ADA, {
        document: {
          file_id: 'cvfile',
          file_unique_id: 'c',
          file_name: 'Ada Lovelace CV.pdf',
          mime_type: 'application/pdf',
          file_size: pdf.length,
        },
      }),
    );
    expect(fake.callsOf('getFile')).toHaveLength(1);
    // Onboarding moves on to the next question.
    expect(lastText(ADA)).toMatch(/^✓ Stored Ada Lovelace CV\.pdf: .*Step 2 of 7: which roles/s);
    const user = (await userForChat(t.runtime.handle.db, ADA))!;
    const stored = await t.runtime.handle.db.select().from(resumes).where(eq(resumes.userId, user.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.skills).toContain('typescript');

    // The other questions can wait: every one has Skip, and the last ends with the summary.
    for (let step = 2; step <= 7; step++) {
      const prompt = fake.messagesTo(ADA).at(-1)!;
      expect(prompt.text).toContain(`Step ${step} of 7`);
      await send(callbackUpdate(ADA, buttonData(prompt, /^Skip/), prompt.message_id));
    }
    expect(lastText(ADA)).toMatch(/All set! Your profile:\nRoles: any/);
  });

  it('lists matches with scores, escaped titles and buttons, and pages with an edit', async () => {
    await send(textUpdate(ADA, '/matches'));
    const message = fake.messagesTo(ADA).at(-1)!;
    expect(message.parse_mode).toBe('HTML');
    expect(message.text).toMatch(
      /^<b>Your best matches<\/b>\n\n1\. <b>.+<\/b> — Acme &lt;Labs&gt; · <b>\d+<\/b>/,
    );
    expect(message.text).not.toContain('<Labs>');
    const keyboard = keyboardOf(message);
    // Two rows per match (👍 / 👎 / Why?, then Review / Apply / Hide) and the page buttons.
    expect(keyboard).toHaveLength(11);
    expect(keyboard[0]!.map((b) => b.callback_data.slice(0, 5))).toEqual(['m:up:', 'm:dow', 'm:why']);
    expect(keyboard[1]!.map((b) => b.callback_data.slice(0, 5))).toEqual(['m:rev', 'm:pre', 'm:hid']);
    expect(keyboard[10]!.map((b) => b.callback_data)).toEqual(['p:1']);
    for (const button of keyboard.flat())
      expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);

    await send(callbackUpdate(ADA, 'p:1', message.message_id));
    expect(message.edits).toHaveLength(2);
    expect(message.text).toMatch(/^<b>Your best matches<\/b>\n\n6\. /);
    expect(fake.callsOf('answerCallbackQuery').length).toBeGreaterThan(0);
  });

  it('stores 👍/👎 feedback, explains a match, and copes with a deleted one', async () => {
    const db = t.runtime.handle.db;
    const user = (await userForChat(db, ADA))!;
    const [match] = await db.select().from(matches).where(eq(matches.userId, user.id)).limit(1);
    await send(callbackUpdate(ADA, `m:up:${match!.jobId}`, 1));
    expect(fake.callsOf('answerCallbackQuery').at(-1)!.params.text).toMatch(/more like this/);
    const [after] = await db
      .select({ feedback: matches.feedback })
      .from(matches)
      .where(eq(matches.jobId, match!.jobId));
    expect(after!.feedback).toBe(1);
    await send(callbackUpdate(ADA, `m:down:${match!.jobId}`, 1));
    expect(
      (await db.select({ f: matches.feedback }).from(matches).where(eq(matches.jobId, match!.jobId)))[0]!.f,
    ).toBe(-1);

    await send(callbackUpdate(ADA, `m:why:${match!.jobId}`, 1));
    expect(lastText(ADA)).toMatch(/matched skills: /);

    const gone = '00000000-0000-4000-8000-000000000000';
    await send(callbackUpdate(ADA, `m:up:${gone}`, 1));
    expect(fake.callsOf('answerCallbackQuery').at(-1)!.params.text).toMatch(/no longer there/);
    await send(callbackUpdate(ADA, `m:why:${gone}`, 1));
    expect(fake.callsOf('answerCallbackQuery').at(-1)!.params.text).toMatch(/no longer there/);
  });

  it('sends free text to the assistant', async () => {
    const before = fake.messagesTo(ADA).length;
    await send(textUpdate(ADA, 'what is my profile?'));
    expect(fake.messagesTo(ADA).length).toBeGreaterThan(before);
    expect(lastText(ADA).length).toBeGreaterThan(0);
  });

  it('links a second chat to an existing user with a one-time code', async () => {
    const db = t.runtime.handle.db;
    const code = await createLinkCode(db, t.userId);
    await send(textUpdate(6001, `/start ${code}`));
    expect(lastText(6001)).toMatch(/now linked/);
    expect((await userForChat(db, 6001))!.id).toBe(t.userId);
    await send(textUpdate(6002, `/start ${code}`));
    expect(lastText(6002)).toMatch(/wrong or has expired\. Make a new one with `jobhound user link`/);
  });

  it('marks a user who blocked the bot inactive', async () => {
    const db = t.runtime.handle.db;
    fake.fail('sendMessage', { code: 403, description: 'Forbidden: bot was blocked by the user' });
    await send(textUpdate(6001, '/help'));
    expect(await userActive(db, t.userId)).toBe(false);
    // Writing to the bot again makes them active again.
    await send(textUpdate(6001, '/help'));
    expect(await userActive(db, t.userId)).toBe(true);
  });

  it('answers 401 on the webhook without the secret token and handles updates with it', async () => {
    const app = tg.webhookRoute();
    const body = JSON.stringify(textUpdate(ADA, '/help'));
    const headers = { 'content-type': 'application/json' };
    const without = await app.request('/webhook', { method: 'POST', body, headers });
    expect(without.status).toBe(401);
    const wrong = await app.request('/webhook', {
      method: 'POST',
      body,
      headers: { ...headers, 'x-telegram-bot-api-secret-token': 'nope' },
    });
    expect(wrong.status).toBe(401);
    const before = fake.messagesTo(ADA).length;
    const right = await app.request('/webhook', {
      method: 'POST',
      body,
      headers: { ...headers, 'x-telegram-bot-api-secret-token': webhookSecret(fake.token) },
    });
    expect(right.status).toBe(200);
    expect(fake.messagesTo(ADA).length).toBe(before + 1);
  });

  it('long-polls the Bot API and registers its commands', async () => {
    // A bot serves either a webhook or long polling: a fresh one polls.
    const poller = createTelegramBot({
      config: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
      db: t.runtime.handle.db,
      tools: t.runtime.tools,
      chat: t.runtime.chat,
      logger: silentLogger(),
    });
    await poller.startPolling();
    expect(fake.callsOf('getMe')).toHaveLength(1);
    expect(fake.callsOf('setMyCommands')).toHaveLength(1);
    const commands = fake.callsOf('setMyCommands')[0]!.params.commands as Array<{ command: string }>;
    expect(commands.map((c) => c.command)).toEqual([
      'start',
      'matches',
      'digest',
      'sources',
      'applications',
      'profile',
      'help',
    ]);
    const before = fake.messagesTo(ADA).length;
    const polled = textUpdate(ADA, '/help');
    const { update_id: _ignored, ...rest } = polled;
    fake.pushUpdate(rest);
    await waitFor(async () => fake.messagesTo(ADA).length > before, { what: 'a reply to a polled update' });
    await poller.stop();
    expect(poller.bot.isRunning()).toBe(false);
    const [row] = await t.runtime.handle.db
      .select({ active: users.active })
      .from(users)
      .where(eq(users.id, t.userId));
    expect(row!.active).toBe(true);
  });
});
