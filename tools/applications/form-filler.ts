import { type Browser, chromium, type Page } from 'playwright-core';
import type { Logger } from '../../config/logger.ts';
import { CHROMIUM_ARGS } from '../crawl/browser-pool.ts';
import { type FillPlan, type FormField, planFill, splitName } from './form-fields.ts';
import type { ApplicationPackage } from './package.ts';
import type { SubmitOutcome, SubmitRequest, Submitter } from './submitter.ts';

/** In the page (a string: it runs in the browser): the form with the most controls, described. */
const DESCRIBE_FORM = `(() => {
  const text = (el) => (el ? el.textContent.replace(/\\s+/g, ' ').trim() : '');
  const byIds = (ids) => ids.split(/\\s+/).map((id) => text(document.getElementById(id))).filter(Boolean).join(' ');
  const labelOf = (el) => {
    const parts = [];
    if (el.labels) for (const l of el.labels) parts.push(text(l));
    const by = el.getAttribute('aria-labelledby');
    if (by) parts.push(byIds(by));
    if (el.getAttribute('aria-label')) parts.push(el.getAttribute('aria-label'));
    // A label beside the control that names no control (Greenhouse's file fields).
    const prev = el.previousElementSibling;
    if (parts.length === 0 && prev && prev.tagName === 'LABEL' && !prev.htmlFor) parts.push(text(prev));
    return parts.filter(Boolean).join(' ');
  };
  const groupOf = (el) => {
    const group = el.closest('fieldset, [role=radiogroup], [role=group]');
    if (group) {
      const legend = group.querySelector('legend');
      if (legend) return text(legend);
      const by = group.getAttribute('aria-labelledby');
      if (by) return byIds(by);
      if (group.getAttribute('aria-label')) return group.getAttribute('aria-label');
    }
    // No group element (Lever's cards): the text just before the smallest box holding every option.
    const name = el.getAttribute('name');
    if (!name || !el.form) return '';
    const all = el.form.querySelectorAll('input[name="' + CSS.escape(name) + '"]').length;
    if (all < 2) return '';
    let box = el.parentElement;
    while (box && box !== el.form && box.querySelectorAll('input[name="' + CSS.escape(name) + '"]').length < all) box = box.parentElement;
    for (let at = box, up = 0; at && at !== el.form && up < 3; at = at.parentElement, up++) {
      if (at.previousElementSibling) return text(at.previousElementSibling);
    }
    return '';
  };
  const captcha = !!document.querySelector('.g-recaptcha, .h-captcha, .cf-turnstile, [data-sitekey], iframe[src*="recaptcha"], iframe[src*="hcaptcha"], iframe[src*="challenges.cloudflare.com"]');
  const password = !!document.querySelector('input[type=password]');
  const forms = [...document.querySelectorAll('form')];
  const controls = (f) => f.querySelectorAll('input, select, textarea').length;
  const form = forms.sort((a, b) => controls(b) - controls(a))[0];
  if (!form) return { fields: null, captcha, password };
  form.setAttribute('data-jh-form', '1');
  const fields = [];
  let i = 0;
  for (const el of form.querySelectorAll('input, select, textarea')) {
    const tag = el.tagName.toLowerCase();
    const type = tag === 'input' ? (el.getAttribute('type') || 'text').toLowerCase() : tag;
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
    el.setAttribute('data-jh-field', String(i));
    const choice = type === 'radio' || type === 'checkbox';
    fields.push({
      index: i++, type, name: el.getAttribute('name') || '', id: el.id || '', label: labelOf(el),
      group: choice ? groupOf(el) : '', placeholder: el.getAttribute('placeholder') || '',
      required: el.required || el.getAttribute('aria-required') === 'true',
      options: tag === 'select' ? [...el.options].map((o) => ({ value: o.value, text: text(o) })) : [],
    });
  }
  return { fields, captcha, password };
})()`;

interface Described {
  fields: FormField[] | null;
  captcha: boolean;
  password: boolean;
}

export interface FormFillResult {
  outcome: 'filled' | 'needs_you';
  url: string;
  reason?: string;
  plan?: FillPlan;
  screenshotBase64?: string;
}

export interface FormFillerOptions {
  executablePath: string;
  logger: Pick<Logger, 'debug' | 'warn'>;
  /** Checked for every request the page makes; a rejection aborts it (SSRF guard). */
  guard?: (url: string) => Promise<void>;
  timeoutMs?: number;
}

function fillValues(pkg: ApplicationPackage) {
  return {
    contact: { ...splitName(pkg.contact.name), email: pkg.contact.email, phone: pkg.contact.phone },
    answers: new Map(pkg.answers.map((a) => [a.key, { question: a.question, answer: a.answer }])),
    coverLetter: pkg.coverLetter.markdown,
    resumePdf: pkg.resume.pdfBase64 ? Buffer.from(pkg.resume.pdfBase64, 'base64') : null,
  };
}

/**
 * Fills application forms with playwright-core: opens the apply page, maps the form's fields to
 * the package, fills them and screenshots the result. It clicks submit only when asked to submit
 * (after the approval gate) and every required field was filled; a login wall or CAPTCHA stops it.
 */
export function createFormFiller(options: FormFillerOptions) {
  const timeout = options.timeoutMs ?? 20_000;

  async function withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const browser: Browser = await chromium.launch({
      executablePath: options.executablePath,
      args: CHROMIUM_ARGS,
      timeout: 30_000,
    });
    try {
      const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: false });
      const page = await context.newPage();
      page.setDefaultTimeout(timeout);
      await page.route('**/*', async (route) => {
        const type = route.request().resourceType();
        if (type === 'image' || type === 'font' || type === 'media') return route.abort('blockedbyclient');
        try {
          await options.guard?.(route.request().url());
        } catch {
          return route.abort('blockedbyclient');
        }
        return route.continue();
      });
      return await fn(page);
    } finally {
      await browser.close().catch(() => undefined);
    }
  }

  async function fillOn(page: Page, url: string, pkg: ApplicationPackage): Promise<FormFillResult> {
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response && response.status() >= 400) {
      return { outcome: 'needs_you', url, reason: `the apply page answered HTTP ${response.status()}` };
    }
    const described = (await page.evaluate(DESCRIBE_FORM)) as Described;
    if (described.captcha) return { outcome: 'needs_you', url, reason: 'the apply page shows a CAPTCHA' };
    if (described.password) {
      return { outcome: 'needs_you', url, reason: 'the apply page asks you to log in or create an account' };
    }
    if (!described.fields || described.fields.length === 0) {
      return { outcome: 'needs_you', url, reason: 'no application form was found on the page' };
    }
    const plan = planFill(described.fields, fillValues(pkg));
    for (const action of plan.actions) {
      const control = page.locator(`[data-jh-field="${action.index}"]`);
      if (action.kind === 'fill') await control.fill(action.value);
      else if (action.kind === 'select') await control.selectOption(action.value);
      else if (action.kind === 'check') await control.check();
      else await control.setInputFiles(action.file);
    }
    const screenshot = await page.screenshot({ fullPage: true, type: 'png' });
    return { outcome: 'filled', url, plan, screenshotBase64: Buffer.from(screenshot).toString('base64') };
  }

  return {
    /** Fills the form and screenshots it; never submits. */
    fill(url: string, pkg: ApplicationPackage): Promise<FormFillResult> {
      return withPage((page) => fillOn(page, url, pkg));
    },

    /** The Submitter for submit_application: a dry run fills only; otherwise submits when complete. */
    submitter(): Submitter {
      return {
        submit: (request: SubmitRequest): Promise<SubmitOutcome> =>
          withPage(async (page) => {
            const url = request.job.applyUrl ?? request.job.url;
            const result = await fillOn(page, url, request.package);
            if (result.outcome === 'needs_you') return { outcome: 'needs_you', url, reason: result.reason! };
            const plan = result.plan!;
            const filled = plan.actions.map((a) => ({
              field: a.field,
              value: a.kind === 'select' ? a.shown : a.value,
            }));
            const unfilled = plan.unfilled.map((u) => u.field);
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
            const button = page
              .locator(
                '[data-jh-form] button[type=submit], [data-jh-form] input[type=submit], [data-jh-form] button:not([type])',
              )
              .first();
            if ((await button.count()) === 0)
              return { outcome: 'needs_you', url, reason: 'the form has no submit button' };
            // A form posts itself or is posted by script (Ashby): either way a POST answers.
            const answered = page.waitForResponse((r) => r.request().method() === 'POST');
            await button.click();
            const answer = await answered.catch(() => null);
            if (!answer) {
              return {
                outcome: 'unknown',
                url,
                reason:
                  'submit was clicked but the site gave no answer: check the page before doing anything else',
              };
            }
            if (answer.status() >= 400) {
              return {
                outcome: 'needs_you',
                url,
                reason: `the employer's site refused the form (HTTP ${answer.status()})`,
              };
            }
            return { outcome: 'submitted', url, message: `the form was sent (HTTP ${answer.status()})` };
          }),
      };
    },
  };
}

export type FormFiller = ReturnType<typeof createFormFiller>;
