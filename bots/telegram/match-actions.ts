import { and, eq } from 'drizzle-orm';
import { Composer } from 'grammy';
import { matches } from '../../db/schema.ts';
import type { JobView } from '../../tools/jobs/job-view.ts';
import type { Profile } from '../../tools/profile/profile.ts';
import { NotFoundError, ToolInputError } from '../../tools/tool.ts';
import { type BotContext, renderTool, replyHtml, runTool, type TelegramBotDeps } from './context.ts';
import { escapeHtml } from './format.ts';
import { approvalButtons, type MatchAction, parseMatchCallback } from './keyboards.ts';

// The buttons under a match: 👍 / 👎, Why?, Review my resume, Prepare application, Hide company.
// A button for a job or match that is gone gets a short answer.

const GONE = 'That match is no longer there.';

interface Prepared {
  applicationId: string;
  status: string;
  answers: Array<{ question: string; answer: string }>;
  questionsToAsk: Array<{ question: string }>;
  gaps: unknown;
  approvalId: string | null;
  approvalExpiresAt: string | null;
}

/** The package summary shown after "Prepare application" (HTML; every field escaped). */
export function renderPackage(job: Pick<JobView, 'title' | 'company'>, out: Prepared): string {
  const lines = [
    `<b>Application: ${escapeHtml(job.title)} — ${escapeHtml(job.company)}</b>`,
    `Status: ${escapeHtml(out.status)}`,
    'Tailored resume and cover letter: prepared.',
  ];
  if (out.answers.length) {
    lines.push('', '<b>Answers from what you stored</b>');
    for (const a of out.answers) lines.push(`• ${escapeHtml(a.question)}: ${escapeHtml(a.answer)}`);
  }
  if (out.questionsToAsk.length) {
    lines.push('', '<b>Questions I need you to answer (never guessed)</b>');
    for (const q of out.questionsToAsk) lines.push(`• ${escapeHtml(q.question)}`);
    lines.push(
      '',
      'Tell me the answers here (e.g. “my notice period is one month”), then tap Prepare application again.',
    );
  }
  if (out.approvalId) {
    lines.push(
      '',
      `Ready for your approval until ${escapeHtml(out.approvalExpiresAt ?? '')}. Nothing is sent before you tap Approve &amp; submit.`,
    );
  }
  return lines.join('\n');
}

export function matchActionsComposer(deps: TelegramBotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  /** The job, or null after answering the button when it is gone. */
  async function jobOf(ctx: BotContext, jobId: string): Promise<JobView | null> {
    try {
      return await runTool<JobView>(deps, ctx, 'get_job', { jobId });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      await ctx.answerCallbackQuery({ text: GONE });
      return null;
    }
  }

  async function feedback(ctx: BotContext, jobId: string, value: 1 | -1): Promise<void> {
    const updated = await deps.db
      .update(matches)
      .set({ feedback: value })
      .where(and(eq(matches.userId, ctx.userId!), eq(matches.jobId, jobId)))
      .returning({ jobId: matches.jobId });
    const text = value > 0 ? 'Noted: more like this.' : 'Noted: fewer like this.';
    await ctx.answerCallbackQuery({ text: updated.length === 0 ? GONE : text });
  }

  async function why(ctx: BotContext, jobId: string): Promise<void> {
    let out: unknown;
    try {
      out = await runTool(deps, ctx, 'explain_match', { jobId });
    } catch (error) {
      if (!(error instanceof ToolInputError)) throw error;
      await ctx.answerCallbackQuery({ text: GONE });
      return;
    }
    await ctx.answerCallbackQuery();
    await replyHtml(ctx, 'Why this match', renderTool(deps, 'explain_match', out));
  }

  async function review(ctx: BotContext, jobId: string): Promise<void> {
    const job = await jobOf(ctx, jobId);
    if (!job) return;
    await ctx.answerCallbackQuery({ text: 'Reviewing your resume…' });
    const out = await runTool(deps, ctx, 'ats_review', { jobId });
    await replyHtml(ctx, `Resume review: ${job.title} — ${job.company}`, renderTool(deps, 'ats_review', out));
  }

  async function prepare(ctx: BotContext, jobId: string): Promise<void> {
    const job = await jobOf(ctx, jobId);
    if (!job) return;
    await ctx.answerCallbackQuery({ text: 'Preparing the application…' });
    await ctx.replyWithChatAction('typing').catch(() => {});
    const out = await runTool<Prepared>(deps, ctx, 'prepare_application', { jobId });
    await ctx.reply(renderPackage(job, out), {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(out.approvalId
        ? { reply_markup: { inline_keyboard: [approvalButtons(out.approvalId, out.applicationId)] } }
        : {}),
    });
  }

  async function hide(ctx: BotContext, jobId: string): Promise<void> {
    const job = await jobOf(ctx, jobId);
    if (!job) return;
    const { excludedCompanies } = await runTool<Profile>(deps, ctx, 'get_profile', {});
    const known = excludedCompanies.some((c) => c.toLowerCase() === job.company.toLowerCase());
    if (!known) {
      await runTool(deps, ctx, 'update_profile', { excludedCompanies: [...excludedCompanies, job.company] });
    }
    await ctx.answerCallbackQuery({ text: `Hidden: ${job.company.slice(0, 150)}` });
    await ctx.reply(
      known
        ? `${job.company} was already hidden.`
        : `Done: jobs from ${job.company} will not show up in your matches or digest any more. /profile lists hidden companies.`,
    );
  }

  const handlers: Record<MatchAction, (ctx: BotContext, jobId: string) => Promise<void>> = {
    up: (ctx, jobId) => feedback(ctx, jobId, 1),
    down: (ctx, jobId) => feedback(ctx, jobId, -1),
    why,
    review,
    prep: prepare,
    hide,
  };

  c.callbackQuery(/^m:/, async (ctx) => {
    const parsed = parseMatchCallback(ctx.callbackQuery.data);
    if (!parsed) {
      await ctx.answerCallbackQuery({ text: 'That button is out of date.' });
      return;
    }
    await handlers[parsed.action](ctx, parsed.jobId);
  });

  return c;
}
