import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import { applicationEvents, applications, jobs } from '../../db/schema.ts';
import type { TaskQueue } from '../../queue/manager.ts';
import { type AnyTask, defineTask } from '../../queue/registry.ts';
import { createApplicationStore } from './store.ts';

export const APPLICATION_REMINDER = 'application-reminder';
export const DEFAULT_FOLLOW_UP_DAYS = 7;

const reminderPayload = z.object({
  applicationId: z.string().uuid(),
  /** When the application became applied; a redelivered task records the reminder once. */
  appliedAt: z.string().datetime({ offset: true }),
  days: z.number().int().min(1).max(90),
});
export type ReminderPayload = z.infer<typeof reminderPayload>;

export interface ReminderMessage {
  subject: string;
  text: string;
}

/** Sends a message through the user's own channel (Telegram, e-mail); true once it was delivered. */
export type ReminderNotify = (userId: string, message: ReminderMessage) => Promise<boolean>;

/** How a reminder reached the user: sent now, sent before, not delivered, or nothing to send. */
export type ReminderDelivery = 'sent' | 'already_sent' | 'undelivered' | 'none';

/**
 * The follow-up reminder: N days after an application became applied, a 'reminder' event is
 * recorded on it once, then sent through the user's channel (`notify`) and marked delivered.
 * Delivery is at least once: a redelivered task records nothing more, and notifies again only
 * while the reminder is not delivered. Nothing happens once the application has moved on
 * (interviewing, offer, rejected, withdrawn).
 */
export function createApplicationTasks(deps: { db: Database; notify?: ReminderNotify }): {
  tasks: AnyTask[];
} {
  const store = createApplicationStore(deps.db);

  async function deliver(applicationId: string, appliedAt: Date, days: number): Promise<ReminderDelivery> {
    if (!deps.notify) return 'none';
    const [due] = await deps.db
      .select({
        eventId: applicationEvents.id,
        deliveredAt: applicationEvents.deliveredAt,
        userId: applications.userId,
        status: applications.status,
        title: jobs.title,
        company: jobs.company,
        url: sql<string>`coalesce(${jobs.applyUrl}, ${jobs.url})`,
      })
      .from(applicationEvents)
      .innerJoin(applications, eq(applications.id, applicationEvents.applicationId))
      .innerJoin(jobs, eq(jobs.id, applications.jobId))
      .where(
        and(
          eq(applicationEvents.applicationId, applicationId),
          eq(applicationEvents.kind, 'reminder'),
          sql`${applicationEvents.at} >= ${appliedAt.toISOString()}`,
        ),
      )
      .orderBy(asc(applicationEvents.at))
      .limit(1);
    if (due?.status !== 'applied') return 'none';
    if (due.deliveredAt) return 'already_sent';
    const delivered = await deps.notify(due.userId, {
      subject: `Follow up: ${due.title} at ${due.company}`,
      text: `You applied for ${due.title} at ${due.company} ${days} days ago and have not heard back: time to follow up with a short note to the recruiter or hiring manager.\n${due.url}\n(application ${applicationId})`,
    });
    if (!delivered) return 'undelivered';
    await deps.db
      .update(applicationEvents)
      .set({ deliveredAt: sql`now()` })
      .where(and(eq(applicationEvents.id, due.eventId), isNull(applicationEvents.deliveredAt)));
    return 'sent';
  }

  const reminder = defineTask({
    name: APPLICATION_REMINDER,
    schema: reminderPayload,
    policy: { retryLimit: 3, retryDelaySeconds: 30, batchSize: 10, concurrency: 2 },
    async handler({ applicationId, appliedAt, days }) {
      const outcome = await store.recordReminder(
        applicationId,
        new Date(appliedAt),
        `${days} days since you applied: time to follow up`,
      );
      // A failing channel throws: the task is retried, and only the delivery is tried again.
      const delivery = await deliver(applicationId, new Date(appliedAt), days);
      return { outcome, delivery };
    },
  });
  return { tasks: [reminder] };
}

/** Schedules the follow-up reminder for an application that just became applied. */
export async function scheduleReminder(queue: TaskQueue, payload: ReminderPayload): Promise<string | null> {
  return queue.enqueue(APPLICATION_REMINDER, payload, { startAfterSeconds: payload.days * 86_400 });
}

/**
 * Schedules the follow-up for an application that just became applied; returns when it is due,
 * or null when it could not be queued (the status change stands either way, and is logged).
 */
export async function scheduleFollowUp(
  deps: { queue: TaskQueue; logger: Logger },
  applicationId: string,
  days = DEFAULT_FOLLOW_UP_DAYS,
  now = new Date(),
): Promise<string | null> {
  try {
    await scheduleReminder(deps.queue, { applicationId, appliedAt: now.toISOString(), days });
    return new Date(now.getTime() + days * 86_400_000).toISOString();
  } catch (err) {
    deps.logger.warn({ err, applicationId }, 'follow-up reminder not scheduled');
    return null;
  }
}
