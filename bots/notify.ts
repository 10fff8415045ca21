import { eq } from 'drizzle-orm';
import type { Api } from 'grammy';
import type { Logger } from '../config/logger.ts';
import type { Database } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { type EmailSender, isPermanentEmailFailure } from './email/sender.ts';
import { isBlocked } from './telegram/api.ts';
import { markInactive } from './telegram/digest-sender.ts';
import { escapeHtml } from './telegram/format.ts';

/** A short message for one user, outside a conversation (a follow-up reminder, say). */
export interface UserMessage {
  subject: string;
  text: string;
}

/**
 * Sends to every channel the user has: their linked Telegram chat (while they have not blocked
 * the bot) and their e-mail address (when SMTP is set up). Resolves true when at least one channel
 * took it, false when the user has no channel left; throws when every channel they have failed for
 * a reason worth retrying (the caller's task is retried).
 */
export type UserNotifier = (userId: string, message: UserMessage) => Promise<boolean>;

export function createUserNotifier(deps: {
  db: Database;
  telegram: Api | null;
  email: EmailSender | null;
  logger: Logger;
}): UserNotifier {
  const log = deps.logger.child({ component: 'notify' });
  return async (userId, message) => {
    const [user] = await deps.db
      .select({ chatId: users.telegramChatId, active: users.active, email: users.email })
      .from(users)
      .where(eq(users.id, userId));
    if (!user) return false;
    let delivered = false;
    const failures: unknown[] = [];
    if (deps.telegram && user.chatId && user.active) {
      try {
        await deps.telegram.sendMessage(user.chatId, `${message.subject}\n\n${message.text}`, {
          link_preview_options: { is_disabled: true },
        });
        delivered = true;
      } catch (error) {
        if (isBlocked(error)) await markInactive(deps.db, userId);
        else failures.push(error);
      }
    }
    if (deps.email && user.email) {
      try {
        await deps.email.send({
          to: user.email,
          subject: message.subject,
          text: message.text,
          html: `<p>${escapeHtml(message.text).replace(/\n/g, '<br>')}</p>`,
        });
        delivered = true;
      } catch (error) {
        if (isPermanentEmailFailure(error)) log.warn({ userId, err: error }, 'e-mail refused for good');
        else failures.push(error);
      }
    }
    if (!delivered && failures.length > 0) throw failures[0];
    return delivered;
  };
}
