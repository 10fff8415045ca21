import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkCode } from '../../bots/telegram/link.ts';
import { users } from '../../db/schema.ts';
import { type AtsFixtureServer, startAtsFixtureServer } from '../fixtures/ats/server.ts';
import { type BotHarness, startBotHarness } from '../fixtures/telegram/harness.ts';
import { textUpdate } from '../fixtures/telegram/updates.ts';

const ADA = 7401;
const PROGRESS_MS = 300;

describe('chatting with the assistant on Telegram', () => {
  let ats: AtsFixtureServer;
  let h: BotHarness;
  const say = (text: string) => h.send(textUpdate(ADA, text));
  const threadOf = async () => {
    const [row] = await h.t.runtime.handle.db
      .select({ thread: users.telegramThreadId })
      .from(users)
      .where(eq(users.id, h.t.userId));
    return row!.thread;
  };

  beforeAll(async () => {
    // Slow answers make the crawl long enough to report progress several times.
    ats = await startAtsFixtureServer({ latencyMs: 150 });
    h = await startBotHarness({
      env: { SOURCE_BASE_URL: ats.baseUrl },
      bot: { progressIntervalMs: PROGRESS_MS },
    });
    await say(`/start ${await createLinkCode(h.t.runtime.handle.db, h.t.userId)}`);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await ats?.close();
  });

  // Before the crawl: its background embedding would block the event loop and bunch the sends.
  it('spaces messages to one chat by the per-chat interval, without holding up other chats', async () => {
    const spaced = h.newBot({ throttle: { perChatMs: 250, perSecond: 1000 } });
    const start = Date.now();
    await Promise.all([
      spaced.bot.handleUpdate(textUpdate(ADA, '/help')),
      spaced.bot.handleUpdate(textUpdate(ADA, '/help')),
      spaced.bot.handleUpdate(textUpdate(ADA, '/help')),
      spaced.bot.handleUpdate(textUpdate(7402, '/help', 'Bob')),
    ]);
    const sends = h.fake.callsOf('sendMessage').filter((c) => c.at >= start);
    const toAda = sends.filter((c) => Number(c.params.chat_id) === ADA).map((c) => c.at);
    expect(toAda).toHaveLength(3);
    for (let i = 1; i < toAda.length; i++) expect(toAda[i]! - toAda[i - 1]!).toBeGreaterThanOrEqual(200);
    const toBob = sends.find((c) => Number(c.params.chat_id) === 7402)!.at;
    expect(toBob).toBeLessThan(toAda[2]!);
  });

  it('waits retry_after on a 429 and then sends the message once', async () => {
    const before = h.fake.messagesTo(ADA).length;
    const calls = h.fake.callsOf('sendMessage').length;
    h.fake.fail('sendMessage', { code: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 });
    await say('/help');
    const attempts = h.fake.callsOf('sendMessage').slice(calls);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(h.fake.messagesTo(ADA).length).toBe(before + 1);
  });

  it('shows a crawl’s progress in one message edited in place, then the answer', async () => {
    const before = h.fake.messagesTo(ADA).length;
    await say('crawl smartrecruiters:acme');
    const sent = h.fake.messagesTo(ADA).slice(before);
    const progress = sent.filter((m) => m.edits[0]!.startsWith('⏳'));
    expect(progress).toHaveLength(1);
    const [message] = progress;
    expect(message!.edits.length).toBeGreaterThan(1);
    expect(message!.edits[0]).toMatch(/^⏳ Crawling(: \d+(\/\d+)? pages|…)\n/);
    // Never the same text twice in a row.
    message!.edits.forEach((text, i) => {
      if (i > 0) expect(text).not.toBe(message!.edits[i - 1]);
    });
    // Edits are spaced by the interval (less a little for timer jitter).
    const edits = h.fake
      .callsOf('editMessageText')
      .filter((c) => Number(c.params.message_id) === message!.message_id);
    expect(edits.length).toBe(message!.edits.length - 1);
    for (let i = 1; i < edits.length; i++)
      expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(PROGRESS_MS - 50);
    // The answer comes after, as its own message.
    expect(sent.at(-1)!.message_id).toBeGreaterThan(message!.message_id);
    expect(sent.at(-1)!.text).toMatch(/smartrecruiters:acme/);
    // The last edit shows the crawl's final counts.
    expect(message!.text).toMatch(
      /^⏳ Crawling(: \d+(\/\d+)? pages|…)\nsmartrecruiters:acme: 120 new, 0 changed$/,
    );
  }, 120_000);

  it('keeps the conversation in one thread that a restarted bot continues', async () => {
    const thread = await threadOf();
    expect(thread).not.toBeNull();
    await h.tg.stop();
    h.tg = h.newBot();
    await say('list my sources');
    expect(await threadOf()).toBe(thread);
    const history = await h.t.runtime.threads.history(h.t.userId, thread!);
    expect(history.filter((m) => m.role === 'user').map((m) => m.content)).toEqual([
      'crawl smartrecruiters:acme',
      'list my sources',
    ]);
  });
});
