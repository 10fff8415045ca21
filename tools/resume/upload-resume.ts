import { z } from 'zod';
import type { TaskQueue } from '../../queue/manager.ts';
import { MATCH_USER } from '../match/match-tasks.ts';
import { defineTool, ToolInputError } from '../tool.ts';
import { ResumeInputError } from './errors.ts';
import { MAX_RESUME_BYTES } from './ingest.ts';
import type { ResumeStore } from './store.ts';

/** base64 of the largest file we accept, plus a little padding. */
const MAX_BASE64 = Math.ceil((MAX_RESUME_BYTES * 4) / 3) + 16;

export const resumeSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  format: z.string(),
  active: z.boolean(),
  skills: z.array(z.string()),
  totalYears: z.number(),
  seniority: z.string().nullable(),
  titles: z.array(z.string()),
  createdAt: z.string(),
});

export function toResumeSummary(row: {
  id: string;
  name: string;
  format: string;
  active: boolean;
  skills: string[];
  parsed: unknown;
  createdAt: Date;
}) {
  const parsed = row.parsed as {
    totalYears?: number;
    seniority?: string;
    experience?: Array<{ title: string }>;
  };
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    active: row.active,
    skills: row.skills,
    totalYears: parsed.totalYears ?? 0,
    seniority: parsed.seniority ?? null,
    titles: (parsed.experience ?? []).map((e) => e.title).filter(Boolean),
    createdAt: row.createdAt.toISOString(),
  };
}

export function createUploadResumeTool(deps: { resumes: ResumeStore; queue: TaskQueue }) {
  return defineTool({
    id: 'upload_resume',
    title: 'Upload a resume',
    description:
      'Store a resume and make it the active one: pasted text, or a file (PDF, DOCX, TXT, Markdown; at most 5 MB) as base64 with its file name. The same content uploaded again changes nothing. Matches are refreshed in the background.',
    inputSchema: z
      .object({
        text: z.string().max(200_000).optional().describe('the resume as plain text or Markdown'),
        fileBase64: z
          .string()
          .max(MAX_BASE64, 'file is larger than 5 MB')
          .optional()
          .describe('the file, base64'),
        fileName: z.string().max(255).optional().describe('e.g. cv.pdf (needed with fileBase64)'),
      })
      .refine((v) => Boolean(v.text) !== Boolean(v.fileBase64), { message: 'give either text or fileBase64' })
      .refine((v) => !v.fileBase64 || v.fileName, {
        message: 'fileName is needed with fileBase64',
        path: ['fileName'],
      }),
    outputSchema: resumeSummarySchema.extend({ created: z.boolean() }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async execute(input, context) {
      try {
        const stored = input.fileBase64
          ? await deps.resumes.add(context.userId, {
              kind: 'file',
              name: input.fileName!,
              data: new Uint8Array(Buffer.from(input.fileBase64, 'base64')),
            })
          : await deps.resumes.add(context.userId, {
              kind: 'text',
              text: input.text!,
              name: 'pasted resume',
            });
        if (stored.created) await deps.queue.enqueue(MATCH_USER, { userId: context.userId });
        return { ...toResumeSummary(stored.resume), created: stored.created };
      } catch (error) {
        if (error instanceof ResumeInputError) {
          throw new ToolInputError(error.message, input.fileBase64 ? 'fileBase64' : 'text');
        }
        throw error;
      }
    },
    render: (r) =>
      `${r.created ? 'Stored' : 'Already had'} ${r.name}: ${r.titles[0] ?? 'no title found'}, ${r.totalYears} years, ${r.seniority ?? 'seniority unknown'}; skills: ${r.skills.slice(0, 15).join(', ') || 'none found'}.`,
  });
}
