import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_STEP_FORM, EVERY_FIELD_FORM, MULTI_STEP_FORM, SERVER_STEP_FORM } from './apply-forms.ts';
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

describe.skipIf(!chromiumPath)('form shapes in real Chromium: every field type, steps, accounts', () => {
  let h: FormHarness;
  beforeAll(async () => {
    h = await openFormHarness(chromiumPath!, (record) => ({
      '/every': html(EVERY_FIELD_FORM),
      '/every/apply': record('/every/apply'),
      '/multistep': html(MULTI_STEP_FORM),
      '/multistep/apply': record('/multistep/apply'),
      '/account': html(ACCOUNT_STEP_FORM),
      '/account/apply': record('/account/apply'),
      '/server-step': html(SERVER_STEP_FORM),
      '/server-step/next': record('/server-step/next'),
      '/posting.pdf': {
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': 'attachment; filename="jd.pdf"',
        },
        body: '%PDF-1.4 not a form',
      },
    }));
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('fills and submits every field type, the resume upload included', async () => {
    const { user, applicationId } = await h.applicant();
    await h.applyAt(`${h.server.url}/every`);
    const out = await h.fill(user, applicationId);
    expect(out.outcome).toBe('filled');
    expect(out.unfilled).toEqual([]);
    expect(field(out, /^Mobile/)).toBe('+44 20 7946 0018');
    expect(field(out, /sponsorship/)).toBe('No');
    expect(field(out, /willing to relocate/)).toBe('yes');
    expect(h.posted).toEqual([]);
    await h.approve(user, out.approvalId!);
    const sent = await h.submit(user, out.approvalId!);
    expect(sent).toMatchObject({ outcome: 'submitted', status: 'applied', submittedToday: 1 });
    const body = h.posted.find((p) => p.path === '/every/apply')!.body;
    expect(part(body, 'full_name')).toBe('Priya Raman');
    expect(part(body, 'email')).toBe('priya.raman@example.com');
    expect(part(body, 'mobile')).toBe('+44 20 7946 0018');
    expect(part(body, 'linkedin')).toBe('https://www.linkedin.com/in/priya-raman');
    expect(part(body, 'notice')).toBe('1m');
    expect(part(body, 'sponsorship')).toBe('no');
    expect(part(body, 'relocate')).toBe('willing');
    expect(part(body, 'cover')).toMatch(/Acme Robotics/);
    expect(body).toMatch(
      /name="resume"; filename="resume\.pdf"\r\nContent-Type: application\/pdf\r\n\r\n%PDF-/,
    );
  }, 60_000);

  it('fills a multi-step form step by step and never clicks the final submit', async () => {
    const { user, applicationId } = await h.applicant();
    await h.applyAt(`${h.server.url}/multistep`);
    const out = await h.fill(user, applicationId);
    expect(out).toMatchObject({ outcome: 'filled', steps: 3, unfilled: [] });
    expect(field(out, /^First name/)).toBe('Priya');
    expect(field(out, /^Resume/)).toBe('resume.pdf');
    expect(field(out, /notice period/)).toBe('One month');
    expect(field(out, /visa sponsorship/)).toBe('No');
    expect(field(out, /^Cover letter/)).toMatch(/Acme Robotics/);
    expect(field(out, /salary/)).toBe('£95,000 a year');
    expect(h.posted.filter((p) => p.path === '/multistep/apply')).toEqual([]);

    await h.approve(user, out.approvalId!);
    expect((await h.submit(user, out.approvalId!)).outcome).toBe('submitted');
    const sent = h.posted.filter((p) => p.path === '/multistep/apply');
    expect(sent).toHaveLength(1);
    expect(part(sent[0]!.body, 'first')).toBe('Priya');
    expect(part(sent[0]!.body, 'visa')).toBe('No');
    expect(part(sent[0]!.body, 'salary')).toBe('£95,000 a year');
  }, 60_000);

  it('stops with "needs you" and the URL when a step asks for an account, or a step sends answers', async () => {
    const { user, applicationId, approvalId } = await h.applicant();
    await h.applyAt(`${h.server.url}/account`);
    const account = await h.fill(user, applicationId);
    expect(account).toMatchObject({ outcome: 'needs_you', url: `${h.server.url}/account` });
    expect(account.reason).toMatch(/needs an account: step 2 asks you to sign in or sign up/);
    await h.approve(user, approvalId);
    expect(await h.submit(user, approvalId)).toMatchObject({ outcome: 'needs_you', status: 'ready' });

    await h.applyAt(`${h.server.url}/server-step`);
    const stepwise = await h.fill(user, applicationId);
    expect(stepwise.outcome).toBe('needs_you');
    expect(stepwise.reason).toMatch(/sends your answers to the employer at step 1/);
    expect(h.server.hits('/server-step/next')).toEqual([]);
    expect(h.posted.filter((p) => /^\/(account|server-step)/.test(p.path))).toEqual([]);
  }, 60_000);

  it('an apply link that is no form page: a mailto link or a file download', async () => {
    const { user, applicationId } = await h.applicant();
    await h.applyAt('mailto:jobs@acme.example');
    expect((await h.fill(user, applicationId)).reason).toMatch(/not a web page \(mailto:\)/);
    await h.applyAt(`${h.server.url}/posting.pdf`);
    const download = await h.fill(user, applicationId);
    expect(download.outcome).toBe('needs_you');
    expect(download.reason).toMatch(/file download|could not be opened/);
  }, 60_000);
});
