import { basename } from 'node:path';
import type { Command } from 'commander';
import { callTool } from '../../tools/tool.ts';
import type { CliContext } from '../context.ts';
import { withLocalRuntime } from '../local-runtime.ts';
import { readResumeFile } from './review.ts';

export function registerMatchCommands(program: Command, context: CliContext): void {
  const resume = program.command('resume').description('your resumes');
  resume
    .command('add')
    .description('store a resume (PDF, DOCX, TXT or Markdown; at most 5 MB) and make it the active one')
    .argument('<file>', 'the resume file')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const data = readResumeFile(file);
      await withLocalRuntime(context, async (runtime, userId) => {
        const tool = runtime.tools.require('upload_resume');
        const out = await callTool(
          tool,
          { fileBase64: data.toString('base64'), fileName: basename(file) },
          { userId },
        );
        context.out(options.json ? JSON.stringify(out) : tool.render!(out));
      });
    });
  resume
    .command('list')
    .description('your stored resumes (* = active)')
    .action(async () =>
      withLocalRuntime(context, async (runtime, userId) => {
        const tool = runtime.tools.require('list_resumes');
        context.out(tool.render!(await callTool(tool, {}, { userId })));
      }),
    );

  program
    .command('match')
    .description('your best matching jobs, with scores and reasons')
    .option('--limit <n>', 'how many', '10')
    .option('--query <text>', 'extra words to search for')
    .option('--json', 'print JSON')
    .action(async (options: { limit: string; query?: string; json?: boolean }) =>
      withLocalRuntime(context, async (runtime, userId) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 50)
          throw new Error('--limit must be a whole number from 1 to 50');
        const tool = runtime.tools.require('search_matches');
        const out = await callTool(
          tool,
          { limit, ...(options.query ? { query: options.query } : {}) },
          { userId },
        );
        context.out(options.json ? JSON.stringify(out) : tool.render!(out));
      }),
    );
}
