import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkCode } from '../../bots/telegram/link.ts';
import { applicationApprovals, applications, jobs } from '../../db/schema.ts';
import { findChromium } from '../../tools/crawl/browser-pool.ts';
import { startTestServer, type TestServer } from '../fixtures/http-server.ts';
import { type BotHarness, startBotHarness } from '../fixtures/telegram/harness.ts';
import { buttonData, callbackUpdate, keyboardOf, textUpdate } from '../fixtures/telegram/updates.ts';
import { LEVER_FORM } from '../tools/applications/apply-forms.ts';
import { seedJob, seedMatch } from './seed.ts';

const RESUME = readFileSync(join(import.meta.dirname, '../fixtures/resumes/jane-doe.txt'), 'utf8');
const ANSWERS = [
  { question: 'work_authorisation', answer: 'Yes' },
  { question: 'sponsorship', answer: 'No' },
  { question: 'notice_period', answer: 'One month' },
  { question: 'salary_expectation', answer: '€90,000 a year' },
  { question: 'linkedin', answer: 'https://www.linkedin.com/in/janedoe' },
  { question: 'location', answer: 'Berlin, Germany' },
  { question: 'relocation', answer: 'No' },
];
const JANE = 7301;
const GONE = '00000000-0000-4000-8000-000000000000';
const chromium = findChromium(process.env);

describe('the buttons under a match', () => {
  let h: BotHarness;
  let forms: TestServer;
  const posted: string[] = [];
  let jobId: string;
  const last = () => h.fake.messagesTo(JANE).at(-1)!;
  const lastAnswer = () => String(h.fake.callsOf('answerCallbackQuery').at(-1)?.params.text ?? '');
  const tap = (data: string, messageId = 1) => h.send(callbackUpdate(JANE, data, messageId));

  beforeAll(async () => {
    forms = await startTestServer({
      '/lever': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: LEVER_FORM },
      '/lever/apply': async (req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        posted.push(Buffer.concat(chunks).toString('latin1'));
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<h1>Thank you for applying</h1>');
      },
    });
    h = await startBotHarness();
    const db = h.t.runtime.handle.db;
    await h.send(textUpdate(JANE, `/start ${await createLinkCode(db, h.t.userId)}`));
    await h.t.call('upload_resume', { text: RESUME });
    jobId = await seedJob(db, { title: 'Senior Backend <Engineer>', company: 'Globex & Co' });
    await db
      .update(jobs)
      .set({ applyUrl: `${forms.url}/lever` })
      .where(eq(jobs.id, jobId));
    await seedMatch(db, h.t.userId, jobId, 77);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await forms?.close();
  });

  it('reviews the resume against the job (ats_review), escaped', async () => {
    await tap(`m:review:${jobId}`);
    const review = last();
    expect(review.parse_mode).toBe('HTML');
    expect(review.text).toMatch(
      /^<b>Resume review: Senior Backend &lt;Engineer&gt; — Globex &amp; Co<\/b>\n/,
    );
    expect(review.text).toMatch(/\d+\/100|score/i);
  });

  it('prepares an application: asks what it does not know, then offers approval of a ready package', async () => {
    await tap(`m:prep:${jobId}`);
    expect(last().text).toMatch(
      /^<b>Application: Senior Backend &lt;Engineer&gt; — Globex &amp; Co<\/b>\nStatus: preparing/,
    );
    expect(last().text).toMatch(/Questions I need you to answer \(never guessed\)<\/b>\n• /);
    expect(keyboardOf(last())).toEqual([]);

    await h.t.call('save_answers', { answers: ANSWERS });
    await tap(`m:prep:${jobId}`);
    const ready = last();
    expect(ready.text).toMatch(/Status: ready/);
    expect(ready.text).toContain('notice period?: One month');
    expect(ready.text).toMatch(/Nothing is sent before you tap Approve &amp; submit/);
    expect(keyboardOf(ready)[0]!.map((b) => b.text)).toEqual([
      '✅ Approve & submit',
      '🧪 Fill only (dry run)',
    ]);
    expect(posted).toEqual([]);
  }, 60_000);

  it.skipIf(!chromium)(
    'fills the form on a dry run without sending, then submits once approved',
    async () => {
      const db = h.t.runtime.handle.db;
      const ready = last();
      const before = h.fake.messagesTo(JANE).length;
      await tap(buttonData(ready, /dry run/), ready.message_id);
      // First the screenshot of the filled form, then what was filled with the approval button.
      const [shot] = h.fake.messagesTo(JANE).slice(before);
      expect(shot!.photo).toMatchObject({ fileName: 'filled-form.png' });
      expect(shot!.photo!.bytes).toBeGreaterThan(1000);
      expect(shot!.text).toBe('The form as filled (not submitted)');
      expect(last().text).toMatch(/^<b>Dry run: the form filled, not submitted<\/b>\nFilled \d+ fields at /);
      const filled = last();
      expect(filled.text).toMatch(/\n- Full name\W*: JANE DOE\n/);
      expect(posted).toEqual([]);

      // The approval now binds to the form as filled: the package's older one is refused, clearly.
      await tap(buttonData(ready, /Approve/), ready.message_id);
      expect(last().text).not.toMatch(/Something went wrong/);
      expect(posted).toEqual([]);

      const approveFilled = buttonData(filled, /Approve/);
      await tap(approveFilled, filled.message_id);
      expect(last().text).toMatch(
        /^<b>Application: Senior Backend &lt;Engineer&gt; — Globex &amp; Co<\/b>\n✅ You approved it\.\nSubmitted: /,
      );
      expect(posted).toHaveLength(1);
      expect(posted[0]).toContain('JANE DOE');
      // The buttons are gone, so the package cannot be sent twice from that message.
      expect(keyboardOf(filled)).toEqual([]);
      const [app] = await db.select().from(applications).where(eq(applications.jobId, jobId));
      expect(app!.status).toBe('applied');
      // Only the tapped approval was given, and it records where the person gave it.
      const approved = await db
        .select()
        .from(applicationApprovals)
        .where(
          and(eq(applicationApprovals.applicationId, app!.id), isNotNull(applicationApprovals.approvedAt)),
        );
      expect(approved.map((a) => [a.id, a.approvedVia])).toEqual([
        [approveFilled.slice('a:ok:'.length), 'telegram'],
      ]);
    },
    120_000,
  );

  it('hides the company through the profile', async () => {
    await tap(`m:hide:${jobId}`);
    expect(lastAnswer()).toBe('Hidden: Globex & Co');
    expect(last().text).toMatch(/^Done: jobs from Globex & Co will not show up/);
    const profile = (await h.t.call('get_profile', {})) as { excludedCompanies: string[] };
    expect(profile.excludedCompanies).toEqual(['Globex & Co']);
    await tap(`m:hide:${jobId}`);
    expect(last().text).toBe('Globex & Co was already hidden.');
  });

  it('answers every button of a deleted job shortly, and a mangled button as out of date', async () => {
    const before = h.fake.messagesTo(JANE).length;
    for (const action of ['up', 'down', 'why', 'review', 'prep', 'hide']) {
      await tap(`m:${action}:${GONE}`);
      expect(lastAnswer()).toBe('That match is no longer there.');
    }
    expect(h.fake.messagesTo(JANE).length).toBe(before);
    await tap('m:prep:not-a-job');
    expect(lastAnswer()).toBe('That button is out of date.');
    await tap(`a:ok:${GONE}`);
    expect(last().text).toMatch(/approval '0{8}-.*' was not found/);
  });
});
