import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { apiTokens, users } from '../../db/schema.ts';

export const LOCAL_USER_NAME = 'local';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Users and their API tokens. Tokens are shown once and stored only as a hash. */
export function createAccounts(db: Database) {
  return {
    async createUser(name: string, email?: string): Promise<{ id: string; name: string }> {
      const [user] = await db
        .insert(users)
        .values({ name, ...(email ? { email } : {}) })
        .returning({ id: users.id, name: users.name });
      return user!;
    },

    async issueToken(userId: string, label?: string): Promise<string> {
      const token = `jh_${randomBytes(24).toString('base64url')}`;
      await db.insert(apiTokens).values({ userId, tokenHash: hashToken(token), label: label ?? null });
      return token;
    },

    /** The user a bearer token belongs to, or null. */
    async authenticate(token: string): Promise<string | null> {
      if (!token) return null;
      const rows = await db
        .update(apiTokens)
        .set({ lastUsedAt: sql`now()` })
        .where(eq(apiTokens.tokenHash, hashToken(token)))
        .returning({ userId: apiTokens.userId });
      return rows[0]?.userId ?? null;
    },

    /** The single user of a loopback install with no accounts created. */
    async localUser(): Promise<string> {
      const existing = await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.name, LOCAL_USER_NAME))
        .limit(1);
      if (existing[0]) return existing[0].id;
      return (await this.createUser(LOCAL_USER_NAME)).id;
    },

    /**
     * The local user while it is the install's only account (created on first use), else null:
     * once a real account exists, requests need a token. One query on the common path.
     */
    async soleLocalUser(): Promise<string | null> {
      const rows = await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .orderBy(users.createdAt)
        .limit(2);
      if (rows.length === 0) return this.localUser();
      return rows.length === 1 && rows[0]!.name === LOCAL_USER_NAME ? rows[0]!.id : null;
    },

    async list(): Promise<Array<{ id: string; name: string; email: string | null; createdAt: Date }>> {
      return db
        .select({ id: users.id, name: users.name, email: users.email, createdAt: users.createdAt })
        .from(users)
        .orderBy(users.createdAt);
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
