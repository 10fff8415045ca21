import { z } from 'zod';
import type { Config } from '../../config/config.ts';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import { findChromium } from '../crawl/browser-pool.ts';
import { createSsrfGuard } from '../crawl/ssrf-guard.ts';
import { defineTool, ToolInputError } from '../tool.ts';
import { createFormFiller, type FormFiller } from './form-filler.ts';
import { readPackage } from './package.ts';
import { createApplicationStore } from './store.ts';

/** The form filler of this process: real Chromium when one is installed, else null. */
export function formFillerFromConfig(config: Config, logger: Logger): FormFiller | null {
  const executablePath = findChromium(config as unknown as Record<string, string | undefined>);
  if (!executablePath) return null;
  const guard = createSsrfGuard({ allowHosts: config.CRAWL_ALLOW_HOSTS });
  return createFormFiller({
    executablePath,
    logger: logger.child({ component: 'form-filler' }),
    guard: (url) => guard.check(url),
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
      "Opens the job's apply page in a browser, fills its form from the prepared package (contact details from your resume, your stored answers, the tailored resume PDF, the cover letter) and returns a screenshot, the filled fields with their values and the fields it could not fill. It never clicks submit. A login wall or CAPTCHA returns needs_you with the URL.",
    inputSchema: z.object({ applicationId: z.string().uuid().describe('a prepared application') }),
    outputSchema: z.object({
      applicationId: z.string(),
      outcome: z.enum(['filled', 'needs_you']),
      url: z.string(),
      reason: z.string().optional(),
      filled: z.array(z.object({ field: z.string(), value: z.string() })),
      unfilled: z.array(z.object({ field: z.string(), required: z.boolean() })),
      screenshotBase64: z.string().optional(),
    }),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
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
      const result = await formFiller.fill(url, pkg);
      const plan = result.plan ?? { actions: [], unfilled: [] };
      return {
        applicationId: app.id,
        outcome: result.outcome,
        url: result.url,
        ...(result.reason ? { reason: result.reason } : {}),
        filled: plan.actions.map((a) => ({ field: a.field, value: a.kind === 'select' ? a.shown : a.value })),
        unfilled: plan.unfilled,
        ...(result.screenshotBase64 ? { screenshotBase64: result.screenshotBase64 } : {}),
      };
    },
    render: (out) =>
      out.outcome === 'needs_you'
        ? `Needs you: ${out.reason} — ${out.url}`
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
          ].join('\n'),
  });
}
