import { z } from 'zod';
import type { Config } from '../../config/config.ts';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import { findChromium } from '../crawl/browser-pool.ts';
import { isUnderBase, rewriteToBase } from '../crawl/source-rewrite.ts';
import { createSsrfGuard } from '../crawl/ssrf-guard.ts';
import { defineTool, ToolInputError } from '../tool.ts';
import { createApprovalStore } from './approvals.ts';
import { shownValues } from './form-fields.ts';
import { createFormFiller, type FormFiller } from './form-filler.ts';
import { approvalHash, type FormSnapshot, HOW_TO_APPROVE, hashFilledValues, readPackage } from './package.ts';
import { createApplicationStore } from './store.ts';

/**
 * The form filler of this process: real Chromium when one is installed, else null. Like the
 * crawler's fetcher, it sends provider URLs (boards.greenhouse.io, jobs.lever.co, ...) to
 * SOURCE_BASE_URL when that is set, and guards every request against private addresses.
 */
export function formFillerFromConfig(
  config: Config,
  logger: Logger,
  executablePath = findChromium(config as unknown as Record<string, string | undefined>),
): FormFiller | null {
  if (!executablePath) return null;
  const guard = createSsrfGuard({ allowHosts: config.CRAWL_ALLOW_HOSTS });
  const base = config.SOURCE_BASE_URL;
  const rewrite = base
    ? (url: string) => (isUnderBase(url, base) ? url : rewriteToBase(url, base))
    : undefined;
  return createFormFiller({
    executablePath,
    logger: logger.child({ component: 'form-filler' }),
    guard: (url) => guard.check(url),
    ...(rewrite ? { rewrite } : {}),
  });
}

export function createFillApplicationTool(deps: {
  db: Database;
  config: Config;
  logger: Logger;
  /** Tests pass their own; default: from config (null without Chromium). */
  formFiller?: FormFiller | null;
}) {
  const applications = createApplicationStore(deps.db);
  const approvals = createApprovalStore(deps.db);
  // Resolved on first use: building the registry touches no dependency.
  let resolved = false;
  let filler: FormFiller | null = null;
  const fillerOf = (): FormFiller | null => {
    if (!resolved) {
      filler =
        deps.formFiller !== undefined ? deps.formFiller : formFillerFromConfig(deps.config, deps.logger);
      resolved = true;
    }
    return filler;
  };
  return defineTool({
    id: 'fill_application',
    title: 'Fill an application form (never submits)',
    description:
      "Opens the job's apply page in a browser, fills its form from the prepared package (contact details from your resume, your stored answers, the tailored resume PDF, the cover letter), step by step through a multi-step form, and returns a screenshot, the filled fields with their values and the fields it could not fill. It never clicks submit and sends nothing. For a ready application it returns the approval id for exactly this filled form: show it to the person, who approves it themselves. A login wall, sign-up step or CAPTCHA returns needs_you with the URL; a browser failure returns failed. The package is kept either way.",
    inputSchema: z.object({ applicationId: z.string().uuid().describe('a prepared application') }),
    outputSchema: z.object({
      applicationId: z.string(),
      outcome: z.enum(['filled', 'needs_you', 'failed']),
      url: z.string(),
      reason: z.string().optional(),
      filled: z.array(z.object({ field: z.string(), value: z.string() })),
      unfilled: z.array(z.object({ field: z.string(), required: z.boolean() })),
      steps: z.number().optional(),
      screenshotBase64: z.string().optional(),
      approvalId: z
        .string()
        .nullable()
        .describe('when ready: the approval for exactly this filled form, for the person to give'),
      approvalExpiresAt: z.string().nullable(),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async execute({ applicationId }, context) {
      const app = await applications.require(context.userId, applicationId);
      const pkg = readPackage(app.package);
      if (!pkg) {
        throw new ToolInputError(
          `application ${app.id} has no package yet: run prepare_application first`,
          'applicationId',
        );
      }
      const formFiller = fillerOf();
      if (!formFiller)
        throw new ToolInputError('form filling needs Chromium: set CHROMIUM_PATH', 'applicationId');
      const url = app.job.applyUrl ?? app.job.url;
      const none = { approvalId: null, approvalExpiresAt: null, filled: [], unfilled: [] };
      let result: Awaited<ReturnType<FormFiller['fill']>>;
      try {
        result = await formFiller.fill(url, pkg);
      } catch (err) {
        deps.logger.warn({ err, applicationId: app.id }, 'form filling failed');
        const why = (err as Error).message.split('\n')[0];
        return {
          ...none,
          applicationId: app.id,
          outcome: 'failed' as const,
          url,
          reason: `the browser stopped while filling the form (${why}); nothing was submitted and the package is kept`,
        };
      }
      if (result.outcome === 'needs_you' || !result.plan || !result.filledHash) {
        return { ...none, applicationId: app.id, outcome: 'needs_you' as const, url, reason: result.reason! };
      }
      // What the person reviews now is what an approval binds to, and what submission re-checks.
      const packageHash = hashFilledValues(app.id, pkg);
      const form: FormSnapshot = {
        url,
        filled: shownValues(result.plan),
        unfilled: result.plan.unfilled,
        filledHash: result.filledHash,
        packageHash,
        filledAt: new Date().toISOString(),
      };
      // A sent (or closed) application keeps its package as it was.
      const open = app.status === 'preparing' || app.status === 'ready';
      const stored = open && (await applications.setForm(context.userId, app.id, pkg.valuesHash, form));
      const approval =
        stored && app.status === 'ready'
          ? await approvals.request(context.userId, app.id, approvalHash(app.id, { ...pkg, form }))
          : null;
      return {
        applicationId: app.id,
        outcome: 'filled' as const,
        url: result.url,
        ...(result.reason ? { reason: result.reason } : {}),
        filled: form.filled,
        unfilled: form.unfilled,
        ...(result.steps ? { steps: result.steps } : {}),
        ...(result.screenshotBase64 ? { screenshotBase64: result.screenshotBase64 } : {}),
        approvalId: approval?.id ?? null,
        approvalExpiresAt: approval?.expiresAt.toISOString() ?? null,
      };
    },
    render: (out) =>
      out.outcome !== 'filled'
        ? `${out.outcome === 'failed' ? 'Failed' : 'Needs you'}: ${out.reason} — ${out.url}`
        : [
            `Filled ${out.filled.length} fields at ${out.url} (not submitted):`,
            ...out.filled.map(
              (f) => `- ${f.field}: ${f.value.length > 80 ? `${f.value.slice(0, 77)}...` : f.value}`,
            ),
            ...(out.unfilled.length
              ? [
                  'Could not fill:',
                  ...out.unfilled.map((u) => `- ${u.field}${u.required ? ' (required)' : ''}`),
                ]
              : []),
            ...(out.reason ? [`Note: ${out.reason}`] : []),
            ...(out.approvalId
              ? [
                  `Waiting for your approval ${out.approvalId} of exactly this form. Nothing was sent.`,
                  HOW_TO_APPROVE,
                ]
              : []),
          ].join('\n'),
  });
}
