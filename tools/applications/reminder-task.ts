import { z } from 'zod';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
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

/**
 * The follow-up reminder: N days after an application became applied, a 'reminder' event is
 * recorded on it (channels that deliver it read those events). Nothing is recorded once the
 * application has moved on (interviewing, offer, rejected, withdrawn).
 */
export function createApplicationTasks(deps: { db: Database }): { tasks: AnyTask[] } {
  const store = createApplicationStore(deps.db);
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
      return { outcome };
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
