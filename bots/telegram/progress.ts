import { type Api, GrammyError } from 'grammy';
import type { ToolProgressEvent } from '../../agents/tools.ts';
import type { Logger } from '../../config/logger.ts';

/** Least time between two edits of one progress message. */
export const PROGRESS_EDIT_INTERVAL_MS = 1000;

/** "⏳ Crawling: 120/500 pages" and the tool's own line ("greenhouse:acme: 12 new, 0 changed"). */
export function renderProgress(event: Pick<ToolProgressEvent, 'toolName' | 'done' | 'total' | 'message'>) {
  const what = event.toolName === 'crawl_source' ? 'Crawling' : `Working on ${event.toolName}`;
  const unit = event.toolName === 'crawl_source' ? ' pages' : '';
  const count = event.total
    ? `: ${event.done}/${event.total}${unit}`
    : event.done > 0
      ? `: ${event.done}${unit}`
      : '…';
  return `⏳ ${what}${count}${event.message ? `\n${event.message}` : ''}`;
}

/**
 * One message that shows a long task's progress: sent on the first update, then edited in place
 * at most once per interval, never with the same text twice. The latest text is shown at the end.
 */
export function createProgressMessage(options: {
  api: Api;
  chatId: number;
  logger: Logger;
  intervalMs?: number;
  now?: () => number;
}) {
  const interval = options.intervalMs ?? PROGRESS_EDIT_INTERVAL_MS;
  const now = options.now ?? Date.now;
  let messageId: number | null = null;
  let shown = '';
  let pending: string | null = null;
  let lastAt = 0;

  async function show(text: string): Promise<void> {
    pending = null;
    lastAt = now();
    try {
      if (messageId === null) {
        messageId = (await options.api.sendMessage(options.chatId, text)).message_id;
      } else {
        await options.api.editMessageText(options.chatId, messageId, text);
      }
      shown = text;
    } catch (error) {
      // A progress line that failed to show is not worth failing the answer for.
      if (!(error instanceof GrammyError)) throw error;
      options.logger.debug({ err: error }, 'progress message not updated');
    }
  }

  return {
    /** Shows the text now, or keeps it for later when the last edit was too recent. */
    async update(text: string): Promise<void> {
      if (text === shown && messageId !== null) {
        pending = null;
        return;
      }
      if (messageId === null || now() - lastAt >= interval) await show(text);
      else pending = text;
    },
    /** Shows the latest text held back by the interval. */
    async finish(): Promise<void> {
      if (pending !== null && pending !== shown) await show(pending);
    },
    get messageId() {
      return messageId;
    },
  };
}
