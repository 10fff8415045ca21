import type { Page } from 'playwright-core';
import {
  type FillAction,
  type FillPlan,
  type FillValues,
  type FormField,
  planFill,
  splitName,
} from './form-fields.ts';
import type { ApplicationPackage } from './package.ts';

/** Steps of a single-page multi-step form walked before giving up. */
export const MAX_FORM_STEPS = 8;
/** How long a "Next" click may take to show the next step. */
export const STEP_WAIT_MS = 5000;

// In the page (strings: they run in the browser). `shown` is what a person can see: a file input
// counts when its box does (sites hide the input behind a styled button).
const SHOWN = `const shown = (el) => {
    const box = el.type === 'file' ? el.parentElement : el;
    if (!box || box.getClientRects().length === 0) return false;
    return getComputedStyle(box).visibility !== 'hidden';
  };
  const SKIP = ['hidden', 'submit', 'button', 'reset', 'image'];
  const typeOf = (el) => el.tagName === 'INPUT' ? (el.getAttribute('type') || 'text').toLowerCase() : el.tagName.toLowerCase();`;

/** The visible controls of the form not described yet (numbered from `start`), its buttons, and what stops us. */
const describeStep = (start: number) => `((start) => {
  ${SHOWN}
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
    const name = el.getAttribute('name');
    const all = name && el.form ? el.form.querySelectorAll('input[name="' + CSS.escape(name) + '"]').length : 1;
    // A lone checkbox ("I agree", "willing to relocate") is its own question, even inside a fieldset.
    if (el.type === 'checkbox' && all < 2) return '';
    const group = el.closest('fieldset, [role=radiogroup], [role=group]');
    if (group) {
      const legend = group.querySelector('legend');
      if (legend) return text(legend);
      const by = group.getAttribute('aria-labelledby');
      if (by) return byIds(by);
      if (group.getAttribute('aria-label')) return group.getAttribute('aria-label');
    }
    // No group element (Lever's cards): the text just before the smallest box holding every option.
    if (!name || !el.form || all < 2) return '';
    let box = el.parentElement;
    while (box && box !== el.form && box.querySelectorAll('input[name="' + CSS.escape(name) + '"]').length < all) box = box.parentElement;
    for (let at = box, up = 0; at && at !== el.form && up < 3; at = at.parentElement, up++) {
      if (at.previousElementSibling) return text(at.previousElementSibling);
    }
    return '';
  };
  const captcha = !!document.querySelector('.g-recaptcha, .h-captcha, .cf-turnstile, [data-sitekey], iframe[src*="recaptcha"], iframe[src*="hcaptcha"], iframe[src*="challenges.cloudflare.com"]');
  const password = [...document.querySelectorAll('input[type=password]')].some(shown);
  let form = document.querySelector('[data-jh-form]');
  if (!form) {
    const controls = (f) => f.querySelectorAll('input, select, textarea').length;
    form = [...document.querySelectorAll('form')].sort((a, b) => controls(b) - controls(a))[0];
    if (form) form.setAttribute('data-jh-form', '1');
  }
  if (!form) return { fields: null, captcha, password, next: false, submit: false };
  const fields = [];
  let i = start;
  for (const el of form.querySelectorAll('input, select, textarea')) {
    const type = typeOf(el);
    if (el.hasAttribute('data-jh-field') || SKIP.includes(type) || el.disabled || !shown(el)) continue;
    el.setAttribute('data-jh-field', String(i));
    const choice = type === 'radio' || type === 'checkbox';
    fields.push({
      index: i++, type, name: el.getAttribute('name') || '', id: el.id || '', label: labelOf(el),
      group: choice ? groupOf(el) : '', placeholder: el.getAttribute('placeholder') || '',
      required: el.required || el.getAttribute('aria-required') === 'true',
      options: el.tagName === 'SELECT' ? [...el.options].map((o) => ({ value: o.value, text: text(o) })) : [],
    });
  }
  for (const b of document.querySelectorAll('[data-jh-next], [data-jh-submit]')) {
    b.removeAttribute('data-jh-next');
    b.removeAttribute('data-jh-submit');
  }
  const buttons = [...form.querySelectorAll('button, input[type=submit], input[type=button], [role=button]')].filter(shown);
  const wording = (b) => ((b.tagName === 'INPUT' ? b.value : text(b)) || b.getAttribute('aria-label') || '').trim();
  const NEXT = /^(next|continue|proceed|save (and|&) continue)\\b/i;
  const next = buttons.find((b) => NEXT.test(wording(b)));
  const submits = (b) => b.tagName === 'BUTTON' ? (b.getAttribute('type') || 'submit').toLowerCase() === 'submit' : b.type === 'submit';
  const submit = buttons.find((b) => b !== next && submits(b) && !NEXT.test(wording(b)));
  if (next) next.setAttribute('data-jh-next', '1');
  if (submit) submit.setAttribute('data-jh-submit', '1');
  return { fields, captcha, password, next: !!next, submit: !!submit };
})(${start})`;

/** True once a "Next" click showed something new: new controls, a password box, or no Next any more. */
const STEP_ADVANCED = `(() => {
  ${SHOWN}
  const next = document.querySelector('[data-jh-next]');
  if (!next || !shown(next)) return true;
  if ([...document.querySelectorAll('input[type=password]')].some(shown)) return true;
  const form = document.querySelector('[data-jh-form]');
  if (!form) return true;
  return [...form.querySelectorAll('input, select, textarea')].some(
    (el) => !el.hasAttribute('data-jh-field') && !SKIP.includes(typeOf(el)) && !el.disabled && shown(el),
  );
})()`;

interface Described {
  fields: FormField[] | null;
  captcha: boolean;
  password: boolean;
  next: boolean;
  submit: boolean;
}

export interface FormFillResult {
  outcome: 'filled' | 'needs_you';
  url: string;
  reason?: string;
  plan?: FillPlan;
  /** Every step was filled and the final submit button is showing. */
  complete?: boolean;
  steps?: number;
  screenshotBase64?: string;
}

/** What the page's requests did; the filler's route handler writes it. */
export interface RequestLog {
  /** A request that would have sent data (POST and the like) before the final submit, refused. */
  blockedWrite: string | null;
}

export function fillValues(pkg: ApplicationPackage): FillValues {
  return {
    contact: { ...splitName(pkg.contact.name), email: pkg.contact.email, phone: pkg.contact.phone },
    answers: new Map(pkg.answers.map((a) => [a.key, { question: a.question, answer: a.answer }])),
    coverLetter: pkg.coverLetter.markdown,
    resumePdf: pkg.resume.pdfBase64 ? Buffer.from(pkg.resume.pdfBase64, 'base64') : null,
  };
}

const needsYou = (url: string, reason: string): FormFillResult => ({ outcome: 'needs_you', url, reason });

/** Opens the apply page; a page that cannot hold a form is a "needs you", a dead browser throws. */
async function open(page: Page, url: string): Promise<FormFillResult | null> {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return needsYou(url, `the apply link is not a web address: ${JSON.stringify(url)}`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    return needsYou(url, `the apply link is not a web page (${protocol}); apply there yourself`);
  }
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response && response.status() >= 400) {
      return needsYou(url, `the apply page answered HTTP ${response.status()}`);
    }
    return null;
  } catch (err) {
    const message = (err as Error).message;
    if (/Download is starting/i.test(message)) {
      return needsYou(url, 'the apply link is a file download, not a page with a form');
    }
    if (/ERR_BLOCKED_BY_CLIENT/.test(message)) {
      return needsYou(url, "the apply page's address was refused (only public web addresses are opened)");
    }
    const net = message.match(/net::ERR_[A-Z_]+/);
    if (net) return needsYou(url, `the apply page could not be opened (${net[0]})`);
    throw err;
  }
}

async function act(page: Page, action: FillAction): Promise<void> {
  const control = page.locator(`[data-jh-field="${action.index}"]`);
  if (action.kind === 'fill') await control.fill(action.value);
  else if (action.kind === 'select') await control.selectOption(action.value);
  else if (action.kind === 'check') await control.check();
  else await control.setInputFiles(action.file);
}

/**
 * Fills the form on the apply page step by step: each step's visible fields, then its "Next" or
 * "Continue" button, up to the step that shows the final submit button, which is never clicked
 * here. A CAPTCHA, a sign-in or sign-up step, or a form that sends answers between steps stops it.
 */
export async function fillPage(
  page: Page,
  url: string,
  pkg: ApplicationPackage,
  requests: RequestLog,
): Promise<FormFillResult> {
  const opened = await open(page, url);
  if (opened) return opened;
  const values = fillValues(pkg);
  const plan: FillPlan = { actions: [], unfilled: [] };
  let index = 0;
  let complete = false;
  let reason: string | undefined;
  let step = 1;
  for (; step <= MAX_FORM_STEPS; step++) {
    const described = (await page.evaluate(describeStep(index))) as Described;
    if (described.captcha) return needsYou(url, 'the apply page shows a CAPTCHA');
    if (described.password) {
      return needsYou(
        url,
        step === 1
          ? 'the apply page asks you to log in or create an account'
          : `the application needs an account: step ${step} asks you to sign in or sign up`,
      );
    }
    if (step === 1 && (!described.fields || described.fields.length === 0)) {
      return needsYou(url, 'no application form was found on the page');
    }
    const fields = described.fields ?? [];
    index += fields.length;
    const part = planFill(fields, values);
    for (const action of part.actions) await act(page, action);
    plan.actions.push(...part.actions);
    plan.unfilled.push(...part.unfilled);
    if (!described.next) {
      complete = described.submit;
      if (!complete) reason = 'the form has no submit button';
      break;
    }
    await page.locator('[data-jh-next]').click();
    const advanced = await page
      .waitForFunction(STEP_ADVANCED, undefined, { timeout: STEP_WAIT_MS, polling: 100 })
      .then(
        () => true,
        // A Next that loads another page destroys the context being polled: look at the new page.
        (err: Error) => /context was destroyed|navigat/i.test(err.message),
      );
    if (requests.blockedWrite) {
      return needsYou(
        url,
        `the form sends your answers to the employer at step ${step}, before the final submit; finish it yourself`,
      );
    }
    if (!advanced) {
      reason = `the form did not go past step ${step} (a required answer may be missing)`;
      break;
    }
    await page.waitForLoadState('load');
  }
  if (step > MAX_FORM_STEPS) reason = `the form has more than ${MAX_FORM_STEPS} steps`;
  const screenshot = await page.screenshot({ fullPage: true, type: 'png' });
  return {
    outcome: 'filled',
    url,
    plan,
    complete,
    steps: Math.min(step, MAX_FORM_STEPS),
    ...(reason ? { reason } : {}),
    screenshotBase64: Buffer.from(screenshot).toString('base64'),
  };
}
