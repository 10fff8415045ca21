import { DefaultChatTransport, readUIMessageStream, type UIMessage } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../config/logger.ts';
import { createApp } from '../../server/app.ts';
import { createChatRoute, MAX_CHAT_BODY_BYTES } from '../../server/chat.ts';
import { createMetrics } from '../../server/metrics.ts';
import { type ChatHarness, startChatHarness } from '../agents/chat-harness.ts';
import { lastToolResult, lastUserText, scriptedModel } from '../agents/scripted-model.ts';

/** Delegates crawls to the scraper, fails on "down", and otherwise echoes with the turn count. */
const assistant = scriptedModel('assistant', (options) => {
  const result = lastToolResult(options.prompt);
  if (result) return { text: result.output.type === 'text' ? result.output.value : 'done' };
  const text = lastUserText(options.prompt);
  if (text.includes('model down')) throw new Error('connect ECONNREFUSED 127.0.0.1:11434');
  if (text.startsWith('crawl ')) return { calls: [{ tool: 'agent-scraper', input: { prompt: text } }] };
  const turns = options.prompt.filter((m) => m.role === 'user').length;
  return { text: `You said: ${text} (message ${turns} in this thread)` };
});
const scraper = scriptedModel('scraper', (options) => {
  const result = lastToolResult(options.prompt);
  if (result) return { text: 'Crawled greenhouse:acme: 3 pages.' };
  return { calls: [{ tool: 'crawl_source', input: { source: 'greenhouse:acme' } }] };
});

function appFor(h: ChatHarness, host: string) {
  return createApp({
    logger: silentLogger(),
    metrics: createMetrics(),
    health: [],
    routes: [
      {
        path: '/api/chat',
        app: createChatRoute({ chat: h.chat, accounts: h.accounts, logger: silentLogger(), host }),
      },
    ],
  });
}

/** The AI SDK's own client transport, talking to the app without a socket. */
function transportFor(app: ReturnType<typeof appFor>, headers: Record<string, string> = {}) {
  return new DefaultChatTransport<UIMessage>({
    api: 'http://127.0.0.1:8787/api/chat',
    headers,
    fetch: async (input, init) => app.fetch(new Request(String(input), init)),
  });
}

const userMessage = (text: string): UIMessage => ({
  id: `m-${text.length}`,
  role: 'user',
  parts: [{ type: 'text', text }],
});

async function converse(
  transport: DefaultChatTransport<UIMessage>,
  text: string,
  body: Record<string, unknown> = {},
) {
  const stream = await transport.sendMessages({
    chatId: 'chat-1',
    messages: [userMessage(text)],
    trigger: 'submit-message',
    messageId: undefined,
    abortSignal: undefined,
    body,
  });
  const errors: string[] = [];
  let last: UIMessage | undefined;
  for await (const message of readUIMessageStream({ stream, onError: (e) => errors.push(String(e)) })) {
    last = message;
  }
  return { message: last!, errors };
}

const textOf = (message: UIMessage) =>
  message.parts
    .filter((p) => p.type === 'text')
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('');

describe('POST /api/chat', () => {
  let h: ChatHarness;
  let token: string;
  beforeAll(async () => {
    h = await startChatHarness({ models: { assistant, scraper } });
    token = await h.accounts.issueToken(h.alice);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('streams an answer the AI SDK client reads, with tool parts and crawl progress', async () => {
    const transport = transportFor(appFor(h, '0.0.0.0'), { authorization: `Bearer ${token}` });
    const { message, errors } = await converse(transport, 'crawl greenhouse:acme');
    expect(errors).toEqual([]);
    expect(message.role).toBe('assistant');
    expect(textOf(message)).toBe('Crawled greenhouse:acme: 3 pages.');
    const tools = message.parts.filter((p) => p.type === 'dynamic-tool');
    expect(tools.map((p) => [p.toolName, p.state])).toEqual([
      ['agent-scraper', 'output-available'],
      ['crawl_source', 'output-available'],
    ]);
    const progress = message.parts.filter((p) => p.type === 'data-progress');
    // One part per tool call, updated in place to the last report.
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatchObject({
      data: { agent: 'scraper', toolName: 'crawl_source', done: 3, total: 3 },
    });
    expect(message.metadata).toMatchObject({ threadId: expect.any(String) });
  });

  it('continues a thread when its id is sent back, and says where it is', async () => {
    const app = appFor(h, '0.0.0.0');
    const transport = transportFor(app, { authorization: `Bearer ${token}` });
    const first = await converse(transport, 'hello');
    const threadId = (first.message.metadata as { threadId: string }).threadId;
    const second = await converse(transport, 'and again', { threadId });
    expect(textOf(second.message)).toBe('You said: and again (message 2 in this thread)');
    const plain = await app.request('/api/chat', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'third', threadId }),
    });
    expect(plain.headers.get('x-jobhound-thread-id')).toBe(threadId);
    expect(plain.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(await plain.text()).toContain('You said: third (message 3 in this thread)');
  });

  it('answers bad input with a 4xx and a JSON error naming the problem', async () => {
    const app = appFor(h, '0.0.0.0');
    const post = (body: string) =>
      app.request('/api/chat', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    const cases: Array<[string, number, string, RegExp]> = [
      ['{"message": "hi"', 400, 'bad_request', /not valid JSON/],
      ['', 400, 'bad_request', /body is empty/],
      ['{"message": 42}', 400, 'bad_request', /message: .*string/],
      [JSON.stringify({ message: '   ' }), 422, 'invalid_input', /message is empty/],
      [
        JSON.stringify({ message: 'x'.repeat(40_000) }),
        422,
        'invalid_input',
        /40000 characters; the limit is 32000/,
      ],
      [
        JSON.stringify({ message: 'x'.repeat(MAX_CHAT_BODY_BYTES) }),
        413,
        'payload_too_large',
        /larger than 1048576 bytes/,
      ],
      [
        JSON.stringify({ message: 'hi', threadId: '00000000-0000-4000-8000-000000000000' }),
        404,
        'not_found',
        /thread '00000000-0000-4000-8000-000000000000' was not found/,
      ],
      [JSON.stringify({ message: 'hi', threadId: 'nope' }), 404, 'not_found', /thread 'nope' was not found/],
    ];
    for (const [body, status, code, message] of cases) {
      const res = await post(body);
      expect(res.status, body.slice(0, 40)).toBe(status);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe(code);
      expect(json.error.message).toMatch(message);
    }
  });

  it("does not let one user continue another user's thread", async () => {
    const app = appFor(h, '0.0.0.0');
    const bobToken = await h.accounts.issueToken(h.bob);
    const aliceThread = await h.threads.create(h.alice, { channel: 'api' });
    const res = await app.request('/api/chat', {
      method: 'POST',
      headers: { authorization: `Bearer ${bobToken}` },
      body: JSON.stringify({ message: 'hi', threadId: aliceThread.id }),
    });
    expect(res.status).toBe(404);
    expect(await h.threads.history(h.alice, aliceThread.id)).toEqual([]);
  });

  it('puts a model that is down into the stream as an error, and keeps serving', async () => {
    const transport = transportFor(appFor(h, '0.0.0.0'), { authorization: `Bearer ${token}` });
    const failed = await converse(transport, 'is the model down?');
    expect(failed.errors.join()).toMatch(/the language model failed: .*ECONNREFUSED/);
    const next = await converse(transport, 'hello');
    expect(textOf(next.message)).toBe('You said: hello (message 1 in this thread)');
  });

  it('wants a bearer token when bound beyond loopback, and refuses a wrong one', async () => {
    const app = appFor(h, '0.0.0.0');
    const without = await app.request('/api/chat', {
      method: 'POST',
      body: JSON.stringify({ message: 'hi' }),
    });
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect(await without.json()).toEqual({
      error: { code: 'unauthorized', message: 'a bearer token is required (Authorization: Bearer <token>)' },
    });
    const wrong = await app.request('/api/chat', {
      method: 'POST',
      headers: { authorization: 'Bearer jh_wrong' },
      body: JSON.stringify({ message: 'hi' }),
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe(
      'the bearer token is not valid',
    );
  });

  it('refuses a page on another origin', async () => {
    const app = appFor(h, '127.0.0.1');
    const res = await app.request('http://127.0.0.1:8787/api/chat', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' },
      body: JSON.stringify({ message: 'add source https://evil.example' }),
    });
    expect(res.status).toBe(403);
  });
});

describe('POST /api/chat on a single-person install', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness({ models: { assistant }, users: 'local' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('acts as the local user without a token on loopback, but not when bound elsewhere', async () => {
    const local = await converse(transportFor(appFor(h, '127.0.0.1')), 'hello');
    expect(textOf(local.message)).toBe('You said: hello (message 1 in this thread)');
    const threadId = (local.message.metadata as { threadId: string }).threadId;
    expect(await h.threads.history(h.alice, threadId)).toHaveLength(2);
    const exposed = await appFor(h, '0.0.0.0').request('/api/chat', {
      method: 'POST',
      body: JSON.stringify({ message: 'hello' }),
    });
    expect(exposed.status).toBe(401);
  });
});
