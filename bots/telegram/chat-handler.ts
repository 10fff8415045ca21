import { eq } from 'drizzle-orm';
import { Composer } from 'grammy';
import type { ChatTurn } from '../../agents/chat.ts';
import { ThreadNotFoundError } from '../../agents/threads.ts';
import { users } from '../../db/schema.ts';
import { ToolInputError } from '../../tools/tool.ts';
import { type BotContext, replyLong, type TelegramBotDeps } from './context.ts';
import { createProgressMessage, renderProgress } from './progress.ts';

/**
 * Free text goes to the assistant in the chat's own thread (kept in users.telegramThreadId, so
 * a restart continues the conversation). Tool progress shows as one message edited in place.
 */
export function chatComposer(deps: TelegramBotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  async function startTurn(ctx: BotContext, message: string): Promise<ChatTurn> {
    const request = { userId: ctx.userId!, message, channel: 'telegram' as const };
    if (!ctx.threadId) return deps.chat.chat(request);
    try {
      return await deps.chat.chat({ ...request, threadId: ctx.threadId });
    } catch (error) {
      // The stored thread was deleted (e.g. from the web page): start a new one.
      if (!(error instanceof ThreadNotFoundError)) throw error;
      return deps.chat.chat(request);
    }
  }

  c.on('message:text', async (ctx) => {
    await ctx.replyWithChatAction('typing').catch(() => {});
    let turn: ChatTurn;
    try {
      turn = await startTurn(ctx, ctx.message.text);
    } catch (error) {
      if (!(error instanceof ToolInputError)) throw error;
      await ctx.reply(error.message);
      return;
    }
    if (turn.threadId && turn.threadId !== ctx.threadId) {
      await deps.db.update(users).set({ telegramThreadId: turn.threadId }).where(eq(users.id, ctx.userId!));
      ctx.threadId = turn.threadId;
    }
    const progress = createProgressMessage({
      api: ctx.api,
      chatId: ctx.chat.id,
      logger: deps.logger,
      ...(deps.progressIntervalMs !== undefined ? { intervalMs: deps.progressIntervalMs } : {}),
    });
    let answer = '';
    let failure = '';
    for await (const event of turn.events) {
      if (event.type === 'finish') answer = event.text || answer;
      else if (event.type === 'text-delta') answer += event.delta;
      else if (event.type === 'error') failure = event.message;
      else if (event.type === 'progress') await progress.update(renderProgress(event));
    }
    await progress.finish();
    await replyLong(ctx, answer || failure || 'I have no answer to that.');
  });

  return c;
}
