import { z } from 'zod';
import { defineTool, readOnly } from '../tool.ts';
import type { ResumeStore } from './store.ts';
import { resumeSummarySchema, toResumeSummary } from './upload-resume.ts';

export function createListResumesTool(deps: { resumes: ResumeStore }) {
  return defineTool({
    id: 'list_resumes',
    title: 'List my resumes',
    description: 'Your stored resumes, newest first; the active one is used for matching.',
    inputSchema: z.object({}),
    outputSchema: z.object({ resumes: z.array(resumeSummarySchema) }),
    annotations: readOnly,
    async execute(_input, context) {
      return { resumes: (await deps.resumes.list(context.userId)).map(toResumeSummary) };
    },
    render: (out) =>
      out.resumes.length === 0
        ? 'No resume yet: upload one with upload_resume.'
        : out.resumes
            .map(
              (r) =>
                `${r.active ? '* ' : '  '}${r.name} (${r.format}, ${r.createdAt.slice(0, 10)}): ${r.skills.length} skills`,
            )
            .join('\n'),
  });
}
