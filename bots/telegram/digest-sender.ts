import { and, eq, isNotNull } from 'drizzle-orm';
import type { Api } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { formatSalary } from '../../tools/jobs/job-view.ts';
import type { Digest } from '../digest/compose.ts';
import { renderEmptyNotice, whereOf } from '../digest/render.ts';
import type { DigestSender } from '../digest/tasks.ts';
import { isBlocked } from './api.ts';
import { escapeAttribute, escapeHtml } from './format.ts';
import { matchButtons, matchKeyboard } from './keyboards.ts';

/** The digest as one HTML message; every scraped field is escaped. */
export function renderDigestHtml(digest: Digest): string {
  if (digest.items.length === 0) return escapeHtml(renderEmptyNotice(digest));
  const lines = [`<b>Your top ${digest.items.length} new matches</b> (${escapeHtml(digest.localDate)})`];
  digest.items.forEach((item, i) => {
    const facts = [whereOf(item), formatSalary(item.job.salary)].filter(Boolean).join(' · ');
    lines.push('');
    lines.push(
      `${i + 1}. <b>${escapeHtml(item.job.title)}</b> — ${escapeHtml(item.job.company)} · <b>${item.score}</b>`,
    );
    if (facts) lines.push(escapeHtml(facts));
    for (const reason of item.reasons.slice(0, 2)) lines.push(`<i>${escapeHtml(reason)}</i>`);
    lines.push(`<a href="${escapeAttribute(item.job.url)}">Open the posting</a>`);
  });
  return lines.join('\n');
}

/** Telegram refuses an inline keyboard of more than this many buttons. */
const MAX_KEYBOARD_BUTTONS = 100;

/**
 * Two keyboard rows per item, numbered: 👍 / 👎 / Why? and Review / Apply / Hide, as under
 * /matches. A long digest (over 16 items) keeps the first row only, within Telegram's limit.
 */
export function digestKeyboard(digest: Digest): InlineKeyboardButton[][] {
  const both = digest.items.length * 6 <= MAX_KEYBOARD_BUTTONS;
  return digest.items.flatMap((item, i) => {
    const label = `${i + 1}`;
    return both ? matchKeyboard(item.job.id, label) : [matchButtons(item.job.id, label)];
  });
}

/** Marks a user who blocked the bot inactive: no more digests or retries. */
export async function markInactive(db: Database, userId: string): Promise<void> {
  await db.update(users).set({ active: false }).where(eq(users.id, userId));
}

/** Delivers digests as Telegram messages to linked, active chats. */
export function createTelegramDigestSender(deps: { db: Database; api: Api; logger: Logger }): DigestSender {
  return {
    channel: 'telegram',
    async recipients() {
      const rows = await deps.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.active, true), isNotNull(users.telegramChatId)));
      return rows.map((r) => r.id);
    },
    async send(userId, digest) {
      const [user] = await deps.db
        .select({ chatId: users.telegramChatId, active: users.active })
        .from(users)
        .where(eq(users.id, userId));
      if (!user?.chatId || !user.active) return 'blocked';
      try {
        await deps.api.sendMessage(user.chatId, renderDigestHtml(digest), {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          reply_markup: { inline_keyboard: digestKeyboard(digest) },
        });
        return 'sent';
      } catch (error) {
        if (!isBlocked(error)) throw error;
        deps.logger.info({ userId }, 'user blocked the bot; marked inactive');
        await markInactive(deps.db, userId);
        return 'blocked';
      }
    },
  };
}
