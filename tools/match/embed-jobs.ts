import type { EmbeddingModelV4 } from '@ai-sdk/provider';
import { and, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { jobs } from '../../db/schema.ts';
import { jobEmbeddingText } from './embed-text.ts';
import { embedMany } from './embedding-model.ts';

export const EMBED_BATCH = 256;

/**
 * Embeds open jobs whose vector is missing, stale (content changed) or from another model.
 * Idempotent: a job already embedded for its content hash and model is skipped.
 */
export async function embedPendingJobs(
  db: Database,
  model: EmbeddingModelV4,
  options: { jobIds?: string[]; limit?: number } = {},
): Promise<string[]> {
  const stale = or(
    isNull(jobs.embedding),
    sql`${jobs.embeddedHash} is distinct from ${jobs.contentHash}`,
    sql`${jobs.embeddingModel} is distinct from ${model.modelId}`,
  );
  const where = options.jobIds
    ? and(inArray(jobs.id, options.jobIds), stale)
    : and(isNull(jobs.closedAt), stale);
  const rows = await db
    .select({
      id: jobs.id,
      title: jobs.title,
      company: jobs.company,
      skills: jobs.skills,
      descriptionMd: jobs.descriptionMd,
      contentHash: jobs.contentHash,
    })
    .from(jobs)
    .where(where)
    .limit(options.limit ?? 5000);
  const done: string[] = [];
  for (let i = 0; i < rows.length; i += EMBED_BATCH) {
    const batch = rows.slice(i, i + EMBED_BATCH);
    const vectors = await embedMany(model, batch.map(jobEmbeddingText));
    const values = batch.map(
      (job, j) => sql`(${job.id}::uuid, ${`[${vectors[j]!.join(',')}]`}::vector, ${job.contentHash})`,
    );
    await db.execute(sql`
      update jobs set embedding = v.embedding, embedding_model = ${model.modelId}, embedded_hash = v.hash
      from (values ${sql.join(values, sql`, `)}) as v(id, embedding, hash)
      where jobs.id = v.id`);
    done.push(...batch.map((b) => b.id));
  }
  return done;
}
