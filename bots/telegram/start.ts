import { Composer } from 'grammy';
import type { BotContext, TelegramBotDeps } from './context.ts';
import { createChatUser, redeemLinkCode } from './link.ts';
import { askCurrent, beginOnboarding } from './onboarding.ts';

/** Where a link code comes from (another surface prints it for an existing account). */
export const LINK_COMMAND = 'jobhound user link';

/**
 * /start links the chat: with a one-time code to an existing account, else to a new user, who is
 * then walked through onboarding.
 */
export function startComposer(deps: TelegramBotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('start', async (ctx) => {
    const code = ctx.match.trim();
    if (code) {
      const linked = await redeemLinkCode(deps.db, code, ctx.chat.id);
      if (!linked) {
        await ctx.reply(
          `That link code is wrong or has expired. Make a new one with \`${LINK_COMMAND}\` and send /start <code> within 15 minutes.`,
        );
        return;
      }
      await ctx.reply(
        'This chat is now linked to your Jobhound account. Send /matches to see your best jobs, or /help for everything else.',
      );
      return;
    }
    if (ctx.userId) {
      if (await askCurrent(deps, ctx, 'Welcome back! Let us finish your setup.')) return;
      await ctx.reply('Welcome back! Send /matches, or send a new resume as a PDF or DOCX document.');
      return;
    }
    const name = ctx.from?.first_name || ctx.from?.username || `telegram ${ctx.chat.id}`;
    ctx.userId = await createChatUser(deps.db, ctx.chat.id, name);
    await beginOnboarding(
      deps,
      ctx,
      `Hi ${name}! I am Jobhound: I find jobs that fit your resume and send you the best new ones every day.\n\nLet's set you up in a few quick steps (each can be skipped). Already use Jobhound elsewhere? Link this chat instead with a code from \`${LINK_COMMAND}\`.`,
    );
  });
  return c;
}
