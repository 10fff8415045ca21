import type { Database } from '../../db/client.ts';
import { createProfileStore } from '../../tools/profile/store.ts';
import { composeDigest, type Digest, localClock } from './compose.ts';
import {
  claimChannel,
  claimDay,
  type DigestDay,
  findDay,
  NOTHING_SENT,
  recordedDigest,
  releaseChannel,
  releaseUndeliveredDay,
} from './record.ts';
import type { DigestSender } from './tasks.ts';

/** What each channel made of one delivery. */
export type ChannelResults = Record<string, 'sent' | 'blocked'>;

export type DeliveryOutcome =
  | { status: 'sent'; digestId: string; items: number; channels: ChannelResults }
  /** Nothing new, and the short "nothing new" note went out (the user asked for it). */
  | { status: 'notice'; digestId: string; channels: ChannelResults }
  /** No channel could reach the user (they blocked the bot, have no address, ...). */
  | { status: 'blocked'; digestId: string; channels: ChannelResults }
  /** Nothing new: the day is recorded and nothing is sent. */
  | { status: 'empty'; digestId: string }
  | { status: 'already-sent' }
  | { status: 'no-channel' };

export interface DeliverDeps {
  db: Database;
  /** The channels in use (Telegram, e-mail); empty when none is configured. */
  senders: () => DigestSender[];
  now?: () => Date;
}

/** Some channels failed in a way worth retrying; the others got the digest and are not sent again. */
export class DigestDeliveryError extends Error {
  readonly failures: Array<{ channel: string; error: unknown }>;
  constructor(localDate: string, failures: Array<{ channel: string; error: unknown }>) {
    const detail = failures
      .map((f) => `${f.channel}: ${f.error instanceof Error ? f.error.message : String(f.error)}`)
      .join('; ');
    super(`the digest for ${localDate} did not reach ${detail}`, { cause: failures[0]?.error });
    this.name = 'DigestDeliveryError';
    this.failures = failures;
  }
}

/**
 * Sends one user's digest for one local date, at most once per channel. The (user, local date) row
 * is claimed before anything is sent, and then each channel in turn; a channel whose send failed is
 * released and the error thrown after the other channels had their turn, so the retried task sends
 * to that channel only. If no channel had it, the day is released and the retry composes it afresh.
 */
export async function deliverDigest(
  deps: DeliverDeps,
  userId: string,
  localDate?: string,
): Promise<DeliveryOutcome> {
  const senders = deps.senders();
  if (senders.length === 0) return { status: 'no-channel' };
  const now = deps.now?.() ?? new Date();
  const profile = await createProfileStore(deps.db).get(userId);
  const date = localDate ?? localClock(now, profile.timeZone).date;

  let day = await findDay(deps.db, userId, date);
  let digest: Digest;
  if (day) {
    if (day.nothingSent) return { status: 'already-sent' };
    digest = await recordedDigest(deps.db, userId, day, profile);
  } else {
    digest = { ...(await composeDigest(deps.db, userId, { now })), localDate: date };
    const nothingNew = digest.items.length === 0;
    if (nothingNew && !profile.digestEmptyNotice) {
      // Record the day so later ticks leave it alone, and send nothing.
      const digestId = await claimDay(deps.db, digest, NOTHING_SENT);
      return digestId ? { status: 'empty', digestId } : { status: 'already-sent' };
    }
    const digestId = await claimDay(deps.db, digest, '');
    if (!digestId) return { status: 'already-sent' };
    day = { id: digestId, localDate: date, channels: [], nothingSent: false, jobIds: [], sentAt: new Date() };
  }
  return sendToChannels(deps.db, senders, day, digest);
}

async function sendToChannels(
  db: Database,
  senders: DigestSender[],
  day: DigestDay,
  digest: Digest,
): Promise<DeliveryOutcome> {
  const channels: ChannelResults = {};
  const failures: Array<{ channel: string; error: unknown }> = [];
  for (const sender of senders) {
    if (day.channels.includes(sender.channel)) continue;
    if (!(await claimChannel(db, day.id, sender.channel))) continue;
    try {
      channels[sender.channel] = await sender.send(digest.userId, digest);
    } catch (error) {
      await releaseChannel(db, day.id, sender.channel);
      failures.push({ channel: sender.channel, error });
    }
  }
  if (failures.length > 0) {
    await releaseUndeliveredDay(db, day.id);
    throw new DigestDeliveryError(day.localDate, failures);
  }
  if (Object.keys(channels).length === 0) return { status: 'already-sent' };
  if (!Object.values(channels).includes('sent')) return { status: 'blocked', digestId: day.id, channels };
  return digest.items.length > 0
    ? { status: 'sent', digestId: day.id, items: digest.items.length, channels }
    : { status: 'notice', digestId: day.id, channels };
}
