import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { jobSightings, jobs } from '../../db/schema.ts';
import type { NormalizedJob } from './types.ts';

export interface UpsertCounts {
  new: number;
  changed: number;
  unchanged: number;
  /** Job ids in input order (a duplicate URL maps to the job it merged into). */
  ids: string[];
  /** Jobs that are new or whose content changed: what needs embedding and matching again. */
  changedIds: string[];
}

export type SalaryToUsdYear = (
  amount: number | null,
  currency: string | null,
  period: string | null,
) => number | null;

/**
 * Stores normalised postings. The same job seen at another URL or on another source (same company,
 * title and location) becomes one job with several sightings. An unchanged content hash leaves the
 * job alone apart from last_seen, so nothing downstream (embedding, matching) re-runs.
 */
export function createJobStore(db: Database, deps: { toUsdYear: SalaryToUsdYear }) {
  async function findExisting(batch: NormalizedJob[]) {
    const ids = [...new Set(batch.map((j) => j.id))];
    const keys = [...new Set(batch.map((j) => j.dedupKey))];
    const byId = await db
      .select({
        id: jobs.id,
        contentHash: jobs.contentHash,
        dedupKey: jobs.dedupKey,
        closedAt: jobs.closedAt,
      })
      .from(jobs)
      .where(inArray(jobs.id, ids));
    const byKey = await db
      .select({
        id: jobs.id,
        contentHash: jobs.contentHash,
        dedupKey: jobs.dedupKey,
        closedAt: jobs.closedAt,
      })
      .from(jobs)
      .where(and(inArray(jobs.dedupKey, keys), isNull(jobs.closedAt)));
    return {
      byId: new Map(byId.map((r) => [r.id, r])),
      byKey: new Map(byKey.map((r) => [r.dedupKey, r])),
    };
  }

  function row(job: NormalizedJob, sourceId: string | null) {
    return {
      canonicalUrl: job.canonicalUrl,
      url: job.url,
      applyUrl: job.applyUrl,
      sourceId,
      company: job.company,
      title: job.title,
      locationText: job.locationText,
      city: job.city,
      region: job.region,
      country: job.country,
      remote: job.remote,
      employmentType: job.employmentType,
      seniority: job.seniority,
      salaryMin: job.salaryMin,
      salaryMax: job.salaryMax,
      salaryCurrency: job.salaryCurrency,
      salaryPeriod: job.salaryPeriod,
      salaryMinUsdYear: deps.toUsdYear(job.salaryMin, job.salaryCurrency, job.salaryPeriod),
      salaryMaxUsdYear: deps.toUsdYear(job.salaryMax ?? job.salaryMin, job.salaryCurrency, job.salaryPeriod),
      descriptionMd: job.descriptionMd,
      skills: job.skills,
      contentHash: job.contentHash,
      dedupKey: job.dedupKey,
      postedAt: job.postedAt,
    };
  }

  async function upsert(
    batch: NormalizedJob[],
    sourceId: string | null,
    now = new Date(),
  ): Promise<UpsertCounts> {
    const counts: UpsertCounts = { new: 0, changed: 0, unchanged: 0, ids: [], changedIds: [] };
    if (batch.length === 0) return counts;
    const existing = await findExisting(batch);
    const handled = new Map<string, string>();
    for (const job of batch) {
      const match = existing.byId.get(job.id) ?? existing.byKey.get(job.dedupKey);
      const already = handled.get(job.id) ?? handled.get(`key:${job.dedupKey}`);
      let jobId: string;
      if (already) {
        jobId = already;
      } else if (!match) {
        const inserted = await db
          .insert(jobs)
          .values({ id: job.id, ...row(job, sourceId), firstSeen: now, lastSeen: now })
          .onConflictDoNothing()
          .returning({ id: jobs.id });
        jobId = job.id;
        if (inserted.length > 0) {
          counts.new += 1;
          counts.changedIds.push(jobId);
        } else counts.unchanged += 1;
      } else if (match.contentHash === job.contentHash) {
        jobId = match.id;
        await db.update(jobs).set({ lastSeen: now, closedAt: null }).where(eq(jobs.id, jobId));
        counts.unchanged += 1;
      } else {
        jobId = match.id;
        const { canonicalUrl: _keep, ...changes } = row(job, sourceId);
        await db
          .update(jobs)
          .set({ ...changes, sourceId: undefined, lastSeen: now, closedAt: null })
          .where(eq(jobs.id, jobId));
        counts.changed += 1;
        counts.changedIds.push(jobId);
      }
      handled.set(job.id, jobId);
      handled.set(`key:${job.dedupKey}`, jobId);
      counts.ids.push(jobId);
      await db
        .insert(jobSightings)
        .values({
          jobId,
          sourceId,
          url: job.url,
          canonicalUrl: job.canonicalUrl,
          firstSeen: now,
          lastSeen: now,
        })
        .onConflictDoUpdate({
          target: [jobSightings.canonicalUrl, jobSightings.sourceId],
          set: { jobId, lastSeen: now, goneAt: null },
        });
    }
    return counts;
  }

  /**
   * After a complete crawl that started at `runStartedAt`: sightings of this source not seen since
   * are gone, and a job whose sightings are all gone is closed (never deleted).
   */
  async function closeMissing(sourceId: string, runStartedAt: Date, now = new Date()): Promise<number> {
    await db
      .update(jobSightings)
      .set({ goneAt: now })
      .where(
        and(
          eq(jobSightings.sourceId, sourceId),
          lt(jobSightings.lastSeen, runStartedAt),
          isNull(jobSightings.goneAt),
        ),
      );
    const closed = await db
      .update(jobs)
      .set({ closedAt: now })
      .where(
        and(
          isNull(jobs.closedAt),
          sql`exists (select 1 from ${jobSightings} s where s.job_id = ${jobs.id} and s.source_id = ${sourceId})`,
          sql`not exists (select 1 from ${jobSightings} s where s.job_id = ${jobs.id} and s.gone_at is null)`,
        ),
      )
      .returning({ id: jobs.id });
    return closed.length;
  }

  return { upsert, closeMissing };
}

export type JobStore = ReturnType<typeof createJobStore>;
