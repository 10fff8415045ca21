import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applicationApprovals } from '../../../db/schema.ts';
import { createApproveApplicationTool } from '../../../tools/applications/approve-application.ts';
import { APPLICATION_REMINDER } from '../../../tools/applications/reminder-task.ts';
import { createSubmitApplicationTool } from '../../../tools/applications/submit-application.ts';
import type { SubmitOutcome, SubmitRequest, Submitter } from '../../../tools/applications/submitter.ts';
import { callTool } from '../../../tools/tool.ts';
import { PRIYA } from '../review/review-fixture.ts';
import {
  ANSWERS,
  type ApplicationsFixture,
  inputError,
  openApplicationsFixture,
} from './applications-fixture.ts';

vi.mock('../../../tools/crawl/browser-pool.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../tools/crawl/browser-pool.ts')>()),
  findChromium: () => null,
}));

interface Prepared {
  applicationId: string;
  status: string;
  valuesHash: string;
  approvalId: string | null;
  approvalExpiresAt: string | null;
}
interface Submitted {
  outcome: string;
  status: string;
  url: string;
  message: string;
  filled?: Array<{ field: string; value: string }>;
  submittedToday: number;
  dailyCap: number;
  reminderScheduledFor: string | null;
}

/** A fake employer: records what it was sent and answers as told. */
function fakeSubmitter(answer: (req: SubmitRequest) => SubmitOutcome | Promise<SubmitOutcome>) {
  const calls: SubmitRequest[] = [];
  const submitter: Submitter = {
    async submit(req) {
      calls.push(req);
      return answer(req);
    },
  };
  return { submitter, calls };
}
const acceptAll = (req: SubmitRequest): SubmitOutcome =>
  req.dryRun
    ? {
        outcome: 'dry_run',
        url: 'https://boards.greenhouse.io/acme/jobs/1',
        filled: [{ field: 'First Name', value: 'Priya' }],
        unfilled: [],
      }
    : {
        outcome: 'submitted',
        url: 'https://boards.greenhouse.io/acme/jobs/1',
        message: 'Thank you for applying.',
      };

let fx: ApplicationsFixture;
beforeAll(async () => {
  fx = await openApplicationsFixture();
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

/** A user with a resume and every default answer stored. */
async function applicant(): Promise<string> {
  const userId = await fx.otherUser();
  await fx.services.resumes.add(userId, { kind: 'text', text: PRIYA, name: 'priya.txt' });
  await fx.call('save_answers', { answers: ANSWERS }, userId);
  return userId;
}
const prepare = (userId: string, jobId = fx.jobIds.engineer) =>
  fx.call<Prepared>('prepare_application', { jobId }, userId);

/** Tools built fresh, as after a restart: all state they need is in the database. */
function submitTool(submitter: Submitter, dailyCap?: number) {
  const tool = createSubmitApplicationTool({
    db: fx.db,
    queue: fx.queue,
    logger: fx.services.logger,
    config: fx.services.config,
    submitter,
    ...(dailyCap ? { dailyCap } : {}),
  });
  return (args: Record<string, unknown>, userId: string) =>
    callTool(tool, args, { userId }) as Promise<Submitted>;
}
const approve = (approvalId: string, userId: string) =>
  callTool(createApproveApplicationTool({ db: fx.db }), { approvalId }, { userId }) as Promise<{
    approvedAt: string;
    expiresAt: string;
    valuesHash: string;
  }>;
const status = async (applicationId: string, userId: string) =>
  (await fx.call<{ application: { status: string } }>('get_application', { applicationId }, userId))
    .application.status;

describe('approval gate', () => {
  it('a ready package comes with an approval request bound to its values, valid for 24 hours', async () => {
    const user = await applicant();
    const prepared = await prepare(user);
    expect(prepared.status).toBe('ready');
    expect(prepared.approvalId).toMatch(/^[0-9a-f-]{36}$/);
    const hours = (Date.parse(prepared.approvalExpiresAt!) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    // Preparing the same values again asks for the same approval.
    expect((await prepare(user)).approvalId).toBe(prepared.approvalId);
    const [row] = await fx.db
      .select()
      .from(applicationApprovals)
      .where(eq(applicationApprovals.id, prepared.approvalId!));
    expect(row).toMatchObject({
      applicationId: prepared.applicationId,
      valuesHash: prepared.valuesHash,
      approvedAt: null,
    });
  });

  it('no approval id while questions are unanswered', async () => {
    const user = await fx.otherUser();
    await fx.services.resumes.add(user, { kind: 'text', text: PRIYA, name: 'priya.txt' });
    const prepared = await prepare(user);
    expect(prepared.status).toBe('preparing');
    expect(prepared.approvalId).toBeNull();
  });

  it('submission without the approval given is impossible, and sends nothing', async () => {
    const user = await applicant();
    const prepared = await prepare(user);
    const fake = fakeSubmitter(acceptAll);
    const submit = submitTool(fake.submitter);
    const error = await inputError(submit({ approvalId: prepared.approvalId }, user));
    expect(error.message).toMatch(/has not been given.*nothing was submitted/);
    await inputError(submit({ approvalId: prepared.approvalId, dryRun: true }, user));
    await inputError(submit({}, user));
    const unknown = await inputError(submit({ approvalId: '00000000-0000-4000-8000-000000000000' }, user));
    expect(unknown.message).toMatch(/approval '00000000-0000-4000-8000-000000000000' was not found/);
    expect(fake.calls).toHaveLength(0);
    expect(await status(prepared.applicationId, user)).toBe('ready');
  });

  it("another user can neither approve nor submit someone's package", async () => {
    const user = await applicant();
    const prepared = await prepare(user);
    const stranger = await applicant();
    await inputError(approve(prepared.approvalId!, stranger));
    await approve(prepared.approvalId!, user);
    const fake = fakeSubmitter(acceptAll);
    await inputError(submitTool(fake.submitter)({ approvalId: prepared.approvalId }, stranger));
    expect(fake.calls).toHaveLength(0);
  });

  it('approves, dry-runs without submitting, then submits exactly once (across a restart)', async () => {
    const user = await applicant();
    const prepared = await prepare(user);
    const approved = await approve(prepared.approvalId!, user);
    expect(approved.valuesHash).toBe(prepared.valuesHash);
    // Approving again is idempotent.
    expect((await approve(prepared.approvalId!, user)).approvedAt).toBe(approved.approvedAt);

    const fake = fakeSubmitter(acceptAll);
    const dry = await submitTool(fake.submitter)({ approvalId: prepared.approvalId, dryRun: true }, user);
    expect(dry).toMatchObject({ outcome: 'dry_run', status: 'ready', submittedToday: 0 });
    expect(dry.filled).toEqual([{ field: 'First Name', value: 'Priya' }]);
    expect(fake.calls.map((c) => c.dryRun)).toEqual([true]);

    // A fresh tool instance: the approval lives in the database, not in memory.
    const out = await submitTool(fake.submitter)({ approvalId: prepared.approvalId }, user);
    expect(out).toMatchObject({ outcome: 'submitted', status: 'applied', submittedToday: 1, dailyCap: 10 });
    expect(fake.calls.map((c) => c.dryRun)).toEqual([true, false]);
    const sent = fake.calls[1]!;
    expect(sent.package.answers.find((a) => a.key === 'notice_period')?.answer).toBe('One month');
    expect(sent.package.coverLetter.markdown.length).toBeGreaterThan(100);
    expect(sent.job.company).toBe('Acme Robotics');
    expect(out.reminderScheduledFor).not.toBeNull();
    const reminders = await fx.queue.boss.findJobs(APPLICATION_REMINDER, {
      data: { applicationId: prepared.applicationId },
    });
    expect(reminders).toHaveLength(1);

    const again = await inputError(submitTool(fake.submitter)({ approvalId: prepared.approvalId }, user));
    expect(again.message).toMatch(/'applied', not ready/);
    expect(fake.calls).toHaveLength(2);
    const { history } = await fx.call<{ history: Array<{ toStatus: string; note: string | null }> }>(
      'get_application',
      { applicationId: prepared.applicationId },
      user,
    );
    expect(history.at(-1)).toMatchObject({
      toStatus: 'applied',
      note: `submitted with approval ${prepared.approvalId}`,
    });
  });

  it('refuses an approval once any value changed, before and after approving', async () => {
    const user = await applicant();
    const first = await prepare(user);
    await approve(first.approvalId!, user);
    await fx.call('save_answers', { answers: [{ question: 'notice_period', answer: 'Three months' }] }, user);
    const second = await prepare(user);
    expect(second.approvalId).not.toBe(first.approvalId);
    expect(second.valuesHash).not.toBe(first.valuesHash);

    const fake = fakeSubmitter(acceptAll);
    const stale = await inputError(submitTool(fake.submitter)({ approvalId: first.approvalId }, user));
    expect(stale.message).toMatch(/package or its filled form changed.*new approval is needed/);
    expect((await inputError(approve(first.approvalId!, user))).message).toMatch(
      /package or its filled form changed/,
    );
    // The new approval has not been given yet.
    await inputError(submitTool(fake.submitter)({ approvalId: second.approvalId }, user));

    // A package edited in storage behind the gate's back is refused too.
    await approve(second.approvalId!, user);
    await fx.db.execute(
      sql`update applications set package = jsonb_set(package, '{coverLetter,markdown}', '"I will relocate anywhere."') where id = ${second.applicationId}`,
    );
    const edited = await inputError(submitTool(fake.submitter)({ approvalId: second.approvalId }, user));
    expect(edited.message).toMatch(/package or its filled form changed/);
    expect(fake.calls).toHaveLength(0);
    expect(await status(second.applicationId, user)).toBe('ready');
  });

  it('refuses an expired approval', async () => {
    const user = await applicant();
    const prepared = await prepare(user);
    await approve(prepared.approvalId!, user);
    await fx.db
      .update(applicationApprovals)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(applicationApprovals.id, prepared.approvalId!));
    const fake = fakeSubmitter(acceptAll);
    const error = await inputError(submitTool(fake.submitter)({ approvalId: prepared.approvalId }, user));
    expect(error.message).toMatch(/expired/);
    expect((await inputError(approve(prepared.approvalId!, user))).message).toMatch(/expired/);
    expect(fake.calls).toHaveLength(0);
    // Preparing again asks for a fresh approval.
    const fresh = await prepare(user);
    expect(fresh.approvalId).not.toBe(prepared.approvalId);
  });

  it('a needs-you page or a crash sends nothing and keeps the package and the approval', async () => {
    const user = await applicant();
    const prepared = await prepare(user);
    await approve(prepared.approvalId!, user);
    const captcha = fakeSubmitter(() => ({
      outcome: 'needs_you',
      url: 'https://jobs.lever.co/acme/1/apply',
      reason: 'a CAPTCHA is on the page',
    }));
    const blocked = await submitTool(captcha.submitter)({ approvalId: prepared.approvalId }, user);
    expect(blocked).toMatchObject({ outcome: 'needs_you', status: 'ready', submittedToday: 0 });
    expect(blocked.message).toBe('a CAPTCHA is on the page');

    const crash = fakeSubmitter(() => {
      throw new Error('browser closed unexpectedly');
    });
    const failed = await submitTool(crash.submitter)({ approvalId: prepared.approvalId }, user);
    expect(failed).toMatchObject({ outcome: 'failed', status: 'ready', submittedToday: 0 });
    expect(failed.message).toMatch(/browser closed unexpectedly.*package and approval are kept/);

    // The same approval still works afterwards.
    const ok = await submitTool(fakeSubmitter(acceptAll).submitter)(
      { approvalId: prepared.approvalId },
      user,
    );
    expect(ok.outcome).toBe('submitted');
  });

  it('an unknown outcome after clicking submit keeps the approval used, so nothing is sent twice', async () => {
    const user = await applicant();
    const prepared = await prepare(user);
    await approve(prepared.approvalId!, user);
    const silent = fakeSubmitter(() => ({
      outcome: 'unknown',
      url: 'https://jobs.ashbyhq.com/acme/1/application',
      reason: 'submit was clicked but the site gave no answer',
    }));
    const out = await submitTool(silent.submitter)({ approvalId: prepared.approvalId }, user);
    expect(out).toMatchObject({ outcome: 'unknown', status: 'ready', submittedToday: 1 });
    expect(out.message).toMatch(/mark it applied with track_application/);
    const again = await inputError(submitTool(silent.submitter)({ approvalId: prepared.approvalId }, user));
    expect(again.message).toMatch(/already used/);
    expect(silent.calls).toHaveLength(1);
    const { history } = await fx.call<{ history: Array<{ kind: string; note: string | null }> }>(
      'get_application',
      { applicationId: prepared.applicationId },
      user,
    );
    expect(history.at(-1)).toMatchObject({ kind: 'note' });
    expect(history.at(-1)!.note).toMatch(/submission outcome unknown/);
  });

  it('the default submitter sends nothing: the person takes over', async () => {
    const user = await applicant();
    const prepared = await prepare(user);
    await fx.call('approve_application', { approvalId: prepared.approvalId }, user);
    const dry = await fx.call<Submitted>(
      'submit_application',
      { approvalId: prepared.approvalId, dryRun: true },
      user,
    );
    expect(dry.outcome).toBe('dry_run');
    expect(dry.filled?.find((f) => f.field.startsWith('What is your notice'))?.value).toBe('One month');
    const out = await fx.call<Submitted>('submit_application', { approvalId: prepared.approvalId }, user);
    expect(out).toMatchObject({
      outcome: 'needs_you',
      status: 'ready',
      url: `https://jobs.example.com/${fx.jobIds.engineer}`,
    });
    expect(await status(prepared.applicationId, user)).toBe('ready');
  });

  it('holds the per-user daily cap, and dry runs do not count', async () => {
    const user = await applicant();
    const one = await prepare(user, fx.jobIds.engineer);
    const two = await prepare(user, fx.jobIds.designer);
    await approve(one.approvalId!, user);
    await approve(two.approvalId!, user);
    const fake = fakeSubmitter(acceptAll);
    const submit = submitTool(fake.submitter, 1);
    await submit({ approvalId: two.approvalId, dryRun: true }, user);
    expect((await submit({ approvalId: one.approvalId }, user)).submittedToday).toBe(1);
    const capped = await inputError(submit({ approvalId: two.approvalId }, user));
    expect(capped.message).toMatch(/daily cap of 1 submissions is reached; nothing was submitted/);
    expect(fake.calls.map((c) => [c.applicationId, c.dryRun])).toEqual([
      [two.applicationId, true],
      [one.applicationId, false],
    ]);
    expect(await status(two.applicationId, user)).toBe('ready');
    // Another user has a cap of their own.
    const other = await applicant();
    const theirs = await prepare(other);
    await approve(theirs.approvalId!, other);
    expect((await submit({ approvalId: theirs.approvalId }, other)).outcome).toBe('submitted');
  });
});
