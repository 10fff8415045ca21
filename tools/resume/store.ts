import { createHash } from 'node:crypto';
import type { EmbeddingModelV4 } from '@ai-sdk/provider';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { resumes } from '../../db/schema.ts';
import { resumeEmbeddingText } from '../match/embed-text.ts';
import { embedMany } from '../match/embedding-model.ts';
import { ResumeInputError } from './errors.ts';
import { extractResumeText, type LayoutSignals, normaliseExtractedText } from './ingest.ts';
import { isLikelyResume, type ParsedResume, parseResume } from './parse.ts';

export type ResumeRow = Omit<typeof resumes.$inferSelect, 'embedding'>;

export type ResumeInput =
  | { kind: 'file'; name: string; data: Uint8Array; mimeType?: string }
  | { kind: 'text'; text: string; name?: string };

export interface StoredResume {
  resume: ResumeRow;
  parsed: ParsedResume;
  created: boolean;
}

/** Titles held, most recent first: what the matcher compares job titles with. */
export const titlesOf = (parsed: ParsedResume) => parsed.experience.map((e) => e.title).filter(Boolean);

export function createResumeStore(deps: {
  db: Database;
  embedder: EmbeddingModelV4;
  extractSkills: (text: string) => string[];
}) {
  const { db } = deps;
  const columns = {
    id: resumes.id,
    userId: resumes.userId,
    name: resumes.name,
    format: resumes.format,
    rawText: resumes.rawText,
    parsed: resumes.parsed,
    skills: resumes.skills,
    contentHash: resumes.contentHash,
    active: resumes.active,
    embeddingModel: resumes.embeddingModel,
    createdAt: resumes.createdAt,
  };

  return {
    /**
     * Reads, parses and embeds a resume, then stores it as the user's active one. Everything is
     * checked before anything is written, so a bad file leaves no half-stored row; the same
     * content uploaded again changes nothing.
     */
    async add(userId: string, input: ResumeInput): Promise<StoredResume> {
      let text: string;
      let format: string;
      let layout: LayoutSignals | null = null;
      if (input.kind === 'file') {
        const extracted = await extractResumeText(input);
        ({ text, format, layout } = extracted);
      } else {
        text = normaliseExtractedText(input.text);
        format = 'text';
        if (!text.trim()) throw new ResumeInputError('empty', 'the resume text is empty');
      }
      if (!isLikelyResume(text)) {
        throw new ResumeInputError(
          'not_a_resume',
          'this does not look like a resume: no experience, education or skills were found',
        );
      }
      const contentHash = createHash('sha256').update(text).digest('hex');
      const [existing] = await db
        .select(columns)
        .from(resumes)
        .where(and(eq(resumes.userId, userId), eq(resumes.contentHash, contentHash)));
      if (existing) return { resume: existing, parsed: existing.parsed as ParsedResume, created: false };

      const parsed = parseResume(text, { extractSkills: deps.extractSkills });
      const [vector] = await embedMany(deps.embedder, [
        resumeEmbeddingText({
          summary: parsed.summary,
          titles: titlesOf(parsed),
          skills: parsed.skills,
          rawText: text,
        }),
      ]);
      const name = input.name ?? 'pasted resume';
      const inserted = await db.transaction(async (tx) => {
        await tx.update(resumes).set({ active: false }).where(eq(resumes.userId, userId));
        return tx
          .insert(resumes)
          .values({
            userId,
            name,
            format,
            rawText: text,
            parsed: { ...parsed, layout },
            skills: parsed.skills,
            contentHash,
            active: true,
            embedding: vector!,
            embeddingModel: deps.embedder.modelId,
          })
          .returning(columns);
      });
      return { resume: inserted[0]!, parsed, created: true };
    },

    async list(userId: string): Promise<ResumeRow[]> {
      return db
        .select(columns)
        .from(resumes)
        .where(eq(resumes.userId, userId))
        .orderBy(desc(resumes.createdAt));
    },

    async active(userId: string): Promise<(ResumeRow & { embedding: number[] | null }) | null> {
      const [row] = await db
        .select({ ...columns, embedding: resumes.embedding })
        .from(resumes)
        .where(and(eq(resumes.userId, userId), eq(resumes.active, true)))
        .limit(1);
      return row ?? null;
    },

    async activate(userId: string, resumeId: string): Promise<boolean> {
      const [found] = await db
        .select({ id: resumes.id })
        .from(resumes)
        .where(and(eq(resumes.userId, userId), eq(resumes.id, resumeId)));
      if (!found) return false;
      await db
        .update(resumes)
        .set({ active: sql`${resumes.id} = ${resumeId}` })
        .where(eq(resumes.userId, userId));
      return true;
    },
  };
}

export type ResumeStore = ReturnType<typeof createResumeStore>;
