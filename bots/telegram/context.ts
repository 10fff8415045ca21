import type { Context } from 'grammy';
import type { InlineKeyboardMarkup, UserFromGetMe } from 'grammy/types';
import type { ChatService } from '../../agents/chat.ts';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import { type AnyTool, callTool, type ToolRegistry } from '../../tools/tool.ts';
import type { TelegramApiConfig, TelegramThrottle } from './api.ts';
import { MAX_MESSAGE_LENGTH, splitEscaped, splitMessage } from './format.ts';

export interface BotContextFlavor {
  /** The linked user of this chat (set for every update from a linked chat). */
  userId?: string;
  /** Where this user's onboarding stands (null when done). */
  onboardingStep?: string | null;
  /** The assistant thread of this chat, kept in users.telegramThreadId. */
  threadId?: string | null;
}
export type BotContext = Context & BotContextFlavor;

export interface TelegramBotDeps {
  config: TelegramApiConfig;
  db: Database;
  tools: ToolRegistry;
  chat: ChatService;
  logger: Logger;
  /** Skips getMe (tests that drive updates with handleUpdate). */
  botInfo?: UserFromGetMe;
  /** Send limits (default: Telegram's own, 1 message/s per chat and 30/s overall). */
  throttle?: TelegramThrottle;
  /** Least time between two edits of a progress message (default 1 s). */
  progressIntervalMs?: number;
}

/** Runs a tool as this chat's user; ToolInputError (bad input, not found) propagates to the caller. */
export async function runTool<T>(
  deps: Pick<TelegramBotDeps, 'tools'>,
  ctx: BotContext,
  id: string,
  input: unknown,
): Promise<T> {
  // The channel tells approve_application where the person's approval came from.
  const context = { userId: ctx.userId!, channel: 'telegram' as const };
  return (await callTool(deps.tools.require(id), input, context)) as T;
}

/** A tool's readable rendering of its output. */
export function renderTool(deps: Pick<TelegramBotDeps, 'tools'>, id: string, output: unknown): string {
  const tool: AnyTool = deps.tools.require(id);
  return tool.render ? tool.render(output) : JSON.stringify(output, null, 2);
}

const NO_PREVIEW = { link_preview_options: { is_disabled: true } };

/** Sends a long plain-text answer as several messages, split on line boundaries. */
export async function replyLong(ctx: BotContext, text: string): Promise<void> {
  for (const part of splitMessage(text.trim() || '…')) {
    if (part.trim()) await ctx.reply(part, NO_PREVIEW);
  }
}

/** A bold heading over plain text (escaped here), in HTML parse mode, split at 4,096 characters. */
export async function replyHtml(
  ctx: BotContext,
  heading: string,
  body: string,
  /** Buttons under the last part. */
  replyMarkup?: InlineKeyboardMarkup,
): Promise<void> {
  // Room for the <b></b> added around the heading.
  const parts = splitEscaped(`${heading}\n${body.trim()}`, MAX_MESSAGE_LENGTH - 7);
  parts[0] = parts[0]!.replace(/^[^\n]*/, (line) => `<b>${line}</b>`);
  for (const [i, part] of parts.entries()) {
    const markup = replyMarkup && i === parts.length - 1 ? { reply_markup: replyMarkup } : {};
    if (part.trim()) await ctx.reply(part, { parse_mode: 'HTML', ...NO_PREVIEW, ...markup });
  }
}
