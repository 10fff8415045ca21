import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultChatTransport, readUIMessageStream, type UIMessage } from 'ai';
import { sql } from 'drizzle-orm';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../config/logger.ts';
import { jobs } from '../../db/schema.ts';
import { createApp } from '../../server/app.ts';
import { createChatRoute } from '../../server/chat.ts';
import { listen, type RunningServer } from '../../server/listen.ts';
import { createOpenAiRoute } from '../../server/openai-chat.ts';
import { type AtsFixtureServer, startAtsFixtureServer } from '../fixtures/ats/server.ts';
import { waitFor } from '../helpers/queue.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

// A whole conversation with the offline local model over real HTTP, read by the AI SDK's own
// client: add a source, crawl it (progress streams), list the matches and explain one.

const RESUME = readFileSync(join(import.meta.dirname, '../fixtures/resumes/jane-doe.txt'), 'utf8');

type ToolPart = Extract<UIMessage['parts'][number], { type: 'dynamic-tool' }>;

describe('chatting with the local model over HTTP', () => {
  let ats: AtsFixtureServer;
  let t: TestRuntime;
  let server: RunningServer;
  let token: string;
  let threadId: string | undefined;

  beforeAll(async () => {
    ats = await startAtsFixtureServer();
    t = await startTestRuntime({ env: { SOURCE_BASE_URL: ats.baseUrl } });
    await t.call('upload_resume', { text: RESUME });
    token = await t.runtime.services.accounts.issueToken(t.userId);
    const access = { accounts: t.runtime.services.accounts, logger: silentLogger(), host: '0.0.0.0' };
    const app = createApp({
      logger: silentLogger(),
      metrics: t.runtime.metrics,
      health: [],
      routes: [
        { path: '/api/chat', app: createChatRoute({ ...access, chat: t.runtime.chat }) },
        { path: '/v1', app: createOpenAiRoute({ ...access, chat: t.runtime.chat }) },
      ],
    });
    server = await listen(app, '127.0.0.1', 0);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await t?.close();
    await ats?.close();
  });

  /** One turn through DefaultChatTransport; the finished assistant message. */
  async function say(text: string): Promise<{ message: UIMessage; tools: ToolPart[]; text: string }> {
    const transport = new DefaultChatTransport<UIMessage>({
      api: `${server.url}/api/chat`,
      headers: { authorization: `Bearer ${token}` },
    });
    const stream = await transport.sendMessages({
      chatId: 'e2e',
      messages: [{ id: `u-${Date.now()}`, role: 'user', parts: [{ type: 'text', text }] }],
      trigger: 'submit-message',
      messageId: undefined,
      abortSignal: undefined,
      body: threadId ? { threadId } : {},
    });
    let message: UIMessage | undefined;
    for await (const m of readUIMessageStream({ stream, terminateOnError: true })) message = m;
    threadId ??= (message!.metadata as { threadId: string }).threadId;
    const answer = message!.parts
      .filter((p) => p.type === 'text')
      .map((p) => (p.type === 'text' ? p.text : ''))
      .join('');
    return {
      message: message!,
      tools: message!.parts.filter((p) => p.type === 'dynamic-tool'),
      text: answer,
    };
  }

  const called = (tools: ToolPart[]) => tools.map((p) => p.toolName);

  it('adds a source when asked in plain words', async () => {
    const turn = await say('please add greenhouse:acme as a source');
    expect(called(turn.tools)).toEqual(['agent-scraper', 'add_source']);
    expect(turn.tools[1]!.input).toEqual({ spec: 'greenhouse:acme' });
    expect(turn.text).toMatch(/greenhouse:acme/);
  });

  it('crawls it, streaming the progress as it goes', async () => {
    const turn = await say('crawl it and wait for it to finish');
    expect(called(turn.tools)).toEqual(['agent-scraper', 'crawl_source']);
    expect(turn.tools[1]!.input).toMatchObject({ source: 'greenhouse:acme', wait: true });
    const progress = turn.message.parts.find((p) => p.type === 'data-progress');
    expect(progress).toMatchObject({ data: { agent: 'scraper', toolName: 'crawl_source' } });
    const crawled = ats.getJobs('greenhouse', 'acme').length;
    expect((progress as { data: { message: string } }).data.message).toContain(`${crawled} new`);
    expect(turn.text).toMatch(/greenhouse:acme/);
    // Matching needs the new jobs embedded (queued by the crawl).
    await waitFor(
      async () => {
        const [row] = await t.runtime.handle.db
          .select({ n: sql<number>`count(*)::int` })
          .from(jobs)
          .where(sql`embedding is null`);
        return Number(row?.n) === 0;
      },
      { timeoutMs: 60_000, what: 'jobs to be embedded' },
    );
  }, 120_000);

  it('lists the matches as a readable list built from the tool result', async () => {
    const turn = await say('show me my best matches');
    expect(called(turn.tools)).toEqual(['agent-matcher', 'search_matches']);
    const output = turn.tools[1]!.state === 'output-available' ? turn.tools[1]!.output : null;
    const matches = (output as { matches: Array<{ job: { title: string; company: string }; score: number }> })
      .matches;
    expect(matches.length).toBeGreaterThan(0);
    const best = matches[0]!;
    expect(turn.text).toContain(best.job.title);
    expect(turn.text).toContain(String(best.score));
    expect(turn.text).not.toMatch(/^\s*[[{]/);
  });

  it('explains the first one, resolved from the list it just showed', async () => {
    const listed = await t.call('search_matches', {});
    const first = (listed as { matches: Array<{ job: { id: string; title: string }; score: number }> })
      .matches[0]!;
    const turn = await say('explain the first one');
    expect(called(turn.tools)).toEqual(['agent-matcher', 'explain_match']);
    expect(turn.tools[1]!.input).toEqual({ jobId: first.job.id });
    expect(turn.text).toContain(first.job.title);
    expect(turn.text).toContain(String(first.score));
  });

  it('keeps the whole conversation in one stored thread', async () => {
    const history = await t.runtime.threads.history(t.userId, threadId!);
    expect(history.filter((m) => m.role === 'user').map((m) => m.content)).toEqual([
      'please add greenhouse:acme as a source',
      'crawl it and wait for it to finish',
      'show me my best matches',
      'explain the first one',
    ]);
  });

  it('answers an OpenAI client as the model "jobhound", streaming and not', async () => {
    const client = new OpenAI({ apiKey: token, baseURL: `${server.url}/v1`, maxRetries: 0 });
    const plain = await client.chat.completions.create({
      model: 'jobhound',
      messages: [{ role: 'user', content: 'list my sources' }],
    });
    expect(plain.choices[0]!.message.content).toContain('greenhouse:acme');
    const stream = await client.chat.completions.create({
      model: 'jobhound',
      stream: true,
      messages: [{ role: 'user', content: 'list my sources' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(plain.choices[0]!.message.content);
    await expect(
      new OpenAI({ apiKey: 'jh_not_a_token', baseURL: `${server.url}/v1`, maxRetries: 0 }).models.list(),
    ).rejects.toMatchObject({ status: 401 });
  });
});
