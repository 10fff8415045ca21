import { Composer } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import type { MatchView } from '../../tools/match/match-view.ts';
import { type BotContext, runTool, type TelegramBotDeps } from './context.ts';
import { escapeHtml } from './format.ts';
import { matchKeyboard } from './keyboards.ts';

/** Matches shown per /matches page. */
export const MATCHES_PAGE_SIZE = 5;
const MAX_MATCH_PAGES = 10;

export function renderMatchesPage(
  page: MatchView[],
  offset: number,
  hasMore: boolean,
): { text: string; keyboard: InlineKeyboardButton[][] } {
  const lines = ['<b>Your best matches</b>'];
  page.forEach((m, i) => {
    lines.push('');
    lines.push(
      `${offset + i + 1}. <b>${escapeHtml(m.job.title)}</b> — ${escapeHtml(m.job.company)} · <b>${m.score}</b>`,
    );
    lines.push(`<i>${escapeHtml(m.reasons.summary)}</i>`);
  });
  const keyboard = page.flatMap((m, i) => matchKeyboard(m.job.id, `${offset + i + 1}`));
  const nav: InlineKeyboardButton[] = [];
  const pageNo = offset / MATCHES_PAGE_SIZE;
  if (pageNo > 0) nav.push({ text: '◀ Previous', callback_data: `p:${pageNo - 1}` });
  if (hasMore) nav.push({ text: 'Next ▶', callback_data: `p:${pageNo + 1}` });
  if (nav.length > 0) keyboard.push(nav);
  return { text: lines.join('\n'), keyboard };
}

/** /matches: the best matches with score and one-line reasons, paged by editing the message. */
export function matchesComposer(deps: TelegramBotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  async function matchesPage(ctx: BotContext, pageNo: number) {
    const offset = pageNo * MATCHES_PAGE_SIZE;
    const out = await runTool<{ matches: MatchView[] }>(deps, ctx, 'search_matches', {
      limit: Math.min(50, offset + MATCHES_PAGE_SIZE + 1),
    });
    const page = out.matches.slice(offset, offset + MATCHES_PAGE_SIZE);
    const hasMore = out.matches.length > offset + MATCHES_PAGE_SIZE && pageNo + 1 < MAX_MATCH_PAGES;
    return { page, offset, hasMore };
  }

  const options = (keyboard: InlineKeyboardButton[][]) => ({
    parse_mode: 'HTML' as const,
    link_preview_options: { is_disabled: true },
    reply_markup: { inline_keyboard: keyboard },
  });

  c.command('matches', async (ctx) => {
    const { page, offset, hasMore } = await matchesPage(ctx, 0);
    if (page.length === 0) {
      await ctx.reply(
        'No matching jobs yet. Add sources with /sources add <url> and let them crawl, or loosen your /profile.',
      );
      return;
    }
    const { text, keyboard } = renderMatchesPage(page, offset, hasMore);
    await ctx.reply(text, options(keyboard));
  });

  c.callbackQuery(/^p:(\d{1,2})$/, async (ctx) => {
    const { page, offset, hasMore } = await matchesPage(ctx, Number(ctx.match[1]));
    if (page.length === 0) {
      await ctx.answerCallbackQuery({ text: 'No more matches.' });
      return;
    }
    const { text, keyboard } = renderMatchesPage(page, offset, hasMore);
    await ctx.editMessageText(text, options(keyboard));
    await ctx.answerCallbackQuery();
  });

  return c;
}
