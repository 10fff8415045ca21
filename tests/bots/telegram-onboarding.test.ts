import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestRoles } from '../../bots/telegram/onboarding-steps.ts';
import { jobs, matches, users } from '../../db/schema.ts';
import { embedPendingJobs } from '../../tools/match/embed-jobs.ts';
import { type BotHarness, startBotHarness } from '../fixtures/telegram/harness.ts';
import { buttonData, callbackUpdate, keyboardOf, textUpdate } from '../fixtures/telegram/updates.ts';
import { waitFor } from '../helpers/queue.ts';
import { seedJob } from './seed.ts';

const RESUME = readFileSync(join(import.meta.dirname, '../fixtures/resumes/jane-doe.txt'), 'utf8');
const JANE = 7101;

describe('onboarding a new Telegram user', () => {
  let h: BotHarness;
  const last = () => h.fake.messagesTo(JANE).at(-1)!;
  const tap = (text: RegExp) => h.send(callbackUpdate(JANE, buttonData(last(), text), last().message_id));
  const say = (text: string) => h.send(textUpdate(JANE, text, 'Jane'));
  const user = async () => {
    const [row] = await h.t.runtime.handle.db.select().from(users).where(eq(users.telegramChatId, JANE));
    return row!;
  };
  const profile = async () => {
    const u = await user();
    return (await h.t.runtime.tools.require('get_profile').execute({}, { userId: u.id })) as Record<
      string,
      unknown
    >;
  };

  beforeAll(async () => {
    h = await startBotHarness();
    const db = h.t.runtime.handle.db;
    for (const title of ['Senior Backend Engineer', 'Platform Engineer (Go)', 'Staff Backend Engineer'])
      await seedJob(db, { title, company: 'Globex', location: 'Berlin, Germany' });
    // As the crawler's location parsing stores it, so the profile's "Berlin" keeps them.
    await db.update(jobs).set({ city: 'Berlin', country: 'DE' });
    await embedPendingJobs(db, h.t.runtime.services.embedder);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('walks from /start through every question to a first /matches, surviving a restart', async () => {
    await say('/start');
    expect(last().text).toMatch(/^Hi Jane! .*Step 1 of 7: your resume/s);
    expect((await user()).onboardingStep).toBe('resume');

    // Not a resume: the step says why and stays.
    await say('hello there, can you find me a job?');
    expect(last().text).toMatch(/resume/i);
    expect((await user()).onboardingStep).toBe('resume');

    // A pasted resume goes through upload_resume's text input.
    await say(RESUME);
    expect(last().text).toMatch(/^✓ Stored pasted resume: .*Step 2 of 7: which roles/s);
    const suggestions = keyboardOf(last())
      .flat()
      .map((b) => b.text);
    expect(suggestions).toContain('Backend Engineer');
    expect(suggestions).toContain('Software Developer');
    expect(suggestions).toEqual(expect.arrayContaining(['✍️ Type my own', 'Done ✔', 'Skip ⏭']));

    // Picking edits the same message; a second tap drops the role again.
    const rolesMessage = last();
    await tap(/^Backend Engineer$/);
    await tap(/^Platform Engineer$/);
    expect(rolesMessage.text).toMatch(/Picked: Backend Engineer, Platform Engineer$/);
    expect(
      keyboardOf(rolesMessage)
        .flat()
        .map((b) => b.text),
    ).toContain('✅ Backend Engineer');
    await h.send(
      callbackUpdate(JANE, buttonData(rolesMessage, /Platform Engineer$/), rolesMessage.message_id),
    );
    expect(rolesMessage.text).toMatch(/Picked: Backend Engineer$/);
    expect((await profile()).roles).toEqual(['Backend Engineer']);

    // The bot restarts: the step and the picks were stored, a new instance carries on.
    await h.tg.stop();
    h.tg = h.newBot();
    await h.send(callbackUpdate(JANE, buttonData(rolesMessage, /^Done/), rolesMessage.message_id));
    expect(last().text).toMatch(/^✓ Roles: Backend Engineer\n\nStep 3 of 7: where/);
    // The answered question lost its buttons.
    expect(keyboardOf(rolesMessage)).toEqual([]);

    await say('Berlin, Hamburg');
    expect(last().text).toMatch(/^✓ Locations: Berlin, Hamburg\n\nStep 4 of 7/);
    await tap(/Hybrid/);
    expect(last().text).toMatch(/^✓ Remote: hybrid\n\nStep 5 of 7: your minimum yearly salary/);

    await say('lots of money');
    expect(last().text).toMatch(/could not read a salary/);
    await say('70k EUR');
    expect(last().text).toMatch(/^✓ Minimum salary: EUR 70,000 a year\n\nStep 6 of 7/);
    await tap(/^09:00$/);
    expect(last().text).toMatch(/^✓ Digest at 09:00\n\nStep 7 of 7: your time zone/);

    await say('Mars/Olympus_Mons');
    expect(last().text).toMatch(/“Mars\/Olympus_Mons” is not an IANA time zone/);
    expect((await user()).onboardingStep).toBe('timezone');
    await say('europe/berlin');
    expect(last().text).toMatch(/^✓ Time zone: Europe\/Berlin\n\nAll set! Your profile:/);
    expect(last().text).toContain('Send /matches');
    expect((await user()).onboardingStep).toBeNull();
    expect(await profile()).toMatchObject({
      roles: ['Backend Engineer'],
      locations: ['Berlin', 'Hamburg'],
      remote: 'hybrid',
      minSalary: { amount: 70000, currency: 'EUR', period: 'year' },
      digestHour: 9,
      timeZone: 'Europe/Berlin',
    });

    // Plain text is the assistant's again.
    const before = h.fake.messagesTo(JANE).length;
    await say('what is my profile?');
    expect(h.fake.messagesTo(JANE).length).toBeGreaterThan(before);
    expect((await profile()).locations).toEqual(['Berlin', 'Hamburg']);

    const userId = (await user()).id;
    await waitFor(
      async () => {
        const [row] = await h.t.runtime.handle.db
          .select({ n: sql<number>`count(*)::int` })
          .from(matches)
          .where(eq(matches.userId, userId));
        return Number(row?.n) >= 3;
      },
      { timeoutMs: 30_000, what: 'the new user’s matches' },
    );
    await say('/matches');
    expect(last().text).toMatch(/^<b>Your best matches<\/b>\n\n1\. <b>.*Backend Engineer/);
  }, 90_000);

  it('an old question’s button after onboarding gets a short answer', async () => {
    await h.send(callbackUpdate(JANE, 'o:skip:roles', 1));
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)!.params.text).toMatch(/already answered/);
  });

  it('/profile shows the profile with a button that starts setup again', async () => {
    await say('/profile');
    expect(last().text).toMatch(/^Your profile:\nRoles: Backend Engineer/);
    await tap(/setup again/);
    expect(last().text).toMatch(/^Let's go through your setup again\.\n\nStep 1 of 7/);
    expect((await user()).onboardingStep).toBe('resume');
    await tap(/^Skip/);
    expect(last().text).toMatch(/^⏭ Skipped\.\n\nStep 2 of 7/);
    // /start in the middle repeats the open question.
    await say('/start');
    expect(last().text).toMatch(/^Welcome back! .*Step 2 of 7/s);
  });

  it('suggests roles from resume titles without seniority, then common roles', () => {
    expect(suggestRoles(['Senior Backend Engineer', 'Staff Engineer', 'Lead Data Engineer (Spark)'])).toEqual(
      [
        'Backend Engineer',
        'Data Engineer',
        'Frontend Engineer',
        'Full-Stack Engineer',
        'Platform Engineer',
        'DevOps Engineer',
        'Engineering Manager',
        'Product Manager',
      ],
    );
  });
});
