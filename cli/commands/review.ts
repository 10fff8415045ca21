import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { MAX_RESUME_BYTES } from '../../tools/resume/ingest.ts';
import { callTool } from '../../tools/tool.ts';
import type { CliContext } from '../context.ts';
import { withLocalRuntime } from '../local-runtime.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_JOB_BYTES = 100_000;

/** Reads a file the user named, with a message that names it when it is missing or too big. */
export function readUserFile(file: string, maxBytes: number, what: string): Buffer {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new Error(`cannot read ${file}: no such file`);
  }
  if (size > maxBytes) {
    const limit = maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MB` : `${maxBytes / 1000} kB`;
    throw new Error(`${file} is ${(size / 1024 / 1024).toFixed(1)} MB; ${what} can be at most ${limit}`);
  }
  return readFileSync(file);
}

export function readResumeFile(file: string): Buffer {
  return readUserFile(file, MAX_RESUME_BYTES, 'resumes');
}

/** A stored job id, or a file holding a pasted posting (its first line is the title). */
function jobArgument(job: string): { jobId: string } | { jobText: string } {
  if (UUID.test(job)) return { jobId: job.toLowerCase() };
  const text = readUserFile(job, MAX_JOB_BYTES, 'job postings').toString('utf8');
  return { jobText: text };
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'job'
  );
}

export function registerReviewCommands(program: Command, context: CliContext): void {
  program
    .command('review')
    .description(
      'review a resume against a job as an ATS would: score, skills, highlights, risks, suggestions',
    )
    .argument('<resume-file>', 'the resume (PDF, DOCX, TXT or Markdown; at most 5 MB)')
    .argument('<job>', 'a stored job id, or a file with the job posting')
    .option('--json', 'print JSON')
    .action(async (resumeFile: string, job: string, options: { json?: boolean }) => {
      const data = readResumeFile(resumeFile);
      const jobArgs = jobArgument(job);
      await withLocalRuntime(context, async (runtime, userId) => {
        const tool = runtime.tools.require('ats_review');
        const out = await callTool(
          tool,
          { resumeFileBase64: data.toString('base64'), fileName: basename(resumeFile), ...jobArgs },
          { userId },
        );
        context.out(options.json ? JSON.stringify(out) : tool.render!(out));
      });
    });

  program
    .command('tailor')
    .description('tailor your active resume to a stored job and write a cover letter (nothing is invented)')
    .argument('<job-id>', 'a stored job id')
    .option('--out <dir>', 'where to write the files', '.')
    .option('--json', 'print JSON')
    .action(async (jobId: string, options: { out: string; json?: boolean }) => {
      if (!UUID.test(jobId))
        throw new Error(`'${jobId}' is not a job id (a UUID, as 'jobhound match' shows)`);
      await withLocalRuntime(context, async (runtime, userId) => {
        const tailor = runtime.tools.require('tailor_resume');
        const letterTool = runtime.tools.require('write_cover_letter');
        const resume = (await callTool(tailor, { jobId }, { userId })) as {
          markdown: string;
          pdfBase64?: string;
          job: { title: string; company: string | null };
          gaps: { required: string[]; preferred: string[] };
          removed: Array<{ claim: string; kind: string; reason: string }>;
          emphasised: string[];
        };
        const letter = (await callTool(letterTool, { jobId }, { userId })) as {
          markdown: string;
          removed: Array<{ claim: string; kind: string }>;
        };
        const dir = resolve(options.out);
        mkdirSync(dir, { recursive: true });
        const base = slug([resume.job.company, resume.job.title].filter(Boolean).join(' '));
        const files = {
          resume: join(dir, `${base}-resume.md`),
          pdf: join(dir, `${base}-resume.pdf`),
          coverLetter: join(dir, `${base}-cover-letter.md`),
        };
        writeFileSync(files.resume, resume.markdown);
        if (resume.pdfBase64) writeFileSync(files.pdf, Buffer.from(resume.pdfBase64, 'base64'));
        writeFileSync(files.coverLetter, letter.markdown);
        const written = { ...files, ...(resume.pdfBase64 ? {} : { pdf: null }) };
        if (options.json) {
          context.out(
            JSON.stringify({
              files: written,
              emphasised: resume.emphasised,
              gaps: resume.gaps,
              removed: [...resume.removed, ...letter.removed],
            }),
          );
          return;
        }
        const gaps = [...resume.gaps.required, ...resume.gaps.preferred];
        const removed = [...resume.removed, ...letter.removed];
        context.out(
          [
            `Tailored for ${resume.job.title}${resume.job.company ? ` at ${resume.job.company}` : ''}:`,
            ...Object.values(written)
              .filter((f): f is string => f !== null)
              .map((f) => `  ${f}`),
            `Put forward: ${resume.emphasised.join(', ') || 'nothing specific'}`,
            `Gaps to address honestly (not claimed): ${gaps.join(', ') || 'none'}`,
            ...(removed.length
              ? [`Removed as untraceable to your resume: ${removed.map((r) => r.claim).join(', ')}`]
              : []),
          ].join('\n'),
        );
      });
    });
}
