import type { InlineKeyboardButton } from 'grammy/types';

/** Callback data of match buttons: "m:<action>:<job id>" (well under Telegram's 64 bytes). */
export type MatchAction = 'up' | 'down' | 'why';

export function matchCallback(action: MatchAction, jobId: string): string {
  return `m:${action}:${jobId}`;
}

export function parseMatchCallback(data: string): { action: MatchAction; jobId: string } | null {
  const m = /^m:(up|down|why):([0-9a-f-]{36})$/.exec(data);
  return m ? { action: m[1] as MatchAction, jobId: m[2]! } : null;
}

/** 👍 / 👎 / Why? for one match; `label` numbers the buttons when several matches share a message. */
export function matchButtons(jobId: string, label = ''): InlineKeyboardButton[] {
  const suffix = label ? ` ${label}` : '';
  return [
    { text: `👍${suffix}`, callback_data: matchCallback('up', jobId) },
    { text: `👎${suffix}`, callback_data: matchCallback('down', jobId) },
    { text: `Why?${suffix}`, callback_data: matchCallback('why', jobId) },
  ];
}
