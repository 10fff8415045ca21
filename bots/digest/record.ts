import { and, desc, eq, getTableColumns, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { digestItems, digests, jobs, matches } from '../../db/schema.ts';
import { toJobView } from '../../tools/jobs/job-view.ts';
import type { Profile } from '../../tools/profile/profile.ts';
import { type Digest, reasonsOf } from './compose.ts';

/*
 * One digests row per user-day, claimed before anything is sent. Its `channel` column lists the
 * channels that have had it, comma-separated ("telegram,email"); each channel is claimed in that
 * list before its send and taken off again if the send failed, so a retried task sends only to the
 * channels still missing, and never twice to one.
 */

/** `channel` of a day that needs no message: nothing new, and the user wants no note. */
export const NOTHING_SENT = 'none';

const CHANNEL_NAME = /^[a-z][a-z0-9-]*$/;

/** A user-day's recorded digest. */
export interface DigestDay {
  id: string;
  localDate: string;
  /** Channels that have it (sent, or given up on because the user cannot be reached there). */
  channels: string[];
  /** True for a day recorded with nothing to send. */
  nothingSent: boolean;
  jobIds: string[];
  sentAt: Date;
}

function checkChannel(channel: string): void {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`digest channel '${channel}' must be lower-case letters`);
}

/**
 * Records a digest for its local date, with its items (so no job is ever sent twice). Returns the
 * row id, or null when that user-day already has one (another worker got there first).
 */
export async function claimDay(
  db: Database,
  digest: Digest,
  channel: '' | typeof NOTHING_SENT,
): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(digests)
      .values({
        userId: digest.userId,
        localDate: digest.localDate,
        channel,
        jobIds: digest.items.map((i) => i.job.id),
      })
      .onConflictDoNothing({ target: [digests.userId, digests.localDate] })
      .returning({ id: digests.id });
    if (!row) return null;
    if (digest.items.length > 0) {
      await tx
        .insert(digestItems)
        .values(
          digest.items.map((i) => ({
            userId: digest.userId,
            jobId: i.job.id,
            digestId: row.id,
            score: i.score,
          })),
        )
        .onConflictDoNothing();
    }
    return row.id;
  });
}

/** The user's recorded digest for a local date, or null. */
export async function findDay(db: Database, userId: string, localDate: string): Promise<DigestDay | null> {
  const [row] = await db
    .select()
    .from(digests)
    .where(and(eq(digests.userId, userId), eq(digests.localDate, localDate)))
    .limit(1);
  if (!row) return null;
  const nothingSent = row.channel === NOTHING_SENT;
  return {
    id: row.id,
    localDate: row.localDate,
    channels: nothingSent ? [] : row.channel.split(',').filter(Boolean),
    nothingSent,
    jobIds: row.jobIds,
    sentAt: row.sentAt,
  };
}

/** Whether the user already has a digest for a local date. */
export async function hasDigest(db: Database, userId: string, localDate: string): Promise<boolean> {
  return (await findDay(db, userId, localDate)) !== null;
}

/** Claims one channel of a recorded day; false when that channel already has it (or is being sent). */
export async function claimChannel(db: Database, digestId: string, channel: string): Promise<boolean> {
  checkChannel(channel);
  const rows = await db
    .update(digests)
    .set({
      channel: sql`case when ${digests.channel} = '' then ${channel}::text else ${digests.channel} || ',' || ${channel}::text end`,
    })
    .where(
      and(
        eq(digests.id, digestId),
        ne(digests.channel, NOTHING_SENT),
        sql`not (${channel}::text = any(string_to_array(${digests.channel}, ',')))`,
      ),
    )
    .returning({ id: digests.id });
  return rows.length > 0;
}

/** Takes a channel whose send failed off the day, so a retry sends to it. */
export async function releaseChannel(db: Database, digestId: string, channel: string): Promise<void> {
  checkChannel(channel);
  await db
    .update(digests)
    .set({
      channel: sql`array_to_string(array_remove(string_to_array(${digests.channel}, ','), ${channel}::text), ',')`,
    })
    .where(eq(digests.id, digestId));
}

/** Forgets a day no channel has had, so the retried task composes and claims it afresh. */
export async function releaseUndeliveredDay(db: Database, digestId: string): Promise<void> {
  await db.delete(digests).where(and(eq(digests.id, digestId), eq(digests.channel, '')));
}

/** A recorded day's digest as it was composed (for the channels a retry still has to reach). */
export async function recordedDigest(
  db: Database,
  userId: string,
  day: DigestDay,
  profile: Pick<Profile, 'timeZone' | 'scoreThreshold'>,
): Promise<Digest> {
  const { embedding: _e, search: _s, ...jobColumns } = getTableColumns(jobs);
  const rows = await db
    .select({ job: jobColumns, score: digestItems.score, reasons: matches.reasons })
    .from(digestItems)
    .innerJoin(jobs, eq(jobs.id, digestItems.jobId))
    .leftJoin(matches, and(eq(matches.userId, digestItems.userId), eq(matches.jobId, digestItems.jobId)))
    .where(eq(digestItems.digestId, day.id));
  const order = new Map(day.jobIds.map((id, i) => [id, i]));
  rows.sort((a, b) => (order.get(a.job.id) ?? 0) - (order.get(b.job.id) ?? 0));
  const [previous] = await db
    .select({ sentAt: digests.sentAt })
    .from(digests)
    .where(and(eq(digests.userId, userId), lt(digests.localDate, day.localDate)))
    .orderBy(desc(digests.sentAt))
    .limit(1);
  return {
    userId,
    localDate: day.localDate,
    timeZone: profile.timeZone,
    scoreThreshold: profile.scoreThreshold,
    since: previous ? previous.sentAt.toISOString() : null,
    items: rows.map((r) => ({ job: toJobView(r.job), score: r.score, reasons: reasonsOf(r.reasons) })),
  };
}
