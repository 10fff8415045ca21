import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { RequestContext } from '@mastra/core/request-context';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECIALIST_KEYS } from '../../agents/agents.ts';
import type { ChatEvent } from '../../agents/chat.ts';
import { MAX_TOOL_ROUNDS } from '../../agents/models.ts';
import { AGENT_TOOL_IDS, toMastraTool } from '../../agents/tools.ts';
import { silentLogger } from '../../config/logger.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import {
  type ChatHarness,
  HOSTILE_DESCRIPTION,
  standInTools,
  startChatHarness,
  textOf,
} from './chat-harness.ts';
import {
  delegatingAssistant,
  lastToolResult,
  offeredTools,
  type Step,
  scriptedModel,
} from './scripted-model.ts';

/** A specialist that calls `tool` with `input` once, then answers with the result's JSON. */
function callsOnce(
  name: string,
  tool: string,
  input: Record<string, unknown>,
  seen: LanguageModelV4CallOptions[] = [],
) {
  return scriptedModel(name, (options): Step => {
    seen.push(options);
    const result = lastToolResult(options.prompt);
    if (result) return { text: `result: ${JSON.stringify(result.output)}` };
    return { calls: [{ tool, input }] };
  });
}

const ofType = <T extends ChatEvent['type']>(events: ChatEvent[], type: T) =>
  events.filter((e): e is Extract<ChatEvent, { type: T }> => e.type === type);

describe('the assistant and its specialists (mock models)', () => {
  let db: TestDatabase;
  let h: ChatHarness;
  const start = (options: Omit<Parameters<typeof startChatHarness>[0], 'db'>) =>
    startChatHarness({ ...options, db });
  beforeAll(async () => {
    db = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('offers the assistant only its five specialists, and each specialist only its own tools', async () => {
    const seen: Record<string, string[]> = {};
    const recording = (name: string) =>
      scriptedModel(name, (options) => {
        seen[name] = offeredTools(options);
        const result = lastToolResult(options.prompt);
        if (name !== 'assistant' || result) return { text: 'done' };
        return {
          calls: SPECIALIST_KEYS.map((key) => ({ tool: `agent-${key}`, input: { prompt: 'hello' } })),
        };
      });
    h = await start({
      models: Object.fromEntries(['assistant', ...SPECIALIST_KEYS].map((k) => [k, recording(k)])),
    });
    await h.send({ message: 'hello' });
    expect(seen.assistant).toEqual(SPECIALIST_KEYS.map((k) => `agent-${k}`).sort());
    for (const key of SPECIALIST_KEYS) expect(seen[key]).toEqual([...AGENT_TOOL_IDS[key]].sort());
    const applicationTools = [
      'prepare_application',
      'track_application',
      'list_applications',
      'get_application',
    ];
    for (const key of SPECIALIST_KEYS.filter((k) => k !== 'applicant')) {
      expect(seen[key]!.filter((t) => applicationTools.includes(t))).toEqual([]);
    }
    expect(seen.researcher).not.toContain('add_source');
    expect(seen.researcher).not.toContain('crawl_source');
  });

  it('runs a tool as the caller of the turn, whatever user the model names in the arguments', async () => {
    let bob = '';
    // The model smuggles another user's id into the arguments: the schema has no such field.
    const smuggling = scriptedModel('scraper', (options) => {
      const result = lastToolResult(options.prompt);
      if (result) return { text: JSON.stringify(result.output) };
      return { calls: [{ tool: 'list_sources', input: { userId: bob } }] };
    });
    h = await start({ models: { assistant: delegatingAssistant('scraper'), scraper: smuggling } });
    bob = h.bob;
    const { events } = await h.send({ message: 'list my sources' });
    const result = ofType(events, 'tool-result').find((e) => e.toolName === 'list_sources');
    expect(result).toMatchObject({
      agent: 'scraper',
      error: null,
      output: { tool: 'list_sources', userId: h.alice },
    });
  });

  it('refuses to run a tool when the request context names no caller', async () => {
    const tool = toMastraTool(standInTools()[0]!, 'scraper', { logger: silentLogger() });
    await expect(tool.execute!({}, { requestContext: new RequestContext() } as never)).rejects.toThrow(
      /no caller in the request context/,
    );
  });

  it('fences scraped job text as untrusted data before a model reads it, and gives surfaces the plain text', async () => {
    const seen: LanguageModelV4CallOptions[] = [];
    h = await start({
      models: {
        assistant: delegatingAssistant('researcher'),
        researcher: callsOnce('researcher', 'get_job', { jobId: 'j1' }, seen),
      },
    });
    const { events } = await h.send({ message: 'show me job j1' });
    const output = lastToolResult(seen.at(-1)!.prompt)!.output;
    expect(output.type).toBe('json');
    const description = (output as unknown as { value: { description: string } }).value.description;
    expect(description.startsWith('<untrusted-data source="get_job:description">\n')).toBe(true);
    expect(description.endsWith('\n</untrusted-data>')).toBe(true);
    // The page's own closing tag cannot end the block early.
    expect(description.match(/<\/untrusted-data>/g)).toHaveLength(1);
    expect(description).toContain('&lt;/untrusted-data>');
    const surfaced = ofType(events, 'tool-result').find((e) => e.toolName === 'get_job');
    expect(surfaced?.output).toMatchObject({ description: HOSTILE_DESCRIPTION });
    // The injected order reached no tool.
    expect(ofType(events, 'tool-call').map((e) => e.toolName)).toEqual(['agent-researcher', 'get_job']);
  });

  it('tells the model why a tool call failed, and the turn still ends with an answer', async () => {
    const seen: LanguageModelV4CallOptions[] = [];
    h = await start({
      models: {
        assistant: delegatingAssistant('researcher'),
        researcher: callsOnce('researcher', 'get_job', { jobId: 'nope', fail: true }, seen),
      },
    });
    const { events } = await h.send({ message: 'show me job nope' });
    expect(lastToolResult(seen.at(-1)!.prompt)!.output).toEqual({
      type: 'error-text',
      value: "no job with id 'nope'",
    });
    expect(ofType(events, 'tool-result').find((e) => e.toolName === 'get_job')?.error).toBe(
      "no job with id 'nope'",
    );
    expect(ofType(events, 'finish')[0]).toMatchObject({ finishReason: 'stop' });
    expect(textOf(events)).toContain("no job with id 'nope'");
  });

  it('streams tool progress while the tool runs, before its result', async () => {
    h = await start({
      models: {
        assistant: delegatingAssistant('scraper'),
        scraper: callsOnce('scraper', 'crawl_source', { source: 'greenhouse:acme' }),
      },
    });
    const { events } = await h.send({ message: 'crawl greenhouse:acme' });
    const progress = ofType(events, 'progress');
    expect(progress.map((p) => [p.done, p.total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(progress[0]).toMatchObject({
      agent: 'scraper',
      toolName: 'crawl_source',
      message: 'greenhouse:acme: 1 pages',
    });
    const order = events.map((e) => (e.type === 'tool-result' ? `result:${e.toolName}` : e.type));
    expect(order.lastIndexOf('progress')).toBeLessThan(order.indexOf('result:crawl_source'));
  });

  it('stops the turn when the caller goes away, and keeps what the user said', async () => {
    h = await start({
      models: {
        assistant: delegatingAssistant('scraper'),
        scraper: callsOnce('scraper', 'crawl_source', { source: 'greenhouse:acme' }),
      },
    });
    const controller = new AbortController();
    const turn = await h.chat.chat({
      userId: h.alice,
      message: 'crawl greenhouse:acme',
      signal: controller.signal,
    });
    const events: ChatEvent[] = [];
    for await (const event of turn.events) {
      events.push(event);
      if (event.type === 'progress') controller.abort();
    }
    expect(ofType(events, 'finish')[0]?.finishReason).toBe('aborted');
    expect(ofType(events, 'text-delta')).toEqual([]);
    const history = await h.threads.history(h.alice, turn.threadId!);
    expect(history[0]).toEqual({ role: 'user', content: 'crawl greenhouse:acme' });
  });

  it('reports a model server that is down as an error in the stream, and the next turn works', async () => {
    let down = true;
    const flaky = scriptedModel('assistant', () => {
      if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:11434');
      return { text: 'back again' };
    });
    h = await start({ models: { assistant: flaky } });
    const failed = await h.send({ message: 'hello' });
    expect(ofType(failed.events, 'error')[0]?.message).toMatch(
      /^the language model failed: .*ECONNREFUSED 127\.0\.0\.1:11434/,
    );
    expect(ofType(failed.events, 'finish')[0]).toMatchObject({ finishReason: 'error', text: '' });
    down = false;
    const next = await h.send({ message: 'hello again', threadId: failed.threadId! });
    expect(textOf(next.events)).toBe('back again');
  });

  it('ends the turn with a clear error when the model does not answer in time', async () => {
    const stalled = scriptedModel('assistant', () => ({ text: 'never' }));
    stalled.doStream = (options) =>
      new Promise((_, reject) =>
        options.abortSignal?.addEventListener('abort', () => reject(options.abortSignal?.reason)),
      );
    h = await start({ models: { assistant: stalled }, timeoutMs: 200 });
    const started = Date.now();
    const { events } = await h.send({ message: 'hello' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ofType(events, 'error')[0]?.message).toBe(
      'the language model assistant did not answer within 200 ms',
    );
  });

  it(`stops a specialist after ${MAX_TOOL_ROUNDS} tool rounds and the assistant after as many delegations`, async () => {
    let scraperCalls = 0;
    let assistantCalls = 0;
    const looping = scriptedModel('scraper', () => {
      scraperCalls += 1;
      return { calls: [{ tool: 'list_sources', input: {} }] };
    });
    const insisting = scriptedModel('assistant', () => {
      assistantCalls += 1;
      return { calls: [{ tool: 'agent-scraper', input: { prompt: 'again' } }] };
    });
    h = await start({ models: { assistant: insisting, scraper: looping } });
    const { events } = await h.send({ message: 'loop forever' });
    expect(assistantCalls).toBe(MAX_TOOL_ROUNDS + 1);
    expect(scraperCalls).toBe((MAX_TOOL_ROUNDS + 1) ** 2);
    expect(ofType(events, 'finish')[0]?.finishReason).toBe('tool-rounds');
    expect(ofType(events, 'error')[0]?.message).toMatch(`limit of ${MAX_TOOL_ROUNDS} tool rounds`);
  });
});
