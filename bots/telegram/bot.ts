import { createHash } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import { Bot, type BotError, GrammyError, webhookCallback } from 'grammy';
import { Hono } from 'hono';
import { telegramUpdates, users } from '../../db/schema.ts';
import { NotFoundError, ToolInputError } from '../../tools/tool.ts';
import { installTransformers, isBlocked, telegramClientOptions } from './api.ts';
import { approvalActionsComposer } from './approval-actions.ts';
import { chatComposer } from './chat-handler.ts';
import { BOT_COMMANDS, commandsComposer, HELP } from './commands.ts';
import type { BotContext, TelegramBotDeps } from './context.ts';
import { digestComposer } from './digest-command.ts';
import { markInactive } from './digest-sender.ts';
import { matchActionsComposer } from './match-actions.ts';
import { matchesComposer } from './matches.ts';
import { onboardingComposer } from './onboarding.ts';
import { resumeUploadComposer } from './resume-upload.ts';
import { startComposer } from './start.ts';

export { BOT_COMMANDS } from './commands.ts';
export type { BotContext, BotContextFlavor, TelegramBotDeps } from './context.ts';
export { MATCHES_PAGE_SIZE } from './matches.ts';

/** Handled update ids older than two days are pruned on every this-many-th update. */
const PRUNE_EVERY = 500;
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** The secret Telegram sends back in X-Telegram-Bot-Api-Secret-Token, derived from the token. */
export function webhookSecret(token: string): string {
  return createHash('sha256').update(`jobhound-webhook:${token}`).digest('hex');
}

/** The Jobhound bot: linking and onboarding, commands, match buttons, resume upload and free chat. */
export function createTelegramBot(deps: TelegramBotDeps) {
  const logger = deps.logger.child({ component: 'telegram' });
  const bot = new Bot<BotContext>(deps.config.TELEGRAM_BOT_TOKEN, {
    client: telegramClientOptions(deps.config),
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  installTransformers(bot.api, deps.throttle);

  // An update delivered twice (webhook retry, polling restart) is handled once.
  bot.use(async (ctx, next) => {
    const fresh = await deps.db
      .insert(telegramUpdates)
      .values({ updateId: ctx.update.update_id })
      .onConflictDoNothing()
      .returning({ id: telegramUpdates.updateId });
    if (fresh.length === 0) return;
    // Now and then forget ids old enough that Telegram will never redeliver them.
    if (ctx.update.update_id % PRUNE_EVERY === 0) {
      await deps.db
        .delete(telegramUpdates)
        .where(lt(telegramUpdates.receivedAt, sql`now() - interval '2 days'`));
    }
    await next();
  });

  /** Errors of any update: a tool's input error is told to the user; 403 marks the user inactive. */
  async function handleError(err: BotError<BotContext>): Promise<void> {
    const ctx = err.ctx;
    const error = err.error;
    if (isBlocked(error) && ctx.userId) {
      await markInactive(deps.db, ctx.userId).catch(() => {});
      logger.info({ userId: ctx.userId }, 'user blocked the bot; marked inactive');
      return;
    }
    if (error instanceof ToolInputError) {
      const text =
        error instanceof NotFoundError ? `${error.message}. It may have been removed.` : error.message;
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: text.slice(0, 190) }).catch(() => {});
      if (ctx.chat) await ctx.reply(text).catch(() => {});
      return;
    }
    logger.error({ err: error, updateId: ctx.update.update_id }, 'telegram update failed');
    if (ctx.chat && !(error instanceof GrammyError)) {
      await ctx.reply('Something went wrong on my side. Please try again in a minute.').catch(() => {});
    }
  }

  bot.catch(handleError);
  const c = bot.errorBoundary(handleError);

  c.use(async (ctx, next) => {
    if (ctx.chat) {
      const [user] = await deps.db
        .select({
          id: users.id,
          active: users.active,
          onboardingStep: users.onboardingStep,
          threadId: users.telegramThreadId,
        })
        .from(users)
        .where(eq(users.telegramChatId, ctx.chat.id));
      if (user) {
        ctx.userId = user.id;
        ctx.onboardingStep = user.onboardingStep;
        ctx.threadId = user.threadId;
        if (!user.active) await deps.db.update(users).set({ active: true }).where(eq(users.id, user.id));
      }
    }
    await next();
  });

  c.use(startComposer(deps));
  c.command('help', (ctx) => ctx.reply(HELP));

  // Everything below needs a linked chat.
  c.use(async (ctx, next) => {
    if (ctx.userId) return next();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: 'Send /start first.' });
    else if (ctx.chat) await ctx.reply('This chat is not linked to Jobhound yet. Send /start to begin.');
  });

  c.use(matchesComposer(deps));
  c.use(digestComposer(deps));
  c.use(commandsComposer(deps));
  c.use(matchActionsComposer(deps));
  c.use(approvalActionsComposer(deps));
  c.use(onboardingComposer(deps));
  c.callbackQuery(/.*/, (ctx) => ctx.answerCallbackQuery({ text: 'That button is out of date.' }));
  c.use(resumeUploadComposer(deps));
  c.use(chatComposer(deps));
  c.on('message', (ctx) =>
    ctx.reply('I can read text messages and resumes sent as PDF or DOCX documents. Send /help for more.'),
  );

  return {
    bot,
    /** Long polling (returns once polling has started). */
    async startPolling(): Promise<void> {
      await bot.api.setMyCommands(BOT_COMMANDS);
      await new Promise<void>((resolve, reject) => {
        bot.start({ onStart: () => resolve(), allowed_updates: [...ALLOWED_UPDATES] }).catch(reject);
      });
    },
    /** Registers the webhook at `${publicUrl}/telegram/webhook` with the secret token. */
    async setWebhook(publicUrl: string): Promise<void> {
      await bot.init();
      await bot.api.setMyCommands(BOT_COMMANDS);
      await bot.api.setWebhook(`${publicUrl.replace(/\/+$/, '')}/telegram/webhook`, {
        secret_token: webhookSecret(deps.config.TELEGRAM_BOT_TOKEN),
        allowed_updates: [...ALLOWED_UPDATES],
      });
    },
    /** POST /webhook, mounted at /telegram: 401 without the right secret token header. */
    webhookRoute(): Hono {
      const app = new Hono();
      app.post(
        '/webhook',
        webhookCallback(bot, 'hono', { secretToken: webhookSecret(deps.config.TELEGRAM_BOT_TOKEN) }),
      );
      return app;
    },
    async stop(): Promise<void> {
      if (bot.isRunning()) await bot.stop();
    },
  };
}

export type TelegramBot = ReturnType<typeof createTelegramBot>;
