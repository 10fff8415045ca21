import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationEvents } from '../../../db/schema.ts';
import {
  APPLICATION_REMINDER,
  createApplicationTasks,
  type ReminderPayload,
} from '../../../tools/applications/reminder-task.ts';
import { APPLICATION_STATUSES, canTransition } from '../../../tools/applications/status.ts';
import { type ApplicationsFixture, inputError, openApplicationsFixture } from './applications-fixture.ts';

interface View {
  id: string;
  jobId: string;
  status: string;
  notes: string | null;
  job: { title: string; company: string };
  updatedAt: string;
}
interface Tracked {
  application: View;
  created: boolean;
  changed: boolean;
  reminderScheduledFor: string | null;
}
interface Detail {
  application: View;
  history: Array<{
    kind: string;
    fromStatus: string | null;
    toStatus: string;
    note: string | null;
    at: string;
  }>;
}

let fx: ApplicationsFixture;
beforeAll(async () => {
  fx = await openApplicationsFixture();
}, 60_000);
afterAll(async () => {
  await fx?.close();
});

const track = (args: Record<string, unknown>, as?: string) => fx.call<Tracked>('track_application', args, as);
const detail = (applicationId: string, as?: string) =>
  fx.call<Detail>('get_application', { applicationId }, as);

describe('status lifecycle', () => {
  it('allows the forward path and refuses leaving a final status', () => {
    const path = ['saved', 'preparing', 'ready', 'applied', 'interviewing', 'offer'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    for (const final of ['offer', 'rejected', 'withdrawn'] as const) {
      for (const to of APPLICATION_STATUSES) expect(canTransition(final, to)).toBe(false);
    }
    expect(canTransition('applied', 'ready')).toBe(false);
    expect(canTransition('interviewing', 'applied')).toBe(false);
  });
});

describe('track_application', () => {
  it('creates a saved application once per job, with a history entry', async () => {
    const first = await track({ jobId: fx.jobIds.designer, note: 'found via the digest' });
    expect(first.created).toBe(true);
    expect(first.application).toMatchObject({ status: 'saved', jobId: fx.jobIds.designer });
    expect(first.application.job).toMatchObject({ title: 'Product Designer', company: 'Bloom Studio' });
    const again = await track({ jobId: fx.jobIds.designer });
    expect(again.created).toBe(false);
    expect(again.application.id).toBe(first.application.id);
    const { history } = await detail(first.application.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      kind: 'status',
      fromStatus: null,
      toStatus: 'saved',
      note: 'found via the digest',
    });
  });

  it('records every change with its time and note, and schedules a follow-up when applied', async () => {
    const { application } = await track({ jobId: fx.jobIds.engineer });
    await track({ applicationId: application.id, status: 'preparing', note: 'tailoring the resume' });
    await track({ applicationId: application.id, status: 'ready' });
    const before = Date.now();
    const applied = await track({
      applicationId: application.id,
      status: 'applied',
      note: 'sent via the careers page',
    });
    expect(applied.changed).toBe(true);
    expect(applied.application.status).toBe('applied');
    const due = Date.parse(applied.reminderScheduledFor!);
    expect(due - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    expect(due - before).toBeLessThan(7 * 86_400_000 + 60_000);

    const { history } = await detail(application.id);
    expect(history.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'saved'],
      ['saved', 'preparing'],
      ['preparing', 'ready'],
      ['ready', 'applied'],
    ]);
    expect(history[3]!.note).toBe('sent via the careers page');
    for (const e of history) expect(Number.isNaN(Date.parse(e.at))).toBe(false);

    // The reminder is a delayed task on the queue, due seven days out.
    const rows = await fx.queue.boss.findJobs<ReminderPayload>(APPLICATION_REMINDER, {
      data: { applicationId: application.id },
    });
    expect(rows).toHaveLength(1);
    const startAfter = new Date(rows[0]!.startAfter).getTime();
    expect(startAfter - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    expect(rows[0]!.data).toMatchObject({ applicationId: application.id, days: 7 });
  });

  it('honours followUpDays', async () => {
    const other = await fx.otherUser();
    const { application } = await track({ jobId: fx.jobIds.engineer }, other);
    const out = await track({ applicationId: application.id, status: 'applied', followUpDays: 3 }, other);
    const days = (Date.parse(out.reminderScheduledFor!) - Date.parse(out.application.updatedAt)) / 86_400_000;
    expect(days).toBeGreaterThan(2.99);
    expect(days).toBeLessThan(3.01);
  });

  it('refuses a move the lifecycle does not allow, naming the allowed ones', async () => {
    const { application } = await track({ jobId: fx.jobIds.designer });
    await track({ applicationId: application.id, status: 'withdrawn', note: 'not a fit' });
    const error = await inputError(track({ applicationId: application.id, status: 'applied' }));
    expect(error.field).toBe('status');
    expect(error.message).toMatch(/'withdrawn' cannot become 'applied'.*final/);
    expect((await detail(application.id)).application.status).toBe('withdrawn');
  });

  it('records a note without a status change', async () => {
    const other = await fx.otherUser();
    const { application } = await track({ jobId: fx.jobIds.designer }, other);
    const out = await track({ applicationId: application.id, note: 'recruiter called' }, other);
    expect(out.changed).toBe(false);
    const { history } = await detail(application.id, other);
    expect(history.at(-1)).toMatchObject({ kind: 'note', toStatus: 'saved', note: 'recruiter called' });
  });

  it('rejects bad input with errors that name the field', async () => {
    expect((await inputError(track({}))).field).toBe('jobId');
    expect((await inputError(track({ jobId: 'not-a-uuid' }))).field).toBe('jobId');
    expect((await inputError(track({ jobId: fx.jobIds.engineer, status: 'hired' }))).field).toBe('status');
    const missing = await inputError(track({ jobId: '00000000-0000-4000-8000-000000000000' }));
    expect(missing.message).toMatch(/job '00000000-0000-4000-8000-000000000000' was not found/);
  });

  it("never shows or changes another user's application", async () => {
    const { application } = await track({ jobId: fx.jobIds.engineer });
    const other = await fx.otherUser();
    await inputError(detail(application.id, other));
    await inputError(track({ applicationId: application.id, status: 'withdrawn' }, other));
    const listed = await fx.call<{ applications: View[] }>('list_applications', {}, other);
    expect(listed.applications.map((a) => a.id)).not.toContain(application.id);
  });
});

describe('list_applications', () => {
  it('filters by status and company', async () => {
    const all = await fx.call<{ applications: View[] }>('list_applications', {});
    expect(all.applications.map((a) => a.job.company).sort()).toEqual(['Acme Robotics', 'Bloom Studio']);
    const applied = await fx.call<{ applications: View[] }>('list_applications', { status: 'applied' });
    expect(applied.applications.map((a) => a.job.company)).toEqual(['Acme Robotics']);
    const bloom = await fx.call<{ applications: View[] }>('list_applications', { company: 'bloom' });
    expect(bloom.applications.map((a) => a.job.title)).toEqual(['Product Designer']);
    const none = await fx.call<{ applications: View[] }>('list_applications', { company: '100%_' });
    expect(none.applications).toEqual([]);
  });
});

describe('follow-up reminder task', () => {
  it('records one reminder event while the application is still applied', async () => {
    const [task] = createApplicationTasks({ db: fx.db }).tasks;
    const { applications } = await fx.call<{ applications: View[] }>('list_applications', {
      status: 'applied',
    });
    const id = applications[0]!.id;
    const { history } = await detail(id);
    const appliedAt = history.find((e) => e.toStatus === 'applied' && e.kind === 'status')!.at;
    const payload = task!.schema.parse({ applicationId: id, appliedAt, days: 7 });
    const ctx = {
      taskId: 't1',
      retryCount: 0,
      signal: new AbortController().signal,
      logger: fx.services.logger,
      progress: async () => {},
    };
    expect(await task!.handler(payload, ctx)).toEqual({ outcome: 'recorded', delivery: 'none' });
    // At-least-once delivery: a redelivered task records nothing more.
    expect(await task!.handler(payload, ctx)).toEqual({ outcome: 'skipped', delivery: 'none' });
    const after = await detail(id);
    const reminders = after.history.filter((e) => e.kind === 'reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.note).toMatch(/7 days since you applied/);

    // Once the application moved on, a late reminder is not recorded.
    await track({ applicationId: id, status: 'interviewing', note: 'first call booked' });
    const other = await fx.otherUser();
    const second = await track({ jobId: fx.jobIds.designer, status: 'applied' }, other);
    await track({ applicationId: second.application.id, status: 'rejected' }, other);
    const late = task!.schema.parse({ applicationId: second.application.id, appliedAt, days: 7 });
    expect(await task!.handler(late, ctx)).toEqual({ outcome: 'skipped', delivery: 'none' });
  });
});

describe('follow-up reminder delivery', () => {
  const ctx = () => ({
    taskId: 't2',
    retryCount: 0,
    signal: new AbortController().signal,
    logger: fx.services.logger,
    progress: async () => {},
  });
  /** An application of a new user that became applied; the payload its reminder task carries. */
  async function appliedApplication() {
    const user = await fx.otherUser();
    const { application } = await track({ jobId: fx.jobIds.engineer, status: 'applied' }, user);
    const { history } = await detail(application.id, user);
    const appliedAt = history.find((e) => e.toStatus === 'applied')!.at;
    return { user, id: application.id, payload: { applicationId: application.id, appliedAt, days: 7 } };
  }
  const deliveredAt = async (applicationId: string) => {
    const rows = await fx.db
      .select({ deliveredAt: applicationEvents.deliveredAt })
      .from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.kind, 'reminder')));
    return rows.map((r) => r.deliveredAt);
  };

  it("sends the reminder once through the user's channel and marks it delivered", async () => {
    const sent: Array<{ userId: string; subject: string; text: string }> = [];
    const notify = async (userId: string, message: { subject: string; text: string }) => {
      sent.push({ userId, ...message });
      return true;
    };
    const [task] = createApplicationTasks({ db: fx.db, notify }).tasks;
    const { user, id, payload } = await appliedApplication();
    const parsed = task!.schema.parse(payload);
    expect(await task!.handler(parsed, ctx())).toEqual({ outcome: 'recorded', delivery: 'sent' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.userId).toBe(user);
    expect(sent[0]!.subject).toBe('Follow up: Senior Backend Engineer at Acme Robotics');
    expect(sent[0]!.text).toMatch(/applied for Senior Backend Engineer at Acme Robotics 7 days ago/);
    expect(sent[0]!.text).toContain(id);
    const [at] = await deliveredAt(id);
    expect(at).toBeInstanceOf(Date);
    // Redelivered after it reached the user: nothing recorded, nothing sent again.
    expect(await task!.handler(parsed, ctx())).toEqual({ outcome: 'skipped', delivery: 'already_sent' });
    expect(sent).toHaveLength(1);
    expect(await deliveredAt(id)).toEqual([at]);
  });

  it('tries again on redelivery while the channel could not deliver, recording the reminder once', async () => {
    let answer: boolean | Error = false;
    let calls = 0;
    const notify = async () => {
      calls++;
      if (answer instanceof Error) throw answer;
      return answer;
    };
    const [task] = createApplicationTasks({ db: fx.db, notify }).tasks;
    const { id, payload } = await appliedApplication();
    const parsed = task!.schema.parse(payload);
    expect(await task!.handler(parsed, ctx())).toEqual({ outcome: 'recorded', delivery: 'undelivered' });
    expect(await deliveredAt(id)).toEqual([null]);
    // A channel that fails outright fails the task, so the queue retries it.
    answer = new Error('Telegram is down');
    await expect(task!.handler(parsed, ctx())).rejects.toThrow('Telegram is down');
    answer = true;
    expect(await task!.handler(parsed, ctx())).toEqual({ outcome: 'skipped', delivery: 'sent' });
    expect(calls).toBe(3);
    const delivered = await deliveredAt(id);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toBeInstanceOf(Date);
  });

  it('sends nothing once the application moved on', async () => {
    let calls = 0;
    const [task] = createApplicationTasks({
      db: fx.db,
      notify: async () => {
        calls++;
        return true;
      },
    }).tasks;
    const { user, id, payload } = await appliedApplication();
    await track({ applicationId: id, status: 'interviewing' }, user);
    expect(await task!.handler(task!.schema.parse(payload), ctx())).toEqual({
      outcome: 'skipped',
      delivery: 'none',
    });
    expect(calls).toBe(0);
  });
});
