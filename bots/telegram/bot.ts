import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { Bot, type BotError, type Context, GrammyError, webhookCallback } from 'grammy';
import type { InlineKeyboardButton, UserFromGetMe } from 'grammy/types';
import { Hono } from 'hono';
import type { ChatService } from '../../agents/chat.ts';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import { matches, telegramUpdates, users } from '../../db/schema.ts';
import type { MatchView } from '../../tools/match/match-view.ts';
import { MAX_RESUME_BYTES } from '../../tools/resume/ingest.ts';
import { callTool, ToolInputError, type ToolRegistry } from '../../tools/tool.ts';
import { isBlocked, retryTransformer, type TelegramApiConfig, telegramClientOptions } from './api.ts';
import { markInactive } from './digest-sender.ts';
import { escapeHtml, splitMessage } from './format.ts';
import { matchButtons, parseMatchCallback } from './keyboards.ts';
import { createChatUser, redeemLinkCode, userForChat } from './link.ts';

/** Matches shown per /matches page. */
export const MATCHES_PAGE_SIZE = 5;
const MAX_MATCH_PAGES = 10;
/** Handled update ids older than two days are pruned on every this-many-th update. */
const PRUNE_EVERY = 500;

export const BOT_COMMANDS = [
  { command: 'start', description: 'link this chat and get started' },
  { command: 'matches', description: 'your best matching jobs' },
  { command: 'help', description: 'what I can do' },
];

const HELP = [
  'I find jobs that fit your resume and send you the best new ones every morning.',
  '',
  '• Send your resume as a PDF or DOCX document.',
  '• /matches: your best matches, with scores and reasons.',
  '• Ask me anything in plain words, e.g. "remote backend jobs in Berlin" or "set my digest to 9:00".',
  '• Buttons under a match: 👍 / 👎 teach me what you like; Why? explains the score.',
].join('\n');

const RESUME_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

export interface BotContextFlavor {
  /** The linked user of this chat (set for every update from a linked chat). */
  userId?: string;
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
}

/** The secret Telegram sends back in X-Telegram-Bot-Api-Secret-Token, derived from the token. */
export function webhookSecret(token: string): string {
  return createHash('sha256').update(`jobhound-webhook:${token}`).digest('hex');
}

/** Sends a long plain-text answer as several messages, split on line boundaries. */
async function replyLong(ctx: BotContext, text: string): Promise<void> {
  for (const part of splitMessage(text.trim() || '…')) {
    if (part.trim()) await ctx.reply(part, { link_preview_options: { is_disabled: true } });
  }
}

function renderMatchesPage(
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
  const keyboard = page.map((m, i) => matchButtons(m.job.id, `${offset + i + 1}`));
  const nav: InlineKeyboardButton[] = [];
  const pageNo = offset / MATCHES_PAGE_SIZE;
  if (pageNo > 0) nav.push({ text: '◀ Previous', callback_data: `p:${pageNo - 1}` });
  if (hasMore) nav.push({ text: 'Next ▶', callback_data: `p:${pageNo + 1}` });
  if (nav.length > 0) keyboard.push(nav);
  return { text: lines.join('\n'), keyboard };
}

/** The Jobhound bot: linking, commands, matches with buttons, resume upload and free chat. */
export function createTelegramBot(deps: TelegramBotDeps) {
  const logger = deps.logger.child({ component: 'telegram' });
  const bot = new Bot<BotContext>(deps.config.TELEGRAM_BOT_TOKEN, {
    client: telegramClientOptions(deps.config),
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  bot.api.config.use(retryTransformer());
  /** The assistant thread of each chat, so a conversation keeps its context. */
  const threads = new Map<number, string>();

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

  /** Errors of any update (polling, webhook or handleUpdate): 403 marks the user inactive. */
  async function handleError(err: BotError<BotContext>): Promise<void> {
    const ctx = err.ctx;
    if (isBlocked(err.error) && ctx.userId) {
      await markInactive(deps.db, ctx.userId).catch(() => {});
      logger.info({ userId: ctx.userId }, 'user blocked the bot; marked inactive');
      return;
    }
    logger.error({ err: err.error, updateId: ctx.update.update_id }, 'telegram update failed');
    if (ctx.chat && !(err.error instanceof GrammyError)) {
      await ctx.reply('Something went wrong on my side. Please try again in a minute.').catch(() => {});
    }
  }

  bot.catch(handleError);
  const c = bot.errorBoundary(handleError);

  c.use(async (ctx, next) => {
    if (ctx.chat) {
      const user = await userForChat(deps.db, ctx.chat.id);
      if (user) {
        ctx.userId = user.id;
        if (!user.active) await deps.db.update(users).set({ active: true }).where(eq(users.id, user.id));
      }
    }
    await next();
  });

  c.command('start', async (ctx) => {
    const code = ctx.match.trim();
    if (code) {
      const linked = await redeemLinkCode(deps.db, code, ctx.chat.id);
      if (!linked) {
        await ctx.reply('That link code is wrong or has expired. Make a new one with `jobhound bot link`.');
        return;
      }
      await ctx.reply(
        'This chat is now linked to your Jobhound account. Send /matches to see your best jobs.',
      );
      return;
    }
    if (ctx.userId) {
      await ctx.reply('Welcome back! Send /matches, or send a new resume as a PDF or DOCX document.');
      return;
    }
    const name = ctx.from?.first_name || ctx.from?.username || `telegram ${ctx.chat.id}`;
    await createChatUser(deps.db, ctx.chat.id, name);
    await ctx.reply(
      `Hi ${name}! I am Jobhound.\n\nFirst, send me your resume as a PDF or DOCX document. Then /matches shows the jobs that fit you best, and I send you the best new ones every morning at 08:00.`,
    );
  });

  c.command('help', (ctx) => ctx.reply(HELP));

  // Everything below needs a linked chat.
  c.use(async (ctx, next) => {
    if (ctx.userId) return next();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: 'Send /start first.' });
    else if (ctx.chat) await ctx.reply('This chat is not linked to Jobhound yet. Send /start to begin.');
  });

  async function matchesPage(userId: string, pageNo: number) {
    const offset = pageNo * MATCHES_PAGE_SIZE;
    const out = (await callTool(
      deps.tools.require('search_matches'),
      { limit: Math.min(50, offset + MATCHES_PAGE_SIZE + 1) },
      { userId },
    )) as { matches: MatchView[] };
    const page = out.matches.slice(offset, offset + MATCHES_PAGE_SIZE);
    const hasMore = out.matches.length > offset + MATCHES_PAGE_SIZE && pageNo + 1 < MAX_MATCH_PAGES;
    return { page, offset, hasMore };
  }

  c.command('matches', async (ctx) => {
    try {
      const { page, offset, hasMore } = await matchesPage(ctx.userId!, 0);
      if (page.length === 0) {
        await ctx.reply('No matching jobs yet. Add sources and let them crawl, or loosen your profile.');
        return;
      }
      const { text, keyboard } = renderMatchesPage(page, offset, hasMore);
      await ctx.reply(text, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        reply_markup: { inline_keyboard: keyboard },
      });
    } catch (error) {
      if (error instanceof ToolInputError) await ctx.reply(error.message);
      else throw error;
    }
  });

  c.callbackQuery(/^p:(\d+)$/, async (ctx) => {
    const pageNo = Number(ctx.match[1]);
    const { page, offset, hasMore } = await matchesPage(ctx.userId!, pageNo);
    if (page.length === 0) {
      await ctx.answerCallbackQuery({ text: 'No more matches.' });
      return;
    }
    const { text, keyboard } = renderMatchesPage(page, offset, hasMore);
    await ctx.editMessageText(text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      reply_markup: { inline_keyboard: keyboard },
    });
    await ctx.answerCallbackQuery();
  });

  c.callbackQuery(/^m:/, async (ctx) => {
    const parsed = parseMatchCallback(ctx.callbackQuery.data);
    if (!parsed) {
      await ctx.answerCallbackQuery({ text: 'That button is out of date.' });
      return;
    }
    const userId = ctx.userId!;
    if (parsed.action === 'why') {
      try {
        const tool = deps.tools.require('explain_match');
        const out = await callTool(tool, { jobId: parsed.jobId }, { userId });
        await ctx.answerCallbackQuery();
        await replyLong(ctx, tool.render ? tool.render(out) : JSON.stringify(out));
      } catch (error) {
        if (!(error instanceof ToolInputError)) throw error;
        await ctx.answerCallbackQuery({ text: 'That match is no longer there.' });
      }
      return;
    }
    const feedback = parsed.action === 'up' ? 1 : -1;
    const updated = await deps.db
      .update(matches)
      .set({ feedback })
      .where(and(eq(matches.userId, userId), eq(matches.jobId, parsed.jobId)))
      .returning({ jobId: matches.jobId });
    await ctx.answerCallbackQuery({
      text:
        updated.length === 0
          ? 'That match is no longer there.'
          : feedback > 0
            ? 'Noted: more like this.'
            : 'Noted: fewer like this.',
    });
  });

  c.callbackQuery(/.*/, (ctx) => ctx.answerCallbackQuery({ text: 'That button is out of date.' }));

  c.on('message:document', async (ctx) => {
    const doc = ctx.message.document;
    const name = doc.file_name ?? 'resume';
    const ext = RESUME_TYPES[doc.mime_type ?? ''] ?? /\.(pdf|docx)$/i.exec(name)?.[1]?.toLowerCase();
    if (!ext) {
      await ctx.reply(
        'I can read resumes as PDF or DOCX documents (or pasted as text). Please send one of those.',
      );
      return;
    }
    if ((doc.file_size ?? 0) > MAX_RESUME_BYTES) {
      await ctx.reply('That file is larger than 5 MB. Please send a smaller PDF or DOCX.');
      return;
    }
    const file = await ctx.getFile();
    if (!file.file_path) throw new Error('getFile returned no file_path');
    const apiRoot = telegramClientOptions(deps.config).apiRoot;
    const res = await fetch(`${apiRoot}/file/bot${deps.config.TELEGRAM_BOT_TOKEN}/${file.file_path}`);
    if (!res.ok) throw new Error(`file download failed with HTTP ${res.status}`);
    const data = Buffer.from(await res.arrayBuffer());
    const fileName = name.toLowerCase().endsWith(`.${ext}`) ? name : `${name}.${ext}`;
    try {
      const tool = deps.tools.require('upload_resume');
      const out = await callTool(
        tool,
        { fileBase64: data.toString('base64'), fileName },
        { userId: ctx.userId! },
      );
      await replyLong(
        ctx,
        `${tool.render ? tool.render(out) : 'Resume stored.'}\n\nSend /matches to see your best jobs.`,
      );
    } catch (error) {
      if (!(error instanceof ToolInputError)) throw error;
      await ctx.reply(error.message);
    }
  });

  c.on('message:text', async (ctx) => {
    const text = ctx.message.text;
    if (text.startsWith('/')) {
      await ctx.reply('I do not know that command. Send /help for what I can do.');
      return;
    }
    await ctx.replyWithChatAction('typing').catch(() => {});
    const threadId = threads.get(ctx.chat.id);
    let turn: Awaited<ReturnType<ChatService['chat']>>;
    try {
      turn = await deps.chat.chat({ userId: ctx.userId!, message: text, channel: 'telegram', threadId });
    } catch (error) {
      if (!(error instanceof ToolInputError)) throw error;
      await ctx.reply(error.message);
      return;
    }
    if (turn.threadId) threads.set(ctx.chat.id, turn.threadId);
    let answer = '';
    let failure = '';
    for await (const event of turn.events) {
      if (event.type === 'finish') answer = event.text || answer;
      else if (event.type === 'text-delta') answer += event.delta;
      else if (event.type === 'error') failure = event.message;
    }
    await replyLong(ctx, answer || failure || 'I have no answer to that.');
  });

  c.on('message', (ctx) =>
    ctx.reply('I can read text messages and resumes sent as PDF or DOCX documents. Send /help for more.'),
  );

  return {
    bot,
    /** Long polling (returns once polling has started). */
    async startPolling(): Promise<void> {
      await bot.api.setMyCommands(BOT_COMMANDS);
      await new Promise<void>((resolve, reject) => {
        bot.start({ onStart: () => resolve(), allowed_updates: ['message', 'callback_query'] }).catch(reject);
      });
    },
    /** Registers the webhook at `${publicUrl}/telegram/webhook` with the secret token. */
    async setWebhook(publicUrl: string): Promise<void> {
      await bot.init();
      await bot.api.setMyCommands(BOT_COMMANDS);
      await bot.api.setWebhook(`${publicUrl.replace(/\/+$/, '')}/telegram/webhook`, {
        secret_token: webhookSecret(deps.config.TELEGRAM_BOT_TOKEN),
        allowed_updates: ['message', 'callback_query'],
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
