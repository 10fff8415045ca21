import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelMessage } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../agents/chat.ts';
import type { AgentModels } from '../../agents/models.ts';
import { createThreadStore, ThreadNotFoundError, type ThreadStore } from '../../agents/threads.ts';
import { createRuntime } from '../../cli/runtime.ts';
import { loadConfig } from '../../config/config.ts';
import { silentLogger } from '../../config/logger.ts';
import { createAccounts } from '../../tools/users/accounts.ts';
import {
  createPostgresDatabase,
  createTestDatabase,
  defaultBackend,
  dropPostgresDatabase,
  type TestDatabase,
} from '../helpers/db.ts';
import { lastUserText, scriptedModel } from './scripted-model.ts';

describe('conversation threads', () => {
  let db: TestDatabase;
  let threads: ThreadStore;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    threads = createThreadStore(db.handle.db);
    const accounts = createAccounts(db.handle.db);
    alice = (await accounts.createUser('alice')).id;
    bob = (await accounts.createUser('bob')).id;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('keeps a thread per user, titled by its first message, with messages in order', async () => {
    const thread = await threads.create(alice, { channel: 'api' });
    await threads.append(alice, thread.id, [
      { role: 'user', content: 'Show my remote matches in Berlin\nplease' },
      { role: 'assistant', content: 'Here are 3 matches.' },
    ]);
    await threads.append(alice, thread.id, [{ role: 'user', content: 'explain the first one' }]);
    expect((await threads.get(alice, thread.id)).title).toBe('Show my remote matches in Berlin');
    expect(await threads.history(alice, thread.id)).toEqual([
      { role: 'user', content: 'Show my remote matches in Berlin\nplease' },
      { role: 'assistant', content: 'Here are 3 matches.' },
      { role: 'user', content: 'explain the first one' },
    ]);
    expect((await threads.list(alice)).map((t) => t.id)).toContain(thread.id);
    expect((await threads.list(bob)).map((t) => t.id)).not.toContain(thread.id);
  });

  it("answers an unknown id, a malformed id and another user's thread alike", async () => {
    const thread = await threads.create(alice, { channel: 'api' });
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(threads.history(bob, thread.id)).rejects.toThrow(ThreadNotFoundError);
    await expect(threads.history(bob, thread.id)).rejects.toThrow(`thread '${thread.id}' was not found`);
    await expect(threads.get(alice, unknown)).rejects.toThrow(`thread '${unknown}' was not found`);
    await expect(threads.get(alice, 'not-a-uuid')).rejects.toThrow(ThreadNotFoundError);
    await expect(threads.append(bob, thread.id, [{ role: 'user', content: 'hi' }])).rejects.toThrow(
      ThreadNotFoundError,
    );
  });

  it('replays a window of recent messages that never starts with an orphaned tool result', async () => {
    const thread = await threads.create(alice, { channel: 'api' });
    const turn = (n: number): ModelMessage[] => [
      { role: 'user', content: `question ${n}` },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: `c${n}`, toolName: 'agent-matcher', input: { prompt: 'x' } },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: `c${n}`,
            toolName: 'agent-matcher',
            output: { type: 'text', value: 'r' },
          },
        ],
      },
      { role: 'assistant', content: `answer ${n}` },
    ];
    for (let n = 1; n <= 5; n++) await threads.append(alice, thread.id, turn(n));
    const window = await threads.history(alice, thread.id, { limit: 6 });
    expect(window[0]).toEqual({ role: 'user', content: 'question 5' });
    expect(window).toHaveLength(4);
    expect(window[2]).toEqual(turn(5)[2]);
  });

  it('keeps every message when two turns are stored at once', async () => {
    const thread = await threads.create(alice, { channel: 'api' });
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        threads.append(alice, thread.id, [
          { role: 'user', content: `q${i}` },
          { role: 'assistant', content: `a${i}` },
        ]),
      ),
    );
    const all = await threads.history(alice, thread.id, { limit: 100 });
    expect(all).toHaveLength(10);
    for (let i = 0; i < 10; i += 2) {
      expect(Number(String(all[i + 1]!.content).slice(1))).toBe(Number(String(all[i]!.content).slice(1)));
    }
  });
});

describe('a thread across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jh-threads-'));
  let pgUrl: string | undefined;
  beforeAll(async () => {
    pgUrl = defaultBackend() === 'postgres' ? await createPostgresDatabase() : undefined;
  });
  afterAll(async () => {
    if (pgUrl) await dropPostgresDatabase(pgUrl);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A model that says how many user messages it was shown, so replayed history is visible. */
  const counting = scriptedModel('assistant', (options) => {
    const users = options.prompt.filter((m) => m.role === 'user').length;
    return { text: `you said '${lastUserText(options.prompt)}'; ${users} messages from you so far` };
  });
  const models: AgentModels = { modelFor: () => counting, nameFor: () => 'mock/counting' };

  const open = () =>
    createRuntime(
      loadConfig({ DATA_DIR: dataDir, ...(pgUrl ? { DATABASE_URL: pgUrl } : {}) }),
      silentLogger(),
      {
        schedule: false,
        browser: null,
        models,
      },
    );

  const say = async (
    runtime: Awaited<ReturnType<typeof open>>,
    userId: string,
    message: string,
    threadId?: string,
  ) => {
    const turn = await runtime.chat.chat({ userId, message, ...(threadId ? { threadId } : {}) });
    const events: ChatEvent[] = [];
    for await (const e of turn.events) events.push(e);
    const finish = events.find((e) => e.type === 'finish');
    return { threadId: turn.threadId!, text: finish?.type === 'finish' ? finish.text : '' };
  };

  it('continues the conversation after the process restarts', async () => {
    const first = await open();
    const userId = await first.services.accounts.localUser();
    const one = await say(first, userId, 'add greenhouse:acme');
    expect(one.text).toBe("you said 'add greenhouse:acme'; 1 messages from you so far");
    await first.close();

    const second = await open();
    try {
      const two = await say(second, userId, 'crawl it', one.threadId);
      expect(two.threadId).toBe(one.threadId);
      expect(two.text).toBe("you said 'crawl it'; 2 messages from you so far");
      const history = await second.threads.history(userId, one.threadId);
      expect(history.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    } finally {
      await second.close();
    }
  }, 60_000);
});
