import { Api } from 'grammy';
import { telegramClientOptions } from '../../bots/telegram/api.ts';
import type { Config } from '../../config/config.ts';

/** Longest `jobhound user link` waits for Telegram to name the bot. */
const GET_ME_TIMEOUT_SECONDS = 10;

/** The bot's @username (from getMe) when TELEGRAM_BOT_TOKEN is set and Telegram answers; else null. */
export async function botUsername(
  config: Pick<Config, 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_API_ROOT'>,
): Promise<string | null> {
  if (!config.TELEGRAM_BOT_TOKEN) return null;
  const api = new Api(config.TELEGRAM_BOT_TOKEN, {
    ...telegramClientOptions(config),
    timeoutSeconds: GET_ME_TIMEOUT_SECONDS,
  });
  try {
    return (await api.getMe()).username;
  } catch {
    return null;
  }
}

/** What to open or send to link a chat: a t.me deep link when the bot's name is known. */
export function linkInstruction(code: string, username: string | null): string {
  return username ? `https://t.me/${username}?start=${code}` : `/start ${code}`;
}
