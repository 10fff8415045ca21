import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { defineTool, readOnly } from '../tool.ts';
import {
  applicationEventSchema,
  applicationViewSchema,
  renderApplication,
  toApplicationView,
  toEventView,
} from './application-view.ts';
import { createApplicationStore } from './store.ts';

export function createGetApplicationTool(deps: { db: Database }) {
  const store = createApplicationStore(deps.db);
  return defineTool({
    id: 'get_application',
    title: 'Show an application',
    description:
      'One tracked application with its full history: every status change, note and reminder with its time.',
    inputSchema: z.object({ applicationId: z.string().uuid().describe('the application id') }),
    outputSchema: z.object({ application: applicationViewSchema, history: z.array(applicationEventSchema) }),
    annotations: readOnly,
    async execute({ applicationId }, context) {
      const row = await store.require(context.userId, applicationId);
      const history = await store.events(row.id);
      return { application: toApplicationView(row), history: history.map(toEventView) };
    },
    render: (out) =>
      [
        renderApplication(out.application),
        ...out.history.map(
          (e) =>
            `${e.at} ${e.kind === 'status' ? `${e.fromStatus ?? '—'} → ${e.toStatus}` : e.kind}${e.note ? `: ${e.note}` : ''}`,
        ),
      ].join('\n'),
  });
}
