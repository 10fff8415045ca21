import { and, desc, eq, getTableColumns, gt, gte, isNull, notExists, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { digestItems, digests, jobs, matches } from '../../db/schema.ts';
import { jobViewSchema, toJobView } from '../../tools/jobs/job-view.ts';
import { createProfileStore } from '../../tools/profile/store.ts';

/** Items in one digest unless the profile or the caller says otherwise. */
export const DEFAULT_DIGEST_SIZE = 5;

export const digestItemSchema = z.object({
  job: jobViewSchema,
  score: z.number().int().min(0).max(100),
  /** The match summary first, then the strongest matched skills. */
  reasons: z.array(z.string()),
});
export type DigestItem = z.infer<typeof digestItemSchema>;

/** One user's digest for one local day: the REST, CLI and bot shape. */
export const digestSchema = z.object({
  userId: z.string().uuid(),
  localDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  timeZone: z.string(),
  scoreThreshold: z.number().int(),
  /** When the previous digest was sent (items are matches made after it); null for the first. */
  since: z.string().nullable(),
  items: z.array(digestItemSchema),
});
export type Digest = z.infer<typeof digestSchema>;

/** The local calendar date and hour of `now` in an IANA time zone. */
export function localClock(now: Date, timeZone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

type MatchReasonsJson = { summary?: string; matchedSkills?: string[] };

/** A stored match's reasons as digest lines. */
export function reasonsOf(raw: unknown): string[] {
  const r = (raw ?? {}) as MatchReasonsJson;
  const out: string[] = [];
  if (r.summary) out.push(r.summary);
  if (r.matchedSkills?.length) out.push(`matched: ${r.matchedSkills.slice(0, 5).join(', ')}`);
  return out;
}

/**
 * Composes (without sending or recording) a user's digest: the top matches (the profile's digest
 * size unless `limit` is given) made since the last digest, at or above the profile's score
 * threshold, never a job already sent, closed, hidden or disliked.
 */
export async function composeDigest(
  db: Database,
  userId: string,
  options: { now?: Date; limit?: number } = {},
): Promise<Digest> {
  const now = options.now ?? new Date();
  const profile = await createProfileStore(db).get(userId);
  const { date } = localClock(now, profile.timeZone);
  const [last] = await db
    .select({ sentAt: digests.sentAt })
    .from(digests)
    .where(eq(digests.userId, userId))
    .orderBy(desc(digests.sentAt))
    .limit(1);
  const { embedding: _e, search: _s, ...jobColumns } = getTableColumns(jobs);
  const rows = await db
    .select({ job: jobColumns, score: matches.score, reasons: matches.reasons })
    .from(matches)
    .innerJoin(jobs, eq(jobs.id, matches.jobId))
    .where(
      and(
        eq(matches.userId, userId),
        gte(matches.score, profile.scoreThreshold),
        eq(matches.hidden, false),
        or(isNull(matches.feedback), gte(matches.feedback, 0)),
        isNull(jobs.closedAt),
        last ? gt(matches.createdAt, last.sentAt) : undefined,
        notExists(
          db
            .select({ one: sql`1` })
            .from(digestItems)
            .where(and(eq(digestItems.userId, userId), eq(digestItems.jobId, matches.jobId))),
        ),
      ),
    )
    .orderBy(desc(matches.score), desc(matches.createdAt), matches.jobId)
    .limit(options.limit ?? profile.digestSize);
  return {
    userId,
    localDate: date,
    timeZone: profile.timeZone,
    scoreThreshold: profile.scoreThreshold,
    since: last ? last.sentAt.toISOString() : null,
    items: rows.map((r) => ({ job: toJobView(r.job), score: r.score, reasons: reasonsOf(r.reasons) })),
  };
}
