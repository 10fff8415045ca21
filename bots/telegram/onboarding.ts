import { eq } from 'drizzle-orm';
import { Composer } from 'grammy';
import { users } from '../../db/schema.ts';
import type { Profile } from '../../tools/profile/profile.ts';
import { ToolInputError } from '../../tools/tool.ts';
import { type BotContext, renderTool, runTool, type TelegramBotDeps } from './context.ts';
import { splitMessage } from './format.ts';
import {
  isStep,
  nextStep,
  parseTyped,
  promptFor,
  REMOTE_CHOICES,
  SALARY_CHOICES,
  type Step,
  suggestRoles,
  TYPE_HINTS,
  ZONE_CHOICES,
} from './onboarding-steps.ts';

// Onboarding after /start: one question per step with inline keyboards, every answer saved at
// once through update_profile and the step kept in users.onboardingStep, so a restart of the
// bot (or a week's pause) continues where the user left off.

type Deps = TelegramBotDeps;

async function setStep(deps: Deps, ctx: BotContext, step: Step | null): Promise<void> {
  await deps.db.update(users).set({ onboardingStep: step }).where(eq(users.id, ctx.userId!));
  ctx.onboardingStep = step;
}

async function roleData(deps: Deps, ctx: BotContext) {
  const [profile, list] = await Promise.all([
    runTool<Profile>(deps, ctx, 'get_profile', {}),
    runTool<{ resumes: Array<{ active: boolean; titles: string[] }> }>(deps, ctx, 'list_resumes', {}),
  ]);
  const titles = list.resumes.find((r) => r.active)?.titles ?? [];
  return { roles: profile.roles, suggestions: suggestRoles(titles) };
}

/** Sends a step's question, after `note` (what the previous answer changed). */
async function ask(deps: Deps, ctx: BotContext, step: Step, note = ''): Promise<void> {
  const data = step === 'roles' ? await roleData(deps, ctx) : { roles: [], suggestions: [] };
  const prompt = promptFor(step, data);
  await ctx.reply(`${note ? `${note}\n\n` : ''}${prompt.text}`, {
    reply_markup: { inline_keyboard: prompt.keyboard },
  });
}

async function finish(deps: Deps, ctx: BotContext, note: string): Promise<void> {
  const profile = await runTool(deps, ctx, 'get_profile', {});
  const text = [
    note,
    '',
    'All set! Your profile:',
    renderTool(deps, 'get_profile', profile),
    '',
    'Send /matches to see your best jobs now. /profile changes any of this; /help shows what else I do.',
  ].join('\n');
  for (const part of splitMessage(text.trim())) await ctx.reply(part);
}

/** Moves past `from`: the next question, or the summary after the last one. */
async function advance(deps: Deps, ctx: BotContext, from: Step, note: string): Promise<void> {
  const next = nextStep(from);
  await setStep(deps, ctx, next);
  if (next) await ask(deps, ctx, next, note);
  else await finish(deps, ctx, note);
}

/** Starts (or restarts) onboarding at the resume step; `intro` goes above the first question. */
export async function beginOnboarding(deps: Deps, ctx: BotContext, intro = ''): Promise<void> {
  await setStep(deps, ctx, 'resume');
  await ask(deps, ctx, 'resume', intro);
}

/** Repeats the current question (e.g. /start while onboarding). */
export async function askCurrent(deps: Deps, ctx: BotContext, note = ''): Promise<boolean> {
  if (!isStep(ctx.onboardingStep)) return false;
  await ask(deps, ctx, ctx.onboardingStep, note);
  return true;
}

/** Called after a resume was stored: during the resume step, onboarding moves on. */
export async function afterResume(deps: Deps, ctx: BotContext, summary: string): Promise<boolean> {
  if (ctx.onboardingStep !== 'resume') return false;
  await advance(deps, ctx, 'resume', `✓ ${summary}`);
  return true;
}

async function save(deps: Deps, ctx: BotContext, patch: Partial<Profile>): Promise<void> {
  await runTool(deps, ctx, 'update_profile', patch);
}

/** The profile change a button stands for, and what to tell the user. */
function buttonPatch(data: string): { step: Step; patch: Partial<Profile>; note: string } | null {
  let m = /^o:remote:(\w+)$/.exec(data);
  if (m && (REMOTE_CHOICES as readonly string[]).includes(m[1]!)) {
    return { step: 'remote', patch: { remote: m[1] as Profile['remote'] }, note: `✓ Remote: ${m[1]}` };
  }
  m = /^o:salary:([A-Z]{3}):(\d{1,9})$/.exec(data);
  if (m && SALARY_CHOICES.some((c) => c.currency === m![1])) {
    const minSalary = { amount: Number(m[2]), currency: m[1]!, period: 'year' as const };
    return {
      step: 'salary',
      patch: { minSalary },
      note: `✓ Minimum salary: ${m[1]} ${minSalary.amount.toLocaleString('en-US')} a year`,
    };
  }
  m = /^o:hour:(\d{1,2})$/.exec(data);
  if (m && Number(m[1]) <= 23) {
    const hour = Number(m[1]);
    return {
      step: 'hour',
      patch: { digestHour: hour },
      note: `✓ Digest at ${String(hour).padStart(2, '0')}:00`,
    };
  }
  m = /^o:tz:(\d{1,2})$/.exec(data);
  const zone = m ? ZONE_CHOICES[Number(m[1])] : undefined;
  if (zone) return { step: 'timezone', patch: { timeZone: zone }, note: `✓ Time zone: ${zone}` };
  return null;
}

const TYPED_NOTES: Record<Exclude<Step, 'resume'>, (p: Partial<Profile>) => string> = {
  roles: (p) => `✓ Roles: ${p.roles!.join(', ')}`,
  locations: (p) => `✓ Locations: ${p.locations!.join(', ')}`,
  remote: (p) => `✓ Remote: ${p.remote}`,
  salary: (p) =>
    `✓ Minimum salary: ${p.minSalary!.currency} ${p.minSalary!.amount.toLocaleString('en-US')} a ${p.minSalary!.period}`,
  hour: (p) => `✓ Digest at ${String(p.digestHour).padStart(2, '0')}:00`,
  timezone: (p) => `✓ Time zone: ${p.timeZone}`,
};

export function onboardingComposer(deps: Deps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const stale = (ctx: BotContext) =>
    ctx.answerCallbackQuery({ text: 'That question was already answered. /profile starts setup again.' });
  // The answered question's buttons go away, so old taps cannot land on a later step.
  const clearButtons = (ctx: BotContext) =>
    ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => {});

  c.callbackQuery('o:restart', async (ctx) => {
    await ctx.answerCallbackQuery();
    await beginOnboarding(deps, ctx, "Let's go through your setup again.");
  });

  c.callbackQuery(/^o:skip:(\w+)$/, async (ctx) => {
    const step = ctx.match[1];
    if (!isStep(step) || step !== ctx.onboardingStep) return stale(ctx);
    await ctx.answerCallbackQuery({ text: 'Skipped' });
    await clearButtons(ctx);
    await advance(deps, ctx, step, '⏭ Skipped.');
  });

  c.callbackQuery(/^o:type:(\w+)$/, async (ctx) => {
    const step = ctx.match[1];
    if (!isStep(step) || step !== ctx.onboardingStep) return stale(ctx);
    const hint = TYPE_HINTS[step] ?? 'Type your answer as a message.';
    await ctx.answerCallbackQuery({ text: hint });
    await ctx.reply(hint);
  });

  c.callbackQuery(/^o:role:(\d{1,2})$/, async (ctx) => {
    if (ctx.onboardingStep !== 'roles') return stale(ctx);
    const data = await roleData(deps, ctx);
    const role = data.suggestions[Number(ctx.match[1])];
    if (!role) return stale(ctx);
    const has = data.roles.some((r) => r.toLowerCase() === role.toLowerCase());
    const roles = has
      ? data.roles.filter((r) => r.toLowerCase() !== role.toLowerCase())
      : [...data.roles, role];
    await save(deps, ctx, { roles });
    await ctx.answerCallbackQuery({ text: has ? `Dropped ${role}` : `Picked ${role}` });
    const prompt = promptFor('roles', { ...data, roles });
    await ctx.editMessageText(prompt.text, { reply_markup: { inline_keyboard: prompt.keyboard } });
  });

  c.callbackQuery('o:roles:done', async (ctx) => {
    if (ctx.onboardingStep !== 'roles') return stale(ctx);
    const { roles } = await runTool<Profile>(deps, ctx, 'get_profile', {});
    await ctx.answerCallbackQuery();
    await clearButtons(ctx);
    await advance(deps, ctx, 'roles', roles.length ? `✓ Roles: ${roles.join(', ')}` : '✓ Any role.');
  });

  c.callbackQuery(/^o:/, async (ctx) => {
    const choice = buttonPatch(ctx.callbackQuery.data);
    if (!choice || choice.step !== ctx.onboardingStep) return stale(ctx);
    await save(deps, ctx, choice.patch);
    await ctx.answerCallbackQuery({ text: 'Saved' });
    await clearButtons(ctx);
    await advance(deps, ctx, choice.step, choice.note);
  });

  // While a question is open, a typed message answers it (commands still work).
  c.on('message:text', async (ctx, next) => {
    const step = ctx.onboardingStep;
    if (!isStep(step) || ctx.message.text.startsWith('/')) return next();
    if (step === 'resume') {
      try {
        const out = await runTool(deps, ctx, 'upload_resume', { text: ctx.message.text });
        await afterResume(deps, ctx, renderTool(deps, 'upload_resume', out));
      } catch (error) {
        if (!(error instanceof ToolInputError)) throw error;
        await ctx.reply(
          `${error.message}\n\nPaste your resume again, send it as a PDF or DOCX, or tap Skip.`,
        );
      }
      return;
    }
    const parsed = parseTyped(step, ctx.message.text);
    if ('error' in parsed) {
      await ctx.reply(parsed.error);
      return;
    }
    try {
      await save(deps, ctx, parsed.patch);
    } catch (error) {
      if (!(error instanceof ToolInputError)) throw error;
      await ctx.reply(error.message);
      return;
    }
    await advance(deps, ctx, step, TYPED_NOTES[step](parsed.patch));
  });

  return c;
}
