import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { telegramLinkCodes, users } from '../../db/schema.ts';

/** How long a link code stays valid. */
export const LINK_CODE_TTL_MS = 15 * 60 * 1000;

const hashCode = (code: string) => createHash('sha256').update(code.trim().toUpperCase()).digest('hex');

/** A one-time code that links a Telegram chat to this user (`/start <code>`); shown once, stored hashed. */
export async function createLinkCode(db: Database, userId: string, now = new Date()): Promise<string> {
  const code = randomBytes(6).toString('hex').toUpperCase();
  await db.insert(telegramLinkCodes).values({
    codeHash: hashCode(code),
    userId,
    expiresAt: new Date(now.getTime() + LINK_CODE_TTL_MS),
  });
  return code;
}

/** The user linked to a chat, or null. */
export async function userForChat(
  db: Database,
  chatId: number,
): Promise<{ id: string; active: boolean } | null> {
  const [row] = await db
    .select({ id: users.id, active: users.active })
    .from(users)
    .where(eq(users.telegramChatId, chatId));
  return row ?? null;
}

/** Links a chat to the user of a valid code (used up on success); null when the code is wrong or expired. */
export async function redeemLinkCode(db: Database, code: string, chatId: number): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(telegramLinkCodes)
      .where(and(eq(telegramLinkCodes.codeHash, hashCode(code)), gt(telegramLinkCodes.expiresAt, new Date())))
      .returning({ userId: telegramLinkCodes.userId });
    if (!row) return null;
    await tx.update(users).set({ telegramChatId: null }).where(eq(users.telegramChatId, chatId));
    await tx.update(users).set({ telegramChatId: chatId, active: true }).where(eq(users.id, row.userId));
    return row.userId;
  });
}

/** A new user for a chat nobody has linked yet. */
export async function createChatUser(db: Database, chatId: number, name: string): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({ name, telegramChatId: chatId })
    .onConflictDoUpdate({ target: users.telegramChatId, set: { active: true } })
    .returning({ id: users.id });
  return row!.id;
}
