import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../config/logger.ts';
import { createApp } from '../../server/app.ts';
import { createMetrics } from '../../server/metrics.ts';
import { createOpenAiRoute } from '../../server/openai-chat.ts';
import { type ChatHarness, startChatHarness } from '../agents/chat-harness.ts';
import { lastUserText, scriptedModel } from '../agents/scripted-model.ts';

/** Echoes the last message and the user messages it was shown; fails on "model down". */
const assistant = scriptedModel('assistant', (options) => {
  const text = lastUserText(options.prompt);
  if (text.includes('model down')) throw new Error('connect ECONNREFUSED 127.0.0.1:11434');
  const users = options.prompt.filter((m) => m.role === 'user').length;
  return { text: `You said: ${text} (${users} user messages)` };
});

describe('the OpenAI-compatible API, through the official openai client', () => {
  let h: ChatHarness;
  let token: string;
  let app: ReturnType<typeof createApp>;
  const client = (apiKey: string) =>
    new OpenAI({
      apiKey,
      baseURL: 'http://127.0.0.1:8787/v1',
      maxRetries: 0,
      fetch: async (input, init) => app.fetch(new Request(String(input), init)),
    });

  beforeAll(async () => {
    h = await startChatHarness({ models: { assistant } });
    token = await h.accounts.issueToken(h.alice);
    app = createApp({
      logger: silentLogger(),
      metrics: createMetrics(),
      health: [],
      routes: [
        {
          path: '/v1',
          app: createOpenAiRoute({
            chat: h.chat,
            accounts: h.accounts,
            logger: silentLogger(),
            host: '0.0.0.0',
          }),
        },
      ],
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists one model, jobhound', async () => {
    const models = await client(token).models.list();
    expect(models.data.map((m) => m.id)).toEqual(['jobhound']);
    expect((await client(token).models.retrieve('jobhound')).owned_by).toBe('jobhound');
  });

  it('answers a chat completion, reading the conversation the client sends', async () => {
    const completion = await client(token).chat.completions.create({
      model: 'jobhound',
      messages: [
        { role: 'system', content: 'You are a pirate.' },
        { role: 'user', content: 'add greenhouse:acme' },
        { role: 'assistant', content: 'Added greenhouse:acme.' },
        { role: 'user', content: [{ type: 'text', text: 'now crawl it' }] },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('jobhound');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.choices[0]!.message.content).toBe('You said: now crawl it (2 user messages)');
  });

  it('streams a chat completion as chunks', async () => {
    const stream = await client(token).chat.completions.create({
      model: 'jobhound',
      stream: true,
      messages: [{ role: 'user', content: 'hello' }],
    });
    let text = '';
    const finishes: Array<string | null> = [];
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      text += chunk.choices[0]?.delta.content ?? '';
      finishes.push(chunk.choices[0]?.finish_reason ?? null);
    }
    expect(text).toBe('You said: hello (1 user messages)');
    expect(finishes.at(-1)).toBe('stop');
  });

  it('continues a stored thread named in the X-Jobhound-Thread-Id header', async () => {
    const thread = await h.threads.create(h.alice, { channel: 'openai' });
    await h.threads.append(h.alice, thread.id, [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'ok' },
    ]);
    const completion = await client(token).chat.completions.create(
      { model: 'jobhound', messages: [{ role: 'user', content: 'second' }] },
      { headers: { 'x-jobhound-thread-id': thread.id } },
    );
    expect(completion.choices[0]!.message.content).toBe('You said: second (2 user messages)');
    expect(await h.threads.history(h.alice, thread.id)).toHaveLength(4);
  });

  it('refuses a missing or wrong token with 401', async () => {
    const res = await app.request('/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'jobhound', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { type: 'authentication_error', message: expect.stringMatching(/bearer token is required/) },
    });
    await expect(client('jh_wrong').models.list()).rejects.toMatchObject({ status: 401 });
  });

  it('answers an unknown model, bad input and a missing user message with clear 4xx errors', async () => {
    await expect(
      client(token).chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    await expect(
      client(token).chat.completions.create({ model: 'jobhound', messages: [{ role: 'user', content: '' }] }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/message is empty/) });
    await expect(
      client(token).chat.completions.create({
        model: 'jobhound',
        messages: [{ role: 'system', content: 'hi' }],
      }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/no user message/) });
    const broken = await app.request('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: '{"model":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('reports a model that is down: 502 when not streaming, an error event when streaming', async () => {
    const messages = [{ role: 'user' as const, content: 'is the model down?' }];
    await expect(
      client(token).chat.completions.create({ model: 'jobhound', messages }),
    ).rejects.toMatchObject({
      status: 502,
      message: expect.stringMatching(/the language model failed: .*ECONNREFUSED/),
    });
    const stream = await client(token).chat.completions.create({ model: 'jobhound', messages, stream: true });
    await expect(
      (async () => {
        for await (const _ of stream) {
          // read until the error event
        }
      })(),
    ).rejects.toThrow(/the language model failed: .*ECONNREFUSED/);
    const after = await client(token).chat.completions.create({
      model: 'jobhound',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(after.choices[0]!.message.content).toMatch(/^You said: hello/);
  });
});
