import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../config/config.ts';
import { formFillerFromConfig } from '../../../tools/applications/fill-application.ts';
import { createFormFiller } from '../../../tools/applications/form-filler.ts';
import { readPackage } from '../../../tools/applications/package.ts';
import { createApplicationStore } from '../../../tools/applications/store.ts';
import { CHROMIUM_ARGS } from '../../../tools/crawl/browser-pool.ts';
import { inputError } from './applications-fixture.ts';
import {
  ASHBY_FORM,
  CRASHING_FORM,
  EVERY_FIELD_FORM,
  EVERY_FIELD_FORM_CHANGED,
  GREENHOUSE_FORM,
  LEVER_FORM,
  WORKABLE_FORM,
} from './apply-forms.ts';
import { type FormHarness, field, html, openFormHarness, part } from './form-harness.ts';

// The tailored PDF comes from pdf-lib; the form filler gets the real Chromium path directly.
const chromiumPath = (
  await vi.importActual<typeof import('../../../tools/crawl/browser-pool.ts')>(
    '../../../tools/crawl/browser-pool.ts',
  )
).findChromium(process.env);
vi.mock('../../../tools/crawl/browser-pool.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../tools/crawl/browser-pool.ts')>()),
  findChromium: () => null,
}));

describe.skipIf(!chromiumPath)('form filling when things change or break, in real Chromium', () => {
  let h: FormHarness;
  let everyFieldForm = EVERY_FIELD_FORM;
  let lastBrowser: Browser | undefined;
  /** A filler whose browser the fixture server can close while a page is being filled. */
  const crashableFiller = () =>
    createFormFiller({
      logger: h.fx.services.logger,
      launch: async () => {
        lastBrowser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
        return lastBrowser;
      },
    });
  const packageOf = async (user: string, applicationId: string) =>
    readPackage((await createApplicationStore(h.fx.db).require(user, applicationId)).package);

  beforeAll(async () => {
    h = await openFormHarness(chromiumPath!, (record) => ({
      '/every': (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(everyFieldForm);
      },
      '/every/apply': record('/every/apply'),
      '/crashing': html(CRASHING_FORM),
      '/crashing/apply': record('/crashing/apply'),
      '/crash': (_req: IncomingMessage, res: ServerResponse) => {
        void lastBrowser?.close();
        res.end('');
      },
      // SOURCE_BASE_URL form of the four providers' hosted application forms.
      '/sources/boards.greenhouse.io/acme/jobs/4012345': html(GREENHOUSE_FORM),
      '/sources/jobs.lever.co/acme/5b1c2d3e/apply': html(LEVER_FORM),
      '/sources/jobs.lever.co/lever/apply': record('/sources/jobs.lever.co/lever/apply'),
      '/sources/jobs.ashbyhq.com/acme/7e2d/application': html(ASHBY_FORM),
      '/sources/apply.workable.com/acme/j/9F3A/apply': html(WORKABLE_FORM),
    }));
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('refuses to submit a form that changed after approval, keeping the package', async () => {
    const { user, applicationId } = await h.applicant();
    await h.applyAt(`${h.server.url}/every`);
    const reviewed = await h.fill(user, applicationId);
    await h.approve(user, reviewed.approvalId!);
    const before = await packageOf(user, applicationId);

    everyFieldForm = EVERY_FIELD_FORM_CHANGED; // the employer adds a question
    try {
      const refused = await h.submit(user, reviewed.approvalId!);
      expect(refused).toMatchObject({ outcome: 'form_changed', status: 'ready', submittedToday: 0 });
      expect(refused.message).toMatch(/the form changed since you approved it; review and approve again/);
      expect(field(refused, /^Salary expectations/)).toBe('£95,000 a year');
      expect(h.posted).toEqual([]);
      expect(await packageOf(user, applicationId)).toEqual(before);

      // Reviewing the form as it is now asks for a new approval; the old one is no longer valid.
      const again = await h.fill(user, applicationId);
      expect(again.approvalId).not.toBe(reviewed.approvalId);
      expect(field(again, /^Salary expectations/)).toBe('£95,000 a year');
      await inputError(h.submit(user, reviewed.approvalId!));
      await h.approve(user, again.approvalId!);
      expect((await h.submit(user, again.approvalId!)).outcome).toBe('submitted');
      expect(h.posted).toHaveLength(1);
      expect(part(h.posted[0]!.body, 'salary')).toBe('£95,000 a year');
    } finally {
      everyFieldForm = EVERY_FIELD_FORM;
    }
  }, 90_000);

  it('a browser crash mid-fill gives a clear status, sends nothing and keeps the package and approval', async () => {
    const { user, applicationId, approvalId } = await h.applicant();
    await h.applyAt(`${h.server.url}/crashing`);
    const out = await h.fill(user, applicationId, crashableFiller());
    expect(out.outcome).toBe('failed');
    expect(out.reason).toMatch(
      /the browser stopped while filling the form .*nothing was submitted and the package is kept/,
    );
    expect(await packageOf(user, applicationId)).not.toBeNull();

    await h.approve(user, approvalId);
    const failed = await h.submit(user, approvalId, crashableFiller());
    expect(failed).toMatchObject({ outcome: 'failed', status: 'ready', submittedToday: 0 });
    expect(failed.message).toMatch(/nothing was submitted; the package and approval are kept/);
    expect(h.posted.filter((p) => p.path === '/crashing/apply')).toEqual([]);
    // The same approval still sends the package once the page works.
    await h.applyAt(`${h.server.url}/every`);
    expect((await h.submit(user, approvalId)).outcome).toBe('submitted');
  }, 60_000);

  it('sends provider apply URLs to SOURCE_BASE_URL, as the crawler does', async () => {
    const config = loadConfig({
      DATA_DIR: 'memory://',
      LOG_LEVEL: 'silent',
      SOURCE_BASE_URL: `${h.server.url}/sources`,
      CRAWL_ALLOW_HOSTS: '127.0.0.1',
    });
    const viaBase = () => formFillerFromConfig(config, h.fx.services.logger, chromiumPath!)!;
    const { user, applicationId } = await h.applicant();
    let last: Awaited<ReturnType<FormHarness['fill']>> | undefined;
    for (const url of [
      'https://boards.greenhouse.io/acme/jobs/4012345',
      'https://jobs.ashbyhq.com/acme/7e2d/application',
      'https://apply.workable.com/acme/j/9F3A/apply',
      'https://jobs.lever.co/acme/5b1c2d3e/apply',
    ]) {
      await h.applyAt(url);
      last = await h.fill(user, applicationId, viaBase());
      expect(last, url).toMatchObject({ outcome: 'filled', url });
      expect(field(last, /^E-?mail/i), url).toBe('priya.raman@example.com');
    }
    // The last one (Lever) is approved and sent: the post goes to the base too.
    await h.approve(user, last!.approvalId!);
    expect((await h.submit(user, last!.approvalId!, viaBase())).outcome).toBe('submitted');
    expect(h.posted.at(-1)!.path).toBe('/sources/jobs.lever.co/lever/apply');
    expect(part(h.posted.at(-1)!.body, 'name')).toBe('Priya Raman');
  }, 90_000);
});
