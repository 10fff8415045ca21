import { and, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { jobs, resumes, users } from '../../db/schema.ts';
import type { TaskQueue } from '../../queue/manager.ts';
import { defineTask } from '../../queue/registry.ts';
import type { Services } from '../services.ts';
import { embedPendingJobs } from './embed-jobs.ts';

export const EMBED_JOBS = 'embed-jobs';
export const MATCH_USER = 'match-user';
export const REEMBED_SWEEP = 'reembed-sweep';
/** Matches refreshed per user after a full re-rank. */
export const STORED_MATCHES = 200;

/**
 * New or changed jobs are embedded in batches, then scored for every user with a resume; a new
 * resume or profile re-ranks that user. Each step only touches what changed.
 */
export function createMatchTasks(services: Services, queue: () => TaskQueue) {
  async function usersWithResumes(): Promise<string[]> {
    const rows = await services.db
      .selectDistinct({ id: users.id })
      .from(users)
      .innerJoin(resumes, and(eq(resumes.userId, users.id), eq(resumes.active, true)))
      .where(eq(users.active, true));
    return rows.map((r) => r.id);
  }

  const embedJobs = defineTask({
    name: EMBED_JOBS,
    schema: z.object({ jobIds: z.array(z.string().uuid()).max(5000).optional() }),
    policy: { retryLimit: 3, retryDelaySeconds: 5, batchSize: 4, concurrency: 1 },
    async handler({ jobIds }, ctx) {
      const embedded = await embedPendingJobs(services.db, services.embedder, jobIds ? { jobIds } : {});
      await ctx.progress(embedded.length, embedded.length, `${embedded.length} jobs embedded`);
      if (embedded.length > 0) {
        for (const userId of await usersWithResumes()) {
          await queue().enqueue(MATCH_USER, { userId, jobIds: embedded });
        }
      }
      return { embedded: embedded.length };
    },
  });

  const matchUser = defineTask({
    name: MATCH_USER,
    schema: z.object({ userId: z.string().uuid(), jobIds: z.array(z.string().uuid()).max(5000).optional() }),
    policy: { retryLimit: 3, retryDelaySeconds: 5, batchSize: 4, concurrency: 1 },
    async handler({ userId, jobIds }) {
      if (!(await services.matcher.hasActiveResume(userId))) return { skipped: 'no resume' };
      const ranked = await services.matcher.rank(userId, {
        limit: jobIds ? jobIds.length : STORED_MATCHES,
        ...(jobIds ? { jobIds } : {}),
      });
      return { matched: ranked.length };
    },
  });

  /** After EMBEDDING_MODEL changes every open job is re-embedded in the background. */
  const reembedSweep = defineTask({
    name: REEMBED_SWEEP,
    schema: z.object({}).passthrough(),
    policy: {
      retryLimit: 2,
      queuePolicy: 'exclusive',
      singletonKey: () => 'sweep',
      batchSize: 1,
      concurrency: 1,
    },
    async handler(_payload, ctx) {
      let total = 0;
      for (;;) {
        const done = await embedPendingJobs(services.db, services.embedder, { limit: 2000 });
        total += done.length;
        await ctx.progress(total, null, `${total} jobs re-embedded`);
        if (done.length === 0) break;
      }
      for (const userId of await usersWithResumes()) await queue().enqueue(MATCH_USER, { userId });
      return { reembedded: total };
    },
  });

  /** Queues the sweep when stored vectors were made by another model than the configured one. */
  async function checkEmbeddingModel(): Promise<boolean> {
    const [row] = await services.db
      .select({ n: sql<number>`count(*)::int` })
      .from(jobs)
      .where(
        and(
          isNull(jobs.closedAt),
          or(
            isNull(jobs.embedding),
            and(isNotNull(jobs.embeddingModel), sql`${jobs.embeddingModel} <> ${services.embedder.modelId}`),
          ),
        ),
      );
    if (Number(row?.n ?? 0) === 0) return false;
    await queue().enqueue(REEMBED_SWEEP, {});
    return true;
  }

  return { tasks: [embedJobs, matchUser, reembedSweep], checkEmbeddingModel };
}
