import { autoRetry } from '@grammyjs/auto-retry';
import { Api, GrammyError } from 'grammy';

export interface TelegramApiConfig {
  TELEGRAM_BOT_TOKEN: string;
  /** Telegram's own server, a self-hosted Bot API server, or the tests' local fake. */
  TELEGRAM_API_ROOT: string;
}

/** Options shared by the bot and the send-only API: the API root, and 429/5xx retried after retry_after. */
export function telegramClientOptions(config: Pick<TelegramApiConfig, 'TELEGRAM_API_ROOT'>) {
  return { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') };
}

/** The transformer every API instance uses: waits retry_after on 429, at most 60 s and 5 times. */
export const retryTransformer = () => autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 });

/** A Bot API client for sending only (digest delivery from a worker process). */
export function createTelegramApi(config: TelegramApiConfig): Api {
  const api = new Api(config.TELEGRAM_BOT_TOKEN, telegramClientOptions(config));
  api.config.use(retryTransformer());
  return api;
}

/** True when Telegram refused because the user blocked the bot or the chat is gone (403). */
export function isBlocked(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 403;
}
