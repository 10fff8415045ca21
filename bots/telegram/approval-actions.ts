import { Composer, InputFile } from 'grammy';
import { type BotContext, renderTool, replyHtml, runTool, type TelegramBotDeps } from './context.ts';
import { APPROVE_CALLBACK, DRY_RUN_CALLBACK } from './keyboards.ts';

// The buttons under a ready application package. "Approve & submit" is the person's own tap in
// their own chat: it records the approval of that exact package (approve_application, channel
// telegram) and then submits with it. Nothing else in the bot approves anything.

export function approvalActionsComposer(deps: TelegramBotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const removeButtons = (ctx: BotContext) =>
    ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => {});

  c.callbackQuery(APPROVE_CALLBACK, async (ctx) => {
    const approvalId = ctx.match[1]!;
    await ctx.answerCallbackQuery({ text: 'Approved: submitting…' });
    const approved = await runTool<{ job: { title: string; company: string } }>(
      deps,
      ctx,
      'approve_application',
      { approvalId },
    );
    // The package cannot be approved twice from the same message.
    await removeButtons(ctx);
    await ctx.replyWithChatAction('typing').catch(() => {});
    const submitted = await runTool(deps, ctx, 'submit_application', { approvalId });
    await replyHtml(
      ctx,
      `Application: ${approved.job.title} — ${approved.job.company}`,
      `✅ You approved it.\n${renderTool(deps, 'submit_application', submitted)}`,
    );
  });

  c.callbackQuery(DRY_RUN_CALLBACK, async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Filling the form (nothing is submitted)…' });
    await ctx.replyWithChatAction('typing').catch(() => {});
    const out = await runTool<{ approvalId?: string | null; screenshotBase64?: string }>(
      deps,
      ctx,
      'fill_application',
      { applicationId: ctx.match[1]! },
    );
    // What the form looks like filled: the person approves what they saw.
    if (out.screenshotBase64) {
      await ctx
        .replyWithPhoto(new InputFile(Buffer.from(out.screenshotBase64, 'base64'), 'filled-form.png'), {
          caption: 'The form as filled (not submitted)',
        })
        .catch((err: unknown) => deps.logger.warn({ err }, 'could not send the form screenshot'));
    }
    // Filling binds a new approval to exactly the form as filled: that is what the person approves.
    const approve = out.approvalId
      ? { inline_keyboard: [[{ text: '✅ Approve & submit', callback_data: `a:ok:${out.approvalId}` }]] }
      : undefined;
    await replyHtml(
      ctx,
      'Dry run: the form filled, not submitted',
      renderTool(deps, 'fill_application', out),
      approve,
    );
  });

  return c;
}
