import { type Browser, chromium, type Page, type Route } from 'playwright-core';
import type { Logger } from '../../config/logger.ts';
import { CHROMIUM_ARGS } from '../crawl/browser-pool.ts';
import { hashFormFill, shownValues } from './form-fields.ts';
import { type FormFillResult, fillPage, type RequestLog } from './form-page.ts';
import type { ApplicationPackage } from './package.ts';
import type { SubmitOutcome, SubmitRequest, Submitter } from './submitter.ts';

export type { FormFillResult } from './form-page.ts';

export interface FormFillerOptions {
  /** The Chromium to launch (ignored when `launch` is given). */
  executablePath?: string;
  /** Opens the browser (a remote CDP endpoint, or a test's own); default: launch `executablePath`. */
  launch?: () => Promise<Browser>;
  logger: Pick<Logger, 'debug' | 'warn'>;
  /** Checked for every request the page makes (after `rewrite`); a rejection aborts it (SSRF guard). */
  guard?: (url: string) => Promise<void>;
  /** Maps a public URL to the one actually requested (SOURCE_BASE_URL), as the crawler's fetcher does. */
  rewrite?: (url: string) => string;
  timeoutMs?: number;
}

/** A filled form with the hash of its filled values. */
export type FilledForm = FormFillResult & { filledHash?: string };

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** How long the site may take to answer the final submit. */
const SUBMIT_ANSWER_MS = 20_000;

/**
 * Fills application forms with playwright-core: opens the apply page, maps the form's fields to the
 * package step by step, and screenshots the result. Until the final submit is clicked (only when
 * asked to submit, after the approval gate) every request that would send data is refused, so
 * neither a fill nor a multi-step form's "Next" can send anything to the employer.
 */
export function createFormFiller(options: FormFillerOptions) {
  const timeout = options.timeoutMs ?? 20_000;
  const launch =
    options.launch ??
    (() => {
      if (!options.executablePath) throw new Error('the form filler needs a Chromium executable path');
      return chromium.launch({
        executablePath: options.executablePath,
        args: CHROMIUM_ARGS,
        timeout: 30_000,
      });
    });

  async function route(r: Route, log: RequestLog & { writesAllowed: boolean }): Promise<void> {
    const request = r.request();
    const type = request.resourceType();
    if (type === 'image' || type === 'font' || type === 'media') return r.abort('blockedbyclient');
    const url = request.url();
    const target = options.rewrite && /^https?:/i.test(url) ? options.rewrite(url) : url;
    try {
      await options.guard?.(target);
    } catch {
      return r.abort('blockedbyclient');
    }
    if (!READS.has(request.method()) && !log.writesAllowed) {
      log.blockedWrite = url;
      options.logger.debug({ url, method: request.method() }, 'write refused before the final submit');
      return r.abort('blockedbyclient');
    }
    if (target === url) return r.continue();
    // The browser follows a redirect itself: a relative Location comes back here and is rewritten.
    const response = await r.fetch({ url: target, maxRedirects: 0, timeout });
    return r.fulfill({ response });
  }

  async function withPage<T>(fn: (page: Page, log: RequestLog & { writesAllowed: boolean }) => Promise<T>) {
    const browser = await launch();
    try {
      const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: false });
      const page = await context.newPage();
      page.setDefaultTimeout(timeout);
      const log = { blockedWrite: null as string | null, writesAllowed: false };
      await page.route('**/*', (r) =>
        route(r, log).catch(async (err: Error) => {
          options.logger.debug({ url: r.request().url(), err: err.message }, 'browser request dropped');
          await r.abort('failed').catch(() => undefined);
        }),
      );
      return await fn(page, log);
    } finally {
      await browser.close().catch(() => undefined);
    }
  }

  async function fillOn(page: Page, url: string, pkg: ApplicationPackage, log: RequestLog) {
    const result: FilledForm = await fillPage(page, url, pkg, log);
    if (result.plan) result.filledHash = hashFormFill(result.plan);
    return result;
  }

  /** Clicks the final submit and reads the site's answer; from the click on, it may have been sent. */
  async function clickSubmit(
    page: Page,
    url: string,
    log: { writesAllowed: boolean },
  ): Promise<SubmitOutcome> {
    try {
      // A form posts itself or is posted by script (Ashby): either way a POST answers.
      const answered = page.waitForResponse((r) => !READS.has(r.request().method()), {
        timeout: SUBMIT_ANSWER_MS,
      });
      answered.catch(() => undefined); // awaited below; a failed click must not leave it unhandled
      log.writesAllowed = true;
      await page.locator('[data-jh-submit]').click();
      const answer = await answered;
      if (answer.status() >= 400) {
        return {
          outcome: 'needs_you',
          url,
          reason: `the employer's site refused the form (HTTP ${answer.status()})`,
        };
      }
      return { outcome: 'submitted', url, message: `the form was sent (HTTP ${answer.status()})` };
    } catch (err) {
      return {
        outcome: 'unknown',
        url,
        reason: `submit was clicked but the site gave no answer (${(err as Error).message.split('\n')[0]}): check the page before doing anything else`,
      };
    }
  }

  return {
    /** Fills the form and screenshots it; never submits. */
    fill(url: string, pkg: ApplicationPackage): Promise<FilledForm> {
      return withPage((page, log) => fillOn(page, url, pkg, log));
    },

    /**
     * The Submitter for submit_application: fills the live form, refuses when its filled values
     * differ from the approved ones, and clicks the final submit only when every required field
     * has a value (never in a dry run).
     */
    submitter(): Submitter {
      return {
        submit: (request: SubmitRequest): Promise<SubmitOutcome> =>
          withPage(async (page, log) => {
            const url = request.job.applyUrl ?? request.job.url;
            const result = await fillOn(page, url, request.package, log);
            if (result.outcome === 'needs_you') return { outcome: 'needs_you', url, reason: result.reason! };
            const plan = result.plan!;
            const filled = shownValues(plan);
            const unfilled = plan.unfilled.map((u) => u.field);
            if (request.approvedFilledHash && result.filledHash !== request.approvedFilledHash) {
              return {
                outcome: 'form_changed',
                url,
                reason: 'the form changed since you approved it; review and approve again',
                filled,
                unfilled,
              };
            }
            if (request.dryRun) {
              return {
                outcome: 'dry_run',
                url,
                filled,
                unfilled,
                screenshotBase64: result.screenshotBase64!,
              };
            }
            const missing = plan.unfilled.filter((u) => u.required).map((u) => u.field);
            if (missing.length > 0) {
              return {
                outcome: 'needs_you',
                url,
                reason: `required fields without an answer: ${missing.join('; ')}`,
              };
            }
            if (!result.complete) {
              return { outcome: 'needs_you', url, reason: result.reason ?? 'the final step was not reached' };
            }
            return clickSubmit(page, url, log);
          }),
      };
    },
  };
}

export type FormFiller = ReturnType<typeof createFormFiller>;
