import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { ResumeInputError } from '../resume/errors.ts';
import { MAX_RESUME_BYTES } from '../resume/ingest.ts';
import type { SkillExtractor } from '../skills/extract.ts';
import { ToolInputError } from '../tool.ts';
import {
  jobFromText,
  loadStoredJob,
  loadStoredResume,
  type ReviewJob,
  type ReviewResume,
  resumeFromFile,
  resumeFromText,
} from './review-input.ts';

const MAX_BASE64 = Math.ceil((MAX_RESUME_BYTES * 4) / 3) + 16;

/** Which resume: a stored one (default: the active one), pasted text, or a file. */
export const resumeChoice = {
  resumeId: z.string().uuid().optional().describe('a stored resume id; default: your active resume'),
  resumeText: z.string().max(200_000).optional().describe('a resume pasted as text, instead of a stored one'),
  resumeFileBase64: z
    .string()
    .max(MAX_BASE64, 'file is larger than 5 MB')
    .optional()
    .describe('a resume file (PDF, DOCX, TXT, Markdown) as base64, instead of a stored one'),
  fileName: z
    .string()
    .max(255)
    .optional()
    .describe('the file name, e.g. cv.pdf (needed with resumeFileBase64)'),
};

/** Which job: a stored one, or a pasted posting. */
export const jobChoice = {
  jobId: z.string().uuid().optional().describe('a stored job id'),
  jobText: z.string().max(100_000).optional().describe('a pasted job posting, instead of a stored job'),
  jobTitle: z.string().max(200).optional().describe('the pasted job’s title (default: its first line)'),
  company: z.string().max(200).optional().describe('the pasted job’s company'),
};

type Choice = {
  resumeId?: string | undefined;
  resumeText?: string | undefined;
  resumeFileBase64?: string | undefined;
  fileName?: string | undefined;
  jobId?: string | undefined;
  jobText?: string | undefined;
  jobTitle?: string | undefined;
  company?: string | undefined;
};

/** Cross-field rules for the choices above; the messages name the fields. */
export function refineChoice<T extends z.ZodType<Choice>>(schema: T) {
  return schema
    .refine((v) => [v.resumeId, v.resumeText, v.resumeFileBase64].filter(Boolean).length <= 1, {
      message: 'give at most one of resumeId, resumeText and resumeFileBase64',
      path: ['resumeId'],
    })
    .refine((v) => !v.resumeFileBase64 || v.fileName, {
      message: 'fileName is needed with resumeFileBase64',
      path: ['fileName'],
    })
    .refine((v) => (v.jobId === undefined) !== (v.jobText === undefined), {
      message: 'give either jobId or jobText',
      path: ['jobId'],
    });
}

export interface Subjects {
  resume: ReviewResume;
  job: ReviewJob;
}

/** Loads the resume and job a tool call names; bad files and empty texts become ToolInputErrors. */
export async function loadSubjects(
  deps: { db: Database; skills: SkillExtractor },
  input: Choice,
  userId: string,
): Promise<Subjects> {
  const extractSkills = (text: string) => deps.skills.skills(text);
  let resume: ReviewResume;
  try {
    if (input.resumeFileBase64) {
      const data = new Uint8Array(Buffer.from(input.resumeFileBase64, 'base64'));
      resume = await resumeFromFile({ name: input.fileName!, data }, extractSkills);
    } else if (input.resumeText !== undefined) {
      resume = resumeFromText(input.resumeText, extractSkills);
    } else {
      resume = await loadStoredResume(deps.db, userId, input.resumeId);
    }
  } catch (error) {
    if (error instanceof ResumeInputError) {
      throw new ToolInputError(error.message, input.resumeFileBase64 ? 'resumeFileBase64' : 'resumeText');
    }
    throw error;
  }
  const job = input.jobId
    ? await loadStoredJob(deps.db, input.jobId)
    : jobFromText(input.jobText ?? '', input.jobTitle, input.company);
  return { resume, job };
}
