import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { analysisCache } from '../db/schema.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface CacheKey {
  kind: string;
  resumeHash: string;
  jobHash: string;
  /** 'local' for the deterministic templates; the configured model once a model writes. */
  model: string;
  promptVersion: string;
  /** Options that change the output (e.g. addressGaps). */
  variant?: string;
}

/**
 * Model-written analyses (tailored resumes, cover letters, match re-ranks), stored by (resume hash,
 * job hash, model, prompt version), so the same inputs never cost a second model call.
 */
export function createAnalysisCache(db: Database) {
  const where = (key: CacheKey) => {
    const contentHash = sha256(`${key.resumeHash}\n${key.jobHash}\n${key.variant ?? ''}`);
    return {
      contentHash,
      condition: and(
        eq(analysisCache.kind, key.kind),
        eq(analysisCache.contentHash, contentHash),
        eq(analysisCache.model, key.model),
        eq(analysisCache.promptVersion, key.promptVersion),
      ),
    };
  };
  return {
    async get<T>(key: CacheKey): Promise<T | null> {
      const [row] = await db
        .select({ result: analysisCache.result })
        .from(analysisCache)
        .where(where(key).condition)
        .limit(1);
      return (row?.result as T | undefined) ?? null;
    },
    async put(key: CacheKey, result: unknown): Promise<void> {
      const { contentHash } = where(key);
      await db
        .insert(analysisCache)
        .values({ kind: key.kind, contentHash, model: key.model, promptVersion: key.promptVersion, result })
        .onConflictDoUpdate({
          target: [
            analysisCache.kind,
            analysisCache.contentHash,
            analysisCache.model,
            analysisCache.promptVersion,
          ],
          set: { result },
        });
    },
  };
}

export type AnalysisCache = ReturnType<typeof createAnalysisCache>;
