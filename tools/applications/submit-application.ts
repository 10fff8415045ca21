import { z } from 'zod';
import type { Config } from '../../config/config.ts';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import type { TaskQueue } from '../../queue/manager.ts';
import { defineTool, ToolInputError } from '../tool.ts';
import { approvalProblem, createApprovalStore, DEFAULT_DAILY_SUBMISSION_CAP } from './approvals.ts';
import { formFillerFromConfig } from './fill-application.ts';
import { approvalHash, currentForm, readPackage } from './package.ts';
import { scheduleFollowUp } from './reminder-task.ts';
import { applicationStatusSchema } from './status.ts';
import { createApplicationStore } from './store.ts';
import { manualSubmitter, type Submitter } from './submitter.ts';

const outputSchema = z.object({
  applicationId: z.string(),
  approvalId: z.string(),
  outcome: z.enum(['submitted', 'dry_run', 'needs_you', 'form_changed', 'failed', 'unknown']),
  status: applicationStatusSchema,
  url: z.string(),
  message: z.string(),
  filled: z.array(z.object({ field: z.string(), value: z.string() })).optional(),
  unfilled: z.array(z.string()).optional(),
  screenshotBase64: z.string().optional(),
  submittedToday: z.number(),
  dailyCap: z.number(),
  reminderScheduledFor: z.string().nullable(),
});
type Output = z.infer<typeof outputSchema>;

const OUTCOME_LABELS: Record<Output['outcome'], string> = {
  submitted: 'Submitted',
  dry_run: 'Dry run (not submitted)',
  needs_you: 'Needs you',
  form_changed: 'Not submitted, the form changed',
  failed: 'Failed',
  unknown: 'Unknown, check the page',
};

export function createSubmitApplicationTool(deps: {
  db: Database;
  queue: TaskQueue;
  logger: Logger;
  config: Config;
  /**
   * Sends the package; default: the browser form filler when Chromium is installed, else
   * nothing is sent automatically (the person takes over).
   */
  submitter?: Submitter;
  /** Submissions per user per UTC day (default 10). */
  dailyCap?: number;
}) {
  const applications = createApplicationStore(deps.db);
  const approvals = createApprovalStore(deps.db);
  // Resolved on first use: building the registry touches no dependency.
  let chosen: Submitter | undefined;
  const submitterOf = (): Submitter =>
    (chosen ??=
      deps.submitter ?? formFillerFromConfig(deps.config, deps.logger)?.submitter() ?? manualSubmitter);

  return defineTool({
    id: 'submit_application',
    title: 'Submit an approved application',
    description: `Sends a prepared application to the employer, only with an approval id the user approved (approve_application) for exactly these values: a changed package, an expired or used approval is refused. At most a fixed number of submissions per user per day (default ${DEFAULT_DAILY_SUBMISSION_CAP}). When the approval was given for a filled form (fill_application), the live form is filled again first and nothing is sent if any filled value differs (outcome form_changed: review and approve again). With dryRun the form is filled and shown but never submitted. If the site needs the person (login, CAPTCHA, account flow), the outcome is needs_you with the URL and nothing is sent.`,
    inputSchema: z.object({
      approvalId: z.string().uuid().describe('the approved approval id'),
      dryRun: z.boolean().default(false).describe('fill and show the values, never click submit'),
    }),
    outputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    async execute({ approvalId, dryRun }, context): Promise<Output> {
      const { userId } = context;
      const cap = deps.dailyCap ?? DEFAULT_DAILY_SUBMISSION_CAP;
      const submitter = submitterOf();
      const approval = await approvals.require(userId, approvalId);
      const app = await applications.require(userId, approval.applicationId);
      if (!approval.approvedAt) {
        throw new ToolInputError(
          `approval ${approvalId} has not been given: the user must approve the package first; nothing was submitted`,
          'approvalId',
        );
      }
      if (app.status !== 'ready') {
        throw new ToolInputError(
          `application ${app.id} is '${app.status}', not ready to submit; nothing was submitted`,
          'approvalId',
        );
      }
      const pkg = readPackage(app.package);
      const problem = approvalProblem(approval, pkg ? approvalHash(app.id, pkg) : null);
      if (problem) throw new ToolInputError(`${problem}; nothing was submitted`, 'approvalId');
      // Approved after the form was filled: the live form must fill to exactly those values.
      const form = currentForm(app.id, pkg!);
      const request = {
        applicationId: app.id,
        job: app.job,
        package: pkg!,
        dryRun,
        ...(form ? { approvedFilledHash: form.filledHash } : {}),
        ...(context.signal ? { signal: context.signal } : {}),
      };
      const base = { applicationId: app.id, approvalId, dailyCap: cap, reminderScheduledFor: null };

      if (dryRun) {
        let result: Awaited<ReturnType<Submitter['submit']>>;
        try {
          result = await submitter.submit(request);
        } catch (err) {
          deps.logger.warn({ err, applicationId: app.id }, 'dry run failed');
          return {
            ...base,
            outcome: 'failed',
            status: app.status,
            url: app.job.applyUrl ?? app.job.url,
            message: `the dry run failed (${(err as Error).message.split('\n')[0]}); nothing was submitted, the package is kept`,
            submittedToday: await approvals.submittedToday(userId),
          };
        }
        if (result.outcome === 'submitted' || result.outcome === 'unknown') {
          throw new Error('the submitter clicked submit during a dry run');
        }
        return {
          ...base,
          outcome: result.outcome,
          status: app.status,
          url: result.url,
          message: result.outcome === 'dry_run' ? 'dry run: filled, not submitted' : result.reason,
          ...(result.outcome === 'dry_run' || result.outcome === 'form_changed'
            ? {
                filled: result.filled,
                unfilled: result.unfilled,
                ...('screenshotBase64' in result && result.screenshotBase64
                  ? { screenshotBase64: result.screenshotBase64 }
                  : {}),
              }
            : {}),
          submittedToday: await approvals.submittedToday(userId),
        };
      }

      // The approval is marked used (within the daily cap) before anything is sent.
      await approvals.claim(userId, approvalId, cap);
      let result: Awaited<ReturnType<Submitter['submit']>>;
      try {
        result = await submitter.submit(request);
      } catch (err) {
        await approvals.release(approvalId);
        deps.logger.warn({ err, applicationId: app.id }, 'submission failed');
        return {
          ...base,
          outcome: 'failed',
          status: app.status,
          url: app.job.applyUrl ?? app.job.url,
          message: `the submission failed (${(err as Error).message.split('\n')[0]}); nothing was submitted; the package and approval are kept`,
          submittedToday: await approvals.submittedToday(userId),
        };
      }
      if (result.outcome === 'unknown') {
        // It may have been sent: the approval stays used, so it can never be sent twice.
        deps.logger.warn({ applicationId: app.id, approvalId }, 'submission outcome unknown');
        await applications.transition(
          userId,
          app.id,
          app.status,
          `submission outcome unknown: ${result.reason}`,
        );
        return {
          ...base,
          outcome: 'unknown',
          status: app.status,
          url: result.url,
          message: `${result.reason}; if it was sent, mark it applied with track_application`,
          submittedToday: await approvals.submittedToday(userId),
        };
      }
      if (result.outcome === 'form_changed') {
        await approvals.release(approvalId);
        await applications.transition(userId, app.id, app.status, `not submitted: ${result.reason}`);
        return {
          ...base,
          outcome: 'form_changed',
          status: app.status,
          url: result.url,
          message: `${result.reason} (fill_application shows the form as it is now); nothing was submitted`,
          filled: result.filled,
          unfilled: result.unfilled,
          submittedToday: await approvals.submittedToday(userId),
        };
      }
      if (result.outcome !== 'submitted') {
        await approvals.release(approvalId);
        return {
          ...base,
          outcome: result.outcome === 'dry_run' ? 'failed' : result.outcome,
          status: app.status,
          url: result.url,
          message: result.outcome === 'needs_you' ? result.reason : 'the submitter did not submit',
          submittedToday: await approvals.submittedToday(userId),
        };
      }
      const { application } = await applications.transition(
        userId,
        app.id,
        'applied',
        `submitted with approval ${approvalId}`,
      );
      const reminderScheduledFor = await scheduleFollowUp(deps, app.id);
      return {
        ...base,
        outcome: 'submitted',
        status: application.status,
        url: result.url,
        message: result.message,
        submittedToday: await approvals.submittedToday(userId),
        reminderScheduledFor,
      };
    },
    render: (out) =>
      `${OUTCOME_LABELS[out.outcome]}: ${out.message} — ${out.url} (${out.submittedToday}/${out.dailyCap} today)`,
  });
}
