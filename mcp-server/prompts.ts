import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, type GetPromptResult, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolRegistry } from '../tools/tool.ts';
import type { McpResourceProvider } from './resources.ts';

const jobIdArg = { jobId: z.string().uuid().describe('the Jobhound job id (from search_jobs or a match)') };

interface PromptDeps {
  registry: ToolRegistry;
  resources: McpResourceProvider;
  userId: string;
}

type Steps = (has: (tool: string) => boolean, jobId: string) => string[];

/** Prompts name only tools this server really offers, so the assistant is never sent to a missing one. */
const PROMPTS: Array<{ name: string; title: string; description: string; goal: string; steps: Steps }> = [
  {
    name: 'review-resume-for-job',
    title: 'Review my resume for a job',
    description: 'Check the active resume against one job: missing keywords, weak bullets, ATS problems.',
    goal: 'Review my resume against this job and tell me what to change before I apply.',
    steps: (has, jobId) =>
      has('ats_review')
        ? [
            `Call the ats_review tool with jobId "${jobId}".`,
            'Summarise the biggest gaps first, then concrete edits.',
          ]
        : [
            `Call get_job with jobId "${jobId}" and read the resource jobhound://resume/active.`,
            'Compare the required skills and keywords with the resume; list gaps first, then concrete edits.',
          ],
  },
  {
    name: 'find-similar-jobs',
    title: 'Find jobs like this one',
    description: 'Search the stored jobs for roles similar to one job.',
    goal: 'Find other open jobs similar to this one that fit me.',
    steps: (has, jobId) => [
      `Call get_job with jobId "${jobId}" to learn its title, skills, seniority and location.`,
      has('search_matches')
        ? 'Call search_matches with those as the query to get jobs ranked against my resume; fall back to search_jobs for more.'
        : 'Call search_jobs with the title and key skills as the query (and the same remote mode and seniority).',
      'Leave out the job itself and show the best five with one line each on why they are similar.',
    ],
  },
  {
    name: 'prepare-application',
    title: 'Prepare an application',
    description: 'Draft a tailored application package for one job; nothing is submitted.',
    goal: 'Help me prepare my application for this job. Do not submit anything.',
    steps: (has, jobId) =>
      has('prepare_application')
        ? [
            `Call prepare_application with jobId "${jobId}".`,
            'Show me the draft and ask what to change; never submit on my behalf.',
          ]
        : [
            `Call get_job with jobId "${jobId}" and read jobhound://resume/active and jobhound://profile.`,
            'Draft a short cover letter and a list of resume tweaks for this job; never submit on my behalf.',
          ],
  },
];

export function registerPrompts(server: McpServer, deps: PromptDeps): void {
  const has = (tool: string) => deps.registry.get(tool) !== undefined;
  for (const prompt of PROMPTS) {
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: jobIdArg },
      async ({ jobId }): Promise<GetPromptResult> => {
        const job = (await deps.resources.job(jobId)) as { title?: string; company?: string } | null;
        if (!job) throw new McpError(ErrorCode.InvalidParams, `jobId: job '${jobId}' was not found`);
        const steps = prompt.steps(has, jobId).map((s, i) => `${i + 1}. ${s}`);
        const text = [
          `${prompt.goal}`,
          `Job: ${job.title ?? 'untitled'} at ${job.company ?? 'unknown company'} (Jobhound job id ${jobId}, resource jobhound://jobs/${jobId}).`,
          '',
          'Use the Jobhound tools:',
          ...steps,
        ].join('\n');
        return {
          description: prompt.description,
          messages: [{ role: 'user', content: { type: 'text', text } }],
        };
      },
    );
  }
}

export const PROMPT_NAMES = PROMPTS.map((p) => p.name);
