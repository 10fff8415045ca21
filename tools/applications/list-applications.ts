import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { defineTool, readOnly } from '../tool.ts';
import { applicationViewSchema, renderApplication, toApplicationView } from './application-view.ts';
import { applicationStatusSchema } from './status.ts';
import { createApplicationStore } from './store.ts';

export function createListApplicationsTool(deps: { db: Database }) {
  const store = createApplicationStore(deps.db);
  return defineTool({
    id: 'list_applications',
    title: 'List your applications',
    description: 'Your tracked applications, most recently changed first; filter by status or company.',
    inputSchema: z.object({
      status: applicationStatusSchema.optional().describe('only applications with this status'),
      company: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .optional()
        .describe('only companies whose name contains this'),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    outputSchema: z.object({ applications: z.array(applicationViewSchema) }),
    annotations: readOnly,
    async execute(input, context) {
      const rows = await store.list(context.userId, input);
      return { applications: rows.map(toApplicationView) };
    },
    render: (out) =>
      out.applications.length === 0
        ? 'No applications tracked yet. Start one with track_application and a job id.'
        : out.applications.map(renderApplication).join('\n'),
  });
}
