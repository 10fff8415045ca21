import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { resumes } from '../../db/schema.ts';
import { loadJob } from '../jobs/get-job.ts';
import { extractResumeText, type LayoutSignals, normaliseExtractedText } from '../resume/ingest.ts';
import { type ParsedResume, parseResume } from '../resume/parse.ts';
import { NotFoundError, ToolInputError } from '../tool.ts';

/** A resume as the reviewer reads it: the text, what the parser found, and the file's layout if any. */
export interface ReviewResume {
  text: string;
  parsed: ParsedResume;
  /** Null when there was no file to inspect (pasted text). */
  layout: LayoutSignals | null;
  /** sha256 of the text: part of every cache key. */
  hash: string;
}

export interface ReviewJob {
  title: string;
  /** The posting text; every job highlight span points into this string. */
  description: string;
  company: string | null;
  hash: string;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function resumeFromText(
  rawText: string,
  extractSkills: (text: string) => string[],
  layout: LayoutSignals | null = null,
): ReviewResume {
  const text = normaliseExtractedText(rawText);
  if (!text) throw new ToolInputError('the resume text is empty', 'resumeText');
  return { text, parsed: parseResume(text, { extractSkills }), layout, hash: sha256(text) };
}

export async function resumeFromFile(
  file: { name: string; data: Uint8Array },
  extractSkills: (text: string) => string[],
): Promise<ReviewResume> {
  const extracted = await extractResumeText(file);
  return resumeFromText(extracted.text, extractSkills, extracted.layout);
}

/** A stored resume of this user: the one named, or the active one. */
export async function loadStoredResume(
  db: Database,
  userId: string,
  resumeId: string | undefined,
): Promise<ReviewResume> {
  const where = resumeId
    ? and(eq(resumes.userId, userId), eq(resumes.id, resumeId))
    : and(eq(resumes.userId, userId), eq(resumes.active, true));
  const [row] = await db
    .select({ rawText: resumes.rawText, parsed: resumes.parsed, contentHash: resumes.contentHash })
    .from(resumes)
    .where(where)
    .limit(1);
  if (!row) {
    if (resumeId) throw new NotFoundError('resume', resumeId, 'resumeId');
    throw new ToolInputError('you have no resume yet: upload one with upload_resume first', 'resumeId');
  }
  const { layout, ...parsed } = row.parsed as ParsedResume & { layout?: LayoutSignals | null };
  return { text: row.rawText, parsed: parsed as ParsedResume, layout: layout ?? null, hash: row.contentHash };
}

export async function loadStoredJob(db: Database, jobId: string): Promise<ReviewJob> {
  const job = await loadJob(db, jobId);
  if (!job) throw new NotFoundError('job', jobId, 'jobId');
  return {
    title: job.title,
    description: job.description,
    company: job.company,
    hash: sha256(`${job.title}\n${job.description}`),
  };
}

const TITLE_LINE = /^\s*(?:#{1,6}\s+)?(.{2,80}?)\s*$/;

/**
 * A pasted posting. Without a title, a short first line ("# Senior Nurse", "Data Analyst") is taken
 * as one; the description keeps the whole text so highlight offsets stay those of the paste.
 */
export function jobFromText(text: string, title?: string, company?: string): ReviewJob {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new ToolInputError('the job text is empty: paste the posting or give a jobId', 'jobText');
  }
  let jobTitle = title?.trim() ?? '';
  if (!jobTitle) {
    const first = text.trim().split('\n')[0] ?? '';
    const m = TITLE_LINE.exec(first);
    if (m && m[1]!.split(/\s+/).length <= 10 && !/[.!?]$/.test(m[1]!)) jobTitle = m[1]!.replace(/[*_]/g, '');
  }
  return {
    title: jobTitle,
    description: text,
    company: company?.trim() || null,
    hash: sha256(`${jobTitle}\n${text}`),
  };
}
