import type { ModelMessage } from 'ai';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { chatMessages, chatThreads } from '../db/schema.ts';
import { NotFoundError } from '../tools/tool.ts';

// Conversations persisted per user, so a thread survives restarts and is read back as the
// model messages the assistant continues from.

/** Messages of a thread replayed to the model (older ones stay stored but are not sent). */
export const HISTORY_LIMIT = 40;
export const THREAD_TITLE_MAX = 80;

export type ThreadChannel = 'api' | 'openai' | 'telegram' | 'cli' | 'mcp';

export interface ChatThread {
  id: string;
  title: string | null;
  channel: string;
  createdAt: Date;
  updatedAt: Date;
}

/** An unknown thread, or another user's: both answer the same, so ids reveal nothing. */
export class ThreadNotFoundError extends NotFoundError {
  readonly threadId: string;
  constructor(threadId: string) {
    super('thread', threadId, 'threadId');
    this.name = 'ThreadNotFoundError';
    this.threadId = threadId;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES = new Set(['user', 'assistant', 'tool', 'system']);

const threadColumns = {
  id: chatThreads.id,
  title: chatThreads.title,
  channel: chatThreads.channel,
  createdAt: chatThreads.createdAt,
  updatedAt: chatThreads.updatedAt,
};

/** The first line of a user's first message, shortened: a thread's title. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  return line.length > THREAD_TITLE_MAX ? `${line.slice(0, THREAD_TITLE_MAX - 1)}…` : line;
}

export function createThreadStore(db: Database) {
  const find = async (userId: string, threadId: string): Promise<ChatThread> => {
    if (!UUID.test(threadId)) throw new ThreadNotFoundError(threadId);
    const [thread] = await db
      .select(threadColumns)
      .from(chatThreads)
      .where(and(eq(chatThreads.id, threadId), eq(chatThreads.userId, userId)));
    if (!thread) throw new ThreadNotFoundError(threadId);
    return thread;
  };

  return {
    async create(userId: string, options: { channel: ThreadChannel; title?: string }): Promise<ChatThread> {
      const [thread] = await db
        .insert(chatThreads)
        .values({
          userId,
          channel: options.channel,
          title: options.title ? titleFrom(options.title) : null,
        })
        .returning(threadColumns);
      return thread!;
    },

    /** The user's thread, or ThreadNotFoundError. */
    get: find,

    async list(userId: string, options: { limit?: number } = {}): Promise<ChatThread[]> {
      return db
        .select(threadColumns)
        .from(chatThreads)
        .where(eq(chatThreads.userId, userId))
        .orderBy(desc(chatThreads.updatedAt))
        .limit(options.limit ?? 50);
    },

    /**
     * The last messages of a thread, oldest first. The window starts at a user message, so a
     * tool result is never replayed without the call it answers.
     */
    async history(
      userId: string,
      threadId: string,
      options: { limit?: number } = {},
    ): Promise<ModelMessage[]> {
      await find(userId, threadId);
      const limit = options.limit ?? HISTORY_LIMIT;
      // The last `limit` messages in one query (newest first, then put back in order).
      const rows = await db
        .select({ role: chatMessages.role, content: chatMessages.content })
        .from(chatMessages)
        .where(eq(chatMessages.threadId, threadId))
        .orderBy(desc(chatMessages.seq))
        .limit(limit);
      const messages = rows
        .reverse()
        .filter((row) => ROLES.has(row.role))
        .map((row) => ({ role: row.role, content: row.content }) as ModelMessage);
      const firstUser = messages.findIndex((m) => m.role === 'user');
      return firstUser < 0 ? [] : messages.slice(firstUser);
    },

    /**
     * Appends one turn's messages in order; concurrent turns on a thread queue behind each other.
     * With `create`, the thread is started in the same transaction (a new conversation is
     * stored only once its first turn is).
     */
    async append(
      userId: string,
      threadId: string,
      messages: ModelMessage[],
      options: { create?: { channel: ThreadChannel } } = {},
    ): Promise<void> {
      if (messages.length === 0) return;
      const firstUser = messages.find((m) => m.role === 'user');
      const title = firstUser && typeof firstUser.content === 'string' ? titleFrom(firstUser.content) : null;
      const rows = messages.map((m, i) => ({ seq: i + 1, role: m.role, content: m.content }));
      if (options.create) {
        // One statement: the thread and its first messages are stored together or not at all.
        await db.execute(sql`with t as (
            insert into chat_threads (id, user_id, channel, title)
            values (${threadId}, ${userId}, ${options.create.channel}, ${title}) returning id)
          insert into chat_messages (thread_id, seq, role, content)
          select t.id, m.seq, m.role, m.content
          from t, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as m(seq int, role text, content jsonb)`);
        return;
      }
      await db.transaction(async (tx) => {
        // The update both checks the owner and locks the thread row until the messages are in.
        const [thread] = await tx
          .update(chatThreads)
          .set({
            updatedAt: sql`now()`,
            ...(title ? { title: sql`coalesce(${chatThreads.title}, ${title})` } : {}),
          })
          .where(and(eq(chatThreads.id, threadId), eq(chatThreads.userId, userId)))
          .returning({ id: chatThreads.id });
        if (!thread) throw new ThreadNotFoundError(threadId);
        // A statement of its own, so it sees the messages of a turn that held the lock before.
        await tx.execute(sql`insert into chat_messages (thread_id, seq, role, content)
          select ${threadId}::uuid, last.seq + m.seq, m.role, m.content
          from (select coalesce(max(seq), 0)::int as seq from chat_messages where thread_id = ${threadId}) last,
            jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as m(seq int, role text, content jsonb)`);
      });
    },

    async remove(userId: string, threadId: string): Promise<void> {
      await find(userId, threadId);
      await db.delete(chatThreads).where(and(eq(chatThreads.id, threadId), eq(chatThreads.userId, userId)));
    },
  };
}

export type ThreadStore = ReturnType<typeof createThreadStore>;
