import { z } from 'zod';
import type { TaskQueue } from '../../queue/manager.ts';
import { defineTask } from '../../queue/registry.ts';
import { createProfileStore } from '../../tools/profile/store.ts';
import { type Digest, localClock } from './compose.ts';
import { type DeliverDeps, deliverDigest } from './deliver.ts';
import { hasDigest } from './record.ts';

export { type DeliveryOutcome, deliverDigest } from './deliver.ts';

export const DIGEST_TICK = 'digest-tick';
export const DIGEST_USER = 'digest-user';
/** The tick runs every minute; a user's digest goes out on the first tick at or after their local hour. */
export const DIGEST_TICK_CRON = '* * * * *';

/** One way digests reach users: the Telegram bot, e-mail. */
export interface DigestSender {
  /** Lower-case name, recorded per user-day ("telegram", "email"). */
  channel: string;
  /** Users this channel can reach. */
  recipients(): Promise<string[]>;
  /**
   * Sends the digest. A digest without items is the short "nothing new above your threshold today"
   * note (renderEmptyNotice), sent only to users who asked for it. 'blocked' when the user cannot
   * be reached on this channel (blocked the bot, no address, a permanent bounce): not retried.
   * Other failures throw, and the task retries this channel alone.
   */
  send(userId: string, digest: Digest): Promise<'sent' | 'blocked'>;
}

export interface DigestDeps extends DeliverDeps {
  queue: () => TaskQueue;
}

export function digestSingletonKey(userId: string, localDate: string): string {
  return `${userId}:${localDate}`;
}

/** The schedule tick and the per-user digest task. */
export function createDigestTasks(deps: DigestDeps) {
  const now = () => deps.now?.() ?? new Date();
  const profiles = createProfileStore(deps.db);

  /** Queues a digest for every user a channel reaches whose local hour has come and who has none today. */
  async function tick(): Promise<{ queued: number }> {
    const senders = deps.senders();
    let queued = 0;
    const at = now();
    const reachable = new Set<string>();
    for (const sender of senders) for (const userId of await sender.recipients()) reachable.add(userId);
    for (const userId of reachable) {
      const profile = await profiles.get(userId);
      const clock = localClock(at, profile.timeZone);
      if (clock.hour < profile.digestHour) continue;
      if (await hasDigest(deps.db, userId, clock.date)) continue;
      const id = await deps.queue().enqueue(DIGEST_USER, { userId, localDate: clock.date });
      if (id) queued++;
    }
    return { queued };
  }

  const digestTick = defineTask({
    name: DIGEST_TICK,
    schema: z.object({}).passthrough(),
    policy: {
      retryLimit: 1,
      queuePolicy: 'exclusive',
      singletonKey: () => 'tick',
      batchSize: 1,
      concurrency: 1,
    },
    handler: () => tick(),
  });

  const digestUser = defineTask({
    name: DIGEST_USER,
    schema: z.object({ userId: z.string().uuid(), localDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    policy: {
      retryLimit: 3,
      retryDelaySeconds: 30,
      queuePolicy: 'exclusive',
      singletonKey: (p) => digestSingletonKey(p.userId, p.localDate),
      batchSize: 4,
      concurrency: 2,
    },
    handler: ({ userId, localDate }) => deliverDigest(deps, userId, localDate),
  });

  return { tasks: [digestTick, digestUser], tick };
}
