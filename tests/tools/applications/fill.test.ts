import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jobs } from '../../../db/schema.ts';
import { createApproveApplicationTool } from '../../../tools/applications/approve-application.ts';
import { createFillApplicationTool } from '../../../tools/applications/fill-application.ts';
import { type FormField, matchOption, planFill, splitName } from '../../../tools/applications/form-fields.ts';
import { createFormFiller } from '../../../tools/applications/form-filler.ts';
import { createSubmitApplicationTool } from '../../../tools/applications/submit-application.ts';
import { callTool } from '../../../tools/tool.ts';
import { startTestServer, type TestServer } from '../../fixtures/http-server.ts';
import { PRIYA } from '../review/review-fixture.ts';
import {
  ANSWERS,
  type ApplicationsFixture,
  inputError,
  openApplicationsFixture,
} from './applications-fixture.ts';
import {
  ASHBY_FORM,
  CAPTCHA_FORM,
  GENERIC_FORM,
  GREENHOUSE_FORM,
  LEVER_FORM,
  LOGIN_WALL,
  NOT_A_FORM,
  WORKABLE_FORM,
} from './apply-forms.ts';

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

interface Filled {
  outcome: string;
  url: string;
  reason?: string;
  filled: Array<{ field: string; value: string }>;
  unfilled: Array<{ field: string; required: boolean }>;
  screenshotBase64?: string;
  approvalId: string | null;
}
interface Submitted {
  outcome: string;
  status: string;
  message: string;
}

const html = (body: string) => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });

describe.skipIf(!chromiumPath)('fill_application and submission with real Chromium', () => {
  let fx: ApplicationsFixture;
  let server: TestServer;
  const posted: Array<{ path: string; body: string }> = [];
  let user: string;
  let applicationId: string;

  const filler = () => createFormFiller({ executablePath: chromiumPath!, logger: fx.services.logger });
  const fill = async (path: string) => {
    await fx.db
      .update(jobs)
      .set({ applyUrl: `${server.url}${path}` })
      .where(eq(jobs.id, fx.jobIds.engineer));
    const tool = createFillApplicationTool({
      db: fx.db,
      config: fx.services.config,
      logger: fx.services.logger,
      formFiller: filler(),
    });
    return (await callTool(tool, { applicationId }, { userId: user })) as Filled;
  };
  const field = (out: Filled, name: RegExp) => out.filled.find((f) => name.test(f.field))?.value;

  beforeAll(async () => {
    fx = await openApplicationsFixture();
    const record =
      (path: string) =>
      async (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        posted.push({ path, body: Buffer.concat(chunks).toString('latin1') });
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<h1>Thank you for applying</h1>');
      };
    server = await startTestServer({
      '/greenhouse': html(GREENHOUSE_FORM),
      '/greenhouse/submit': record('/greenhouse/submit'),
      '/lever': html(LEVER_FORM),
      '/lever/apply': record('/lever/apply'),
      '/ashby': html(ASHBY_FORM),
      '/workable': html(WORKABLE_FORM),
      '/generic': html(GENERIC_FORM),
      '/captcha': html(CAPTCHA_FORM),
      '/login': html(LOGIN_WALL),
      '/plain': html(NOT_A_FORM),
    });
    user = await fx.otherUser();
    await fx.services.resumes.add(user, { kind: 'text', text: PRIYA, name: 'priya.txt' });
    await fx.call('save_answers', { answers: ANSWERS }, user);
    applicationId = (
      await fx.call<{ applicationId: string }>('prepare_application', { jobId: fx.jobIds.engineer }, user)
    ).applicationId;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await fx?.close();
  });

  it('fills a Greenhouse form: contact, resume upload, selects, and reports the unanswered question', async () => {
    const out = await fill('/greenhouse');
    expect(out.outcome).toBe('filled');
    expect(field(out, /^First Name/)).toBe('Priya');
    expect(field(out, /^Last Name/)).toBe('Raman');
    expect(field(out, /^Email/)).toBe('priya.raman@example.com');
    expect(field(out, /^Phone/)).toBe('+44 20 7946 0018');
    expect(field(out, /^Resume/)).toBe('resume.pdf');
    expect(field(out, /^LinkedIn/)).toBe('https://www.linkedin.com/in/priya-raman');
    expect(field(out, /legally authorized/)).toBe('Yes');
    expect(field(out, /sponsorship/)).toBe('No');
    expect(out.unfilled).toEqual([{ field: 'Why do you want to work at Acme Robotics? *', required: true }]);
    expect(Buffer.from(out.screenshotBase64!, 'base64').subarray(1, 4).toString()).toBe('PNG');
    // Filling never submits.
    expect(posted).toEqual([]);
  }, 60_000);

  it('fills Lever, Ashby, Workable and generic forms by label, name, placeholder and aria', async () => {
    const lever = await fill('/lever');
    expect(field(lever, /^Full name/)).toBe('Priya Raman');
    expect(field(lever, /^Current location/)).toBe('London, UK');
    expect(field(lever, /^Resume/)).toBe('resume.pdf');
    expect(field(lever, /visa sponsorship/)).toBe('No');
    expect(lever.unfilled).toEqual([]);

    const ashby = await fill('/ashby');
    expect(field(ashby, /^Name/)).toBe('Priya Raman');
    expect(field(ashby, /notice period/)).toBe('One month');
    expect(field(ashby, /relocation/)).toBe('Yes');
    expect(field(ashby, /visa sponsorship/)).toBe('No');
    expect(ashby.unfilled).toEqual([]);

    const workable = await fill('/workable');
    expect(field(workable, /^First name/)).toBe('Priya');
    expect(field(workable, /^Phone/)).toBe('+44 20 7946 0018');
    expect(field(workable, /^Cover letter/)).toMatch(/Acme Robotics/);
    expect(field(workable, /salary/)).toBe('£95,000 a year');

    const generic = await fill('/generic');
    expect(field(generic, /^Your name/)).toBe('Priya Raman');
    expect(field(generic, /^Notice period/)).toBe('One month');
    expect(field(generic, /^CV/)).toBe('resume.pdf');
    expect(generic.unfilled).toEqual([{ field: 'I agree to the privacy policy', required: true }]);
  }, 90_000);

  it('stops with "needs you" at a CAPTCHA, a login wall or a page without a form', async () => {
    expect(await fill('/captcha')).toMatchObject({
      outcome: 'needs_you',
      reason: 'the apply page shows a CAPTCHA',
    });
    expect((await fill('/login')).reason).toMatch(/log in/);
    expect((await fill('/plain')).reason).toMatch(/no application form/);
    expect((await fill('/missing')).reason).toMatch(/HTTP 404/);
  }, 60_000);

  it('submits only an approved, complete form: a required question without an answer sends nothing', async () => {
    await fx.db
      .update(jobs)
      .set({ applyUrl: `${server.url}/greenhouse` })
      .where(eq(jobs.id, fx.jobIds.engineer));
    const submit = (approvalId: string) =>
      callTool(
        createSubmitApplicationTool({
          db: fx.db,
          queue: fx.queue,
          logger: fx.services.logger,
          config: fx.services.config,
          submitter: filler().submitter(),
        }),
        { approvalId },
        { userId: user },
      ) as Promise<Submitted>;
    const approve = (approvalId: string) =>
      callTool(createApproveApplicationTool({ db: fx.db }), { approvalId }, { userId: user });

    const prepared = await fx.call<{ approvalId: string }>(
      'prepare_application',
      { jobId: fx.jobIds.engineer },
      user,
    );
    await inputError(submit(prepared.approvalId));
    // The person reviews the filled form; the approval is bound to exactly what it shows.
    const reviewed = await fill('/greenhouse');
    expect(reviewed.approvalId).not.toBe(prepared.approvalId);
    expect((await inputError(approve(prepared.approvalId))).message).toMatch(/filled form changed/);
    await approve(reviewed.approvalId!);
    const blocked = await submit(reviewed.approvalId!);
    expect(blocked).toMatchObject({ outcome: 'needs_you', status: 'ready' });
    expect(blocked.message).toMatch(/Why do you want to work at Acme Robotics/);
    expect(posted).toEqual([]);

    // The user answers; the form's question becomes part of a new package and a new approval.
    const question = 'Why do you want to work at Acme Robotics?';
    await fx.call(
      'save_answers',
      { answers: [{ question, answer: 'I want to build the platform for delivery robots.' }] },
      user,
    );
    const again = await fx.call<{ approvalId: string; status: string }>(
      'prepare_application',
      { jobId: fx.jobIds.engineer, questions: [...ANSWERS.map((a) => a.question), question] },
      user,
    );
    expect(again.status).toBe('ready');
    expect(again.approvalId).not.toBe(reviewed.approvalId);
    const final = await fill('/greenhouse');
    expect(final.unfilled).toEqual([]);
    await approve(final.approvalId!);
    const sent = await submit(final.approvalId!);
    expect(sent).toMatchObject({ outcome: 'submitted', status: 'applied' });
    expect(posted).toHaveLength(1);
    const body = posted[0]!.body;
    expect(body).toContain('name="job_application[first_name]"');
    expect(body).toContain('Priya');
    expect(body).toContain('I want to build the platform for delivery robots.');
    expect(body).toMatch(/filename="resume\.pdf"\r\nContent-Type: application\/pdf\r\n\r\n%PDF-/);
  }, 90_000);
});

describe('planFill (no browser)', () => {
  const field = (over: Partial<FormField>): FormField => ({
    index: 0,
    type: 'text',
    name: '',
    id: '',
    label: '',
    group: '',
    placeholder: '',
    required: false,
    options: [],
    ...over,
  });
  const values = {
    contact: {
      fullName: 'Priya Raman',
      firstName: 'Priya',
      lastName: 'Raman',
      email: 'priya.raman@example.com',
    },
    answers: new Map([
      ['relocation', { question: 'Are you willing to relocate?', answer: 'Yes, within Europe' }],
    ]),
    coverLetter: 'Dear Acme Robotics team,',
    resumePdf: null,
  };

  it('matches an answer to the option that says the same', () => {
    expect(matchOption('Yes, within Europe', ['No', 'Yes'])).toBe(1);
    expect(matchOption('no', ['Yes', 'No'])).toBe(1);
    expect(matchOption('Maybe', ['Yes', 'No'])).toBe(-1);
    expect(matchOption('', ['Yes'])).toBe(-1);
  });

  it('never invents a value: no answer, no matching option or no file leaves the field unfilled', () => {
    const plan = planFill(
      [
        field({ index: 0, label: 'Email' }),
        field({ index: 1, label: 'Phone', required: true }),
        field({
          index: 2,
          label: 'Would you relocate to Berlin?',
          type: 'select',
          options: [{ value: 'a', text: 'Absolutely' }],
        }),
        field({ index: 3, label: 'Resume', type: 'file', required: true }),
        field({
          index: 4,
          label: 'Are you open to relocation?',
          type: 'select',
          options: [
            { value: '', text: '--' },
            { value: 'y', text: 'Yes' },
          ],
        }),
      ],
      values,
    );
    expect(plan.actions).toEqual([
      { index: 0, kind: 'fill', field: 'Email', value: 'priya.raman@example.com' },
      { index: 4, kind: 'select', field: 'Are you open to relocation?', value: 'y', shown: 'Yes' },
    ]);
    expect(plan.unfilled).toEqual([
      { field: 'Phone', required: true },
      { field: 'Would you relocate to Berlin?', required: false },
      { field: 'Resume', required: true },
    ]);
  });

  it('splits a name into first and last', () => {
    expect(splitName('Priya  Raman')).toEqual({
      fullName: 'Priya Raman',
      firstName: 'Priya',
      lastName: 'Raman',
    });
    expect(splitName(undefined)).toEqual({});
  });
});
