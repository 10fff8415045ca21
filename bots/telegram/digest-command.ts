import { Composer } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import { composeDigest } from '../digest/compose.ts';
import { type BotContext, runTool, type TelegramBotDeps } from './context.ts';
import { digestKeyboard, renderDigestHtml } from './digest-sender.ts';

// /digest: the daily digest's settings with buttons to change them, and today's digest now.

/** The digest settings get_profile returns. */
interface DigestSettings {
  digestHour: number;
  timeZone: string;
  scoreThreshold: number;
  digestSize: number;
  digestEmptyNotice: boolean;
}

export const DIGEST_HOURS = [6, 7, 8, 9, 10, 12, 17, 18, 20];

const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

export function renderDigestSettings(s: DigestSettings): {
  text: string;
  keyboard: InlineKeyboardButton[][];
} {
  const text = [
    'Your daily digest',
    `Arrives at ${hh(s.digestHour)} (${s.timeZone}) with up to ${s.digestSize} new matches scoring ${s.scoreThreshold}+.`,
    `On a day with nothing new: ${s.digestEmptyNotice ? 'a short “nothing new” note' : 'no message'}.`,
    '',
    'Tap an hour to move it; the time zone is in /profile.',
  ].join('\n');
  const hours = DIGEST_HOURS.map((h) => ({
    text: `${h === s.digestHour ? '✅ ' : ''}${hh(h)}`,
    callback_data: `d:h:${h}`,
  }));
  const keyboard = [
    hours.slice(0, 5),
    hours.slice(5),
    [
      {
        text: s.digestEmptyNotice ? '🔕 No note on quiet days' : '🔔 Note on quiet days',
        callback_data: 'd:empty',
      },
    ],
    [{ text: '📬 Send today’s now', callback_data: 'd:now' }],
  ];
  return { text, keyboard };
}

export function digestComposer(deps: TelegramBotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const settings = (ctx: BotContext) => runTool<DigestSettings>(deps, ctx, 'get_profile', {});

  async function showEdited(ctx: BotContext, s: DigestSettings, note: string): Promise<void> {
    await ctx.answerCallbackQuery({ text: note });
    const { text, keyboard } = renderDigestSettings(s);
    await ctx.editMessageText(text, { reply_markup: { inline_keyboard: keyboard } });
  }

  c.command('digest', async (ctx) => {
    const { text, keyboard } = renderDigestSettings(await settings(ctx));
    await ctx.reply(text, { reply_markup: { inline_keyboard: keyboard } });
  });

  c.callbackQuery(/^d:h:(\d{1,2})$/, async (ctx) => {
    const hour = Number(ctx.match[1]);
    const s = await runTool<DigestSettings>(deps, ctx, 'update_profile', { digestHour: hour });
    await showEdited(ctx, s, `Digest moved to ${hh(hour)}`);
  });

  c.callbackQuery('d:empty', async (ctx) => {
    const current = await settings(ctx);
    const s = await runTool<DigestSettings>(deps, ctx, 'update_profile', {
      digestEmptyNotice: !current.digestEmptyNotice,
    });
    await showEdited(
      ctx,
      s,
      s.digestEmptyNotice ? 'You will hear from me on quiet days.' : 'Quiet days stay quiet.',
    );
  });

  c.callbackQuery('d:now', async (ctx) => {
    await ctx.answerCallbackQuery();
    // Composed as the daily one would be, but not recorded: tomorrow's digest is unchanged.
    const digest = await composeDigest(deps.db, ctx.userId!);
    if (digest.items.length === 0) {
      await ctx.reply('Nothing new since your last digest. /matches shows all your matches.');
      return;
    }
    await ctx.reply(renderDigestHtml(digest), {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      reply_markup: { inline_keyboard: digestKeyboard(digest) },
    });
  });

  return c;
}
