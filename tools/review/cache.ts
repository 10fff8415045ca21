import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { analysisCache } from '../../db/schema.ts';
import { sha256 } from './review-input.ts';

/** Bumped whenever a template or the guard changes what an output would be. */
export const TAILOR_PROMPT_VERSION = 'tailor-v2';
export const COVER_LETTER_PROMPT_VERSION = 'cover-letter-v2';

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

/** Tailored resumes and cover letters, stored by (resume hash, job hash, model, prompt version). */
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
