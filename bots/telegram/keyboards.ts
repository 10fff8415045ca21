import type { InlineKeyboardButton } from 'grammy/types';

// Callback data must stay within Telegram's 64 bytes: a short prefix, an action and one uuid
// ("m:review:<36 chars>" is 45 bytes).

/** Callback data of match buttons: "m:<action>:<job id>". */
export type MatchAction = 'up' | 'down' | 'why' | 'review' | 'prep' | 'hide';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const MATCH_CALLBACK = new RegExp(`^m:(up|down|why|review|prep|hide):(${UUID})$`);

export function matchCallback(action: MatchAction, jobId: string): string {
  return `m:${action}:${jobId}`;
}

export function parseMatchCallback(data: string): { action: MatchAction; jobId: string } | null {
  const m = MATCH_CALLBACK.exec(data);
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

/** Review my resume / Prepare application / Hide company; short labels when numbered. */
export function matchActionButtons(jobId: string, label = ''): InlineKeyboardButton[] {
  const text = label
    ? { review: `📝 Review ${label}`, prep: `📨 Apply ${label}`, hide: `🙈 Hide ${label}` }
    : { review: '📝 Review my resume', prep: '📨 Prepare application', hide: '🙈 Hide company' };
  return [
    { text: text.review, callback_data: matchCallback('review', jobId) },
    { text: text.prep, callback_data: matchCallback('prep', jobId) },
    { text: text.hide, callback_data: matchCallback('hide', jobId) },
  ];
}

/** Both rows of a match's buttons. */
export function matchKeyboard(jobId: string, label = ''): InlineKeyboardButton[][] {
  return [matchButtons(jobId, label), matchActionButtons(jobId, label)];
}

/** Approve & submit (by approval id) / Fill only (by application id), under a ready package. */
export function approvalButtons(approvalId: string, applicationId: string): InlineKeyboardButton[] {
  return [
    { text: '✅ Approve & submit', callback_data: `a:ok:${approvalId}` },
    { text: '🧪 Fill only (dry run)', callback_data: `a:dry:${applicationId}` },
  ];
}

export const APPROVE_CALLBACK = new RegExp(`^a:ok:(${UUID})$`);
export const DRY_RUN_CALLBACK = new RegExp(`^a:dry:(${UUID})$`);
