import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { TaskQueue } from '../../queue/manager.ts';
import { defineTask } from '../../queue/registry.ts';
import { createProfileStore } from '../../tools/profile/store.ts';
import { claimDigest, composeDigest, type Digest, hasDigest, localClock, releaseDigest } from './compose.ts';

export const DIGEST_TICK = 'digest-tick';
export const DIGEST_USER = 'digest-user';
/** The tick runs every minute; a user's digest goes out on the first tick at or after their local hour. */
export const DIGEST_TICK_CRON = '* * * * *';

/** Where digests go (the Telegram bot; email later). */
export interface DigestSender {
  channel: string;
  /** Active users this channel can reach. */
  recipients(): Promise<string[]>;
  /** 'blocked' when the user can no longer be reached (they blocked the bot); other failures throw. */
  send(userId: string, digest: Digest): Promise<'sent' | 'blocked'>;
}

export type DeliveryOutcome =
  | { status: 'sent'; digestId: string; items: number }
  | { status: 'blocked'; digestId: string }
  | { status: 'empty'; digestId: string | null }
  | { status: 'already-sent' }
  | { status: 'no-channel' };

export interface DigestDeps {
  db: Database;
  queue: () => TaskQueue;
  /** The channel in use, or null when none is configured. */
  sender: () => DigestSender | null;
  now?: () => Date;
}

/**
 * Sends one user's digest for one local date, at most once: the (user, local date) row is claimed
 * before sending and released again only if the send failed, so a retry sends it.
 */
export async function deliverDigest(
  deps: Pick<DigestDeps, 'db' | 'sender' | 'now'>,
  userId: string,
  localDate?: string,
): Promise<DeliveryOutcome> {
  const sender = deps.sender();
  if (!sender) return { status: 'no-channel' };
  const composed = await composeDigest(deps.db, userId, { now: deps.now?.() ?? new Date() });
  const digest: Digest = { ...composed, localDate: localDate ?? composed.localDate };
  if (await hasDigest(deps.db, userId, digest.localDate)) return { status: 'already-sent' };
  if (digest.items.length === 0) {
    // Nothing new: record the day so later ticks leave it alone, and send nothing.
    return { status: 'empty', digestId: await claimDigest(deps.db, digest, 'none') };
  }
  const digestId = await claimDigest(deps.db, digest, sender.channel);
  if (!digestId) return { status: 'already-sent' };
  let result: 'sent' | 'blocked';
  try {
    result = await sender.send(userId, digest);
  } catch (error) {
    await releaseDigest(deps.db, digestId);
    throw error;
  }
  return result === 'sent'
    ? { status: 'sent', digestId, items: digest.items.length }
    : { status: 'blocked', digestId };
}

export function digestSingletonKey(userId: string, localDate: string): string {
  return `${userId}:${localDate}`;
}

/** The schedule tick and the per-user digest task. */
export function createDigestTasks(deps: DigestDeps) {
  const now = () => deps.now?.() ?? new Date();
  const profiles = createProfileStore(deps.db);

  /** Queues a digest for every reachable user whose local hour has come and who has none today. */
  async function tick(): Promise<{ queued: number }> {
    const sender = deps.sender();
    if (!sender) return { queued: 0 };
    let queued = 0;
    const at = now();
    for (const userId of await sender.recipients()) {
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
