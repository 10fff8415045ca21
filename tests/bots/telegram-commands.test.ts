import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkCode } from '../../bots/telegram/link.ts';
import { profiles } from '../../db/schema.ts';
import { type BotHarness, startBotHarness } from '../fixtures/telegram/harness.ts';
import { buttonData, callbackUpdate, keyboardOf, textUpdate } from '../fixtures/telegram/updates.ts';
import { seedJob, seedMatch } from './seed.ts';

const ADA = 7201;

describe('the bot’s commands', () => {
  let h: BotHarness;
  const last = () => h.fake.messagesTo(ADA).at(-1)!;
  const say = (text: string) => h.send(textUpdate(ADA, text));
  const lastAnswer = () => String(h.fake.callsOf('answerCallbackQuery').at(-1)?.params.text ?? '');

  beforeAll(async () => {
    h = await startBotHarness();
    // An existing account (the local user) links this chat with a one-time code.
    await say(`/start ${await createLinkCode(h.t.runtime.handle.db, h.t.userId)}`);
    expect(last().text).toMatch(/now linked/);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('/digest shows the settings, moves the hour, toggles the quiet-day note and sends today’s now', async () => {
    const db = h.t.runtime.handle.db;
    await say('/digest');
    const settings = last();
    expect(settings.text).toMatch(/Arrives at 08:00 \(UTC\) with up to 5 new matches scoring 50\+/);
    expect(settings.text).toMatch(/nothing new: no message/);
    expect(
      keyboardOf(settings)
        .flat()
        .map((b) => b.text),
    ).toContain('✅ 08:00');

    await h.send(callbackUpdate(ADA, buttonData(settings, /^18:00$/), settings.message_id));
    expect(lastAnswer()).toBe('Digest moved to 18:00');
    expect(settings.text).toMatch(/Arrives at 18:00/);
    expect(
      keyboardOf(settings)
        .flat()
        .map((b) => b.text),
    ).toContain('✅ 18:00');
    const [row] = await db.select().from(profiles).where(eq(profiles.userId, h.t.userId));
    expect(row!.digestHour).toBe(18);

    await h.send(callbackUpdate(ADA, buttonData(settings, /quiet days/), settings.message_id));
    expect(settings.text).toMatch(/nothing new: a short “nothing new” note/);
    const [toggled] = await db.select().from(profiles).where(eq(profiles.userId, h.t.userId));
    expect(toggled!.digestEmptyNotice).toBe(true);

    await h.send(callbackUpdate(ADA, buttonData(settings, /Send today/), settings.message_id));
    expect(last().text).toMatch(/^Nothing new since your last digest/);

    const jobId = await seedJob(db, { title: 'Go <Engineer> & SRE', company: 'Initech' });
    await seedMatch(db, h.t.userId, jobId, 81);
    await h.send(callbackUpdate(ADA, buttonData(settings, /Send today/), settings.message_id));
    const digest = last();
    expect(digest.parse_mode).toBe('HTML');
    expect(digest.text).toMatch(/^<b>Your top 1 new matches<\/b>/);
    expect(digest.text).toContain('<b>Go &lt;Engineer&gt; &amp; SRE</b> — Initech · <b>81</b>');
    expect(keyboardOf(digest)[0]!.map((b) => b.callback_data)).toEqual([
      `m:up:${jobId}`,
      `m:down:${jobId}`,
      `m:why:${jobId}`,
    ]);
  });

  it('/sources lists sources and adds one through add_source, naming a bad spec', async () => {
    await say('/sources');
    expect(last().text).toMatch(/^No sources yet/);
    await say('/sources add greenhouse:acme');
    expect(last().text).toMatch(/^Added greenhouse:acme\. .*crawl greenhouse:acme/);
    await say('/sources add greenhouse:acme');
    expect(last().text).toMatch(/^greenhouse:acme was already a source/);
    await say('/sources');
    expect(last().text).toMatch(/^greenhouse:acme — 0 open jobs, last crawl never/);
    await say('/sources add ftp://nope');
    expect(last().text).toMatch(/^Invalid job source "ftp:\/\/nope": it .*Accepted forms: /);
    await say('/sources add');
    expect(last().text).toMatch(/^Say which source/);
  });

  it('/applications shows the tracker with each status', async () => {
    await say('/applications');
    expect(last().text).toMatch(/^No applications yet/);
    const db = h.t.runtime.handle.db;
    const jobId = await seedJob(db, { title: 'Platform Engineer', company: 'Hooli' });
    await h.t.call('track_application', { jobId, status: 'applied' });
    await say('/applications');
    expect(last().text).toBe('Your applications:\n📨 Platform Engineer — Hooli: applied');
  });

  it('/help lists the commands, and an unknown command gets pointed at them', async () => {
    await say('/help');
    for (const command of ['/matches', '/digest', '/sources', '/applications', '/profile'])
      expect(last().text).toContain(command);
    await say('/frobnicate now');
    expect(last().text).toBe(
      'I do not know /frobnicate. Try /matches, /digest, /sources, /applications, /profile or /help.',
    );
  });

  it('answers a chat nobody linked, and its button taps, with a pointer to /start', async () => {
    await h.send(textUpdate(7299, '/matches'));
    expect(h.lastText(7299)).toMatch(/not linked .* Send \/start/);
    await h.send(callbackUpdate(7299, 'd:now', 1));
    expect(lastAnswer()).toBe('Send /start first.');
  });
});
