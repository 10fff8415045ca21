import { z } from 'zod';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import type { TaskQueue } from '../../queue/manager.ts';
import { defineTool, ToolInputError } from '../tool.ts';
import { applicationViewSchema, renderApplication, toApplicationView } from './application-view.ts';
import { DEFAULT_FOLLOW_UP_DAYS, scheduleFollowUp } from './reminder-task.ts';
import { applicationStatusSchema } from './status.ts';
import { createApplicationStore } from './store.ts';

const inputSchema = z
  .object({
    jobId: z
      .string()
      .uuid()
      .optional()
      .describe('start tracking this job (status saved); or find its application'),
    applicationId: z.string().uuid().optional().describe('the application to update'),
    status: applicationStatusSchema
      .optional()
      .describe(
        'the new status: saved → preparing → ready → applied → interviewing → offer | rejected | withdrawn',
      ),
    note: z.string().trim().min(1).max(2000).optional().describe('a note recorded with the change'),
    followUpDays: z
      .number()
      .int()
      .min(1)
      .max(90)
      .optional()
      .describe(`days after applying to remind you to follow up (default ${DEFAULT_FOLLOW_UP_DAYS})`),
  })
  .refine((v) => v.jobId !== undefined || v.applicationId !== undefined, {
    message: 'give jobId (to track a job) or applicationId (to update an application)',
    path: ['jobId'],
  });

export function createTrackApplicationTool(deps: { db: Database; queue: TaskQueue; logger: Logger }) {
  const store = createApplicationStore(deps.db);
  return defineTool({
    id: 'track_application',
    title: 'Track a job application',
    description:
      'Starts tracking a job (status saved) or moves an application along: saved → preparing → ready → applied → interviewing → offer | rejected | withdrawn. Every change is recorded with its time and note. When an application becomes applied, a follow-up reminder is scheduled (default 7 days). Marking applied here records what you did yourself; it never submits anything.',
    inputSchema,
    outputSchema: z.object({
      application: applicationViewSchema,
      created: z.boolean(),
      changed: z.boolean(),
      reminderScheduledFor: z.string().nullable(),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async execute(input, context) {
      const { userId } = context;
      let created = false;
      let applicationId = input.applicationId;
      if (applicationId === undefined) {
        const result = await store.create(userId, input.jobId!, input.status ? undefined : input.note);
        created = result.created;
        applicationId = result.application.id;
        if ((result.created && !input.status) || (!input.status && !input.note)) {
          return {
            application: toApplicationView(result.application),
            created,
            changed: false,
            reminderScheduledFor: null,
          };
        }
      } else if (input.jobId !== undefined) {
        const app = await store.require(userId, applicationId);
        if (app.jobId !== input.jobId)
          throw new ToolInputError(`application ${applicationId} is not for job ${input.jobId}`, 'jobId');
      }
      if (!input.status && !input.note) {
        throw new ToolInputError('give a status or a note to record', 'status');
      }
      const current = await store.require(userId, applicationId);
      const to = input.status ?? current.status;
      const { application, changed } = await store.transition(userId, applicationId, to, input.note);
      let reminderScheduledFor: string | null = null;
      if (changed && application.status === 'applied') {
        reminderScheduledFor = await scheduleFollowUp(deps, applicationId, input.followUpDays);
      }
      return { application: toApplicationView(application), created, changed, reminderScheduledFor };
    },
    render: (out) =>
      [
        `${out.created ? 'Now tracking' : out.changed ? 'Updated' : 'Unchanged'}: ${renderApplication(out.application)}`,
        ...(out.reminderScheduledFor
          ? [`Follow-up reminder on ${out.reminderScheduledFor.slice(0, 10)}.`]
          : []),
      ].join('\n'),
  });
}
