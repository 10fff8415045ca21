import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Api, GrammyError } from 'grammy';

export interface TelegramApiConfig {
  TELEGRAM_BOT_TOKEN: string;
  /** Telegram's own server, a self-hosted Bot API server, or the tests' local fake. */
  TELEGRAM_API_ROOT: string;
}

/** Telegram's send limits: at most one message a second to one chat, 30 a second overall. */
export interface TelegramThrottle {
  /** Least time between two calls to the same chat. */
  perChatMs: number;
  /** Calls per second over all chats. */
  perSecond: number;
}

export const TELEGRAM_THROTTLE: TelegramThrottle = { perChatMs: 1000, perSecond: 30 };
/** Telegram allows a group about 20 messages a minute. */
const GROUP_MESSAGES_PER_MINUTE = 20;

/** Options shared by the bot and the send-only API: the API root, and 429/5xx retried after retry_after. */
export function telegramClientOptions(config: Pick<TelegramApiConfig, 'TELEGRAM_API_ROOT'>) {
  return { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') };
}

/** The transformer every API instance uses: waits retry_after on 429, at most 60 s and 5 times. */
export const retryTransformer = () => autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 });

/** Queues calls that name a chat so they keep Telegram's limits (apiThrottler, one queue per chat). */
export function throttleTransformer(limits: TelegramThrottle = TELEGRAM_THROTTLE) {
  const perChat = { maxConcurrent: 1, minTime: limits.perChatMs };
  return apiThrottler({
    global: {
      reservoir: limits.perSecond,
      reservoirRefreshAmount: limits.perSecond,
      reservoirRefreshInterval: 1000,
    },
    out: perChat,
    group: {
      ...perChat,
      reservoir: GROUP_MESSAGES_PER_MINUTE,
      reservoirRefreshAmount: GROUP_MESSAGES_PER_MINUTE,
      reservoirRefreshInterval: 60_000,
    },
  });
}

/**
 * Installs retry and throttling on an API. The throttler is outermost, so a call waiting out a
 * 429 keeps its chat's place in the queue instead of letting later messages overtake it.
 */
export function installTransformers(api: Api, throttle?: TelegramThrottle): void {
  api.config.use(retryTransformer());
  api.config.use(throttleTransformer(throttle));
}

/** A Bot API client for sending only (digest delivery from a worker process). */
export function createTelegramApi(config: TelegramApiConfig, throttle?: TelegramThrottle): Api {
  const api = new Api(config.TELEGRAM_BOT_TOKEN, telegramClientOptions(config));
  installTransformers(api, throttle);
  return api;
}

/** True when Telegram refused because the user blocked the bot or the chat is gone (403). */
export function isBlocked(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 403;
}
