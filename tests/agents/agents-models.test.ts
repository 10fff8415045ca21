import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createAgentModels, ModelTimeoutError, withCallTimeout } from '../../agents/models.ts';
import { loadConfig } from '../../config/config.ts';

const call: LanguageModelV4CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
};

/** A chat completion as an OpenAI-compatible server returns it. */
const completion = (content: string) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_767_225_600,
  model: 'llama3.1:8b',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
});

describe('choosing language models', () => {
  it('gives every agent the offline local model by default', () => {
    const models = createAgentModels(loadConfig({}));
    for (const agent of ['assistant', 'matcher', 'researcher'] as const) {
      expect(models.nameFor(agent)).toBe('local');
      expect(models.modelFor(agent).modelId).toBe('local');
    }
    expect(models.modelFor('assistant')).toBe(models.modelFor('matcher'));
  });

  it('sends an overridden agent to the OpenAI-compatible server named in config', async () => {
    const requests: Array<{ url: string; auth: string | null; body: { model: string } }> = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      requests.push({
        url: String(input),
        auth: new Headers(init?.headers).get('authorization'),
        body: JSON.parse(String(init?.body)),
      });
      return Response.json(completion('Hello from Ollama'));
    };
    const config = loadConfig({
      AGENT_MODELS: 'matcher=openai/llama3.1:8b',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      OPENAI_API_KEY: 'sk-test',
    });
    const models = createAgentModels(config, { fetch });
    expect(models.nameFor('matcher')).toBe('openai/llama3.1:8b');
    expect(models.nameFor('assistant')).toBe('local');
    const result = await models.modelFor('matcher').doGenerate(call);
    expect(result.content).toEqual([{ type: 'text', text: 'Hello from Ollama' }]);
    expect(requests).toEqual([
      {
        url: 'http://127.0.0.1:11434/v1/chat/completions',
        auth: 'Bearer sk-test',
        body: expect.objectContaining({ model: 'llama3.1:8b' }),
      },
    ]);
  });

  it('refuses an agent override it cannot reach, naming the agent', () => {
    expect(() => loadConfig({ AGENT_MODELS: 'researcher=openai/gpt-4o-mini' })).toThrow(
      /AGENT_MODELS \(researcher\): 'openai\/gpt-4o-mini' needs OPENAI_API_KEY/,
    );
    expect(() => loadConfig({ AGENT_MODELS: 'critic=local' })).toThrow(/unknown agent 'critic'/);
  });
});

describe('the per-call timeout', () => {
  it('fails a call that does not answer in time, and aborts it', async () => {
    let aborted = false;
    const stalled = new MockLanguageModelV4({
      modelId: 'slow',
      doGenerate: (options) =>
        new Promise((_, reject) =>
          options.abortSignal?.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          }),
        ),
    });
    const bounded = withCallTimeout(stalled, 50);
    await expect(bounded.doGenerate(call)).rejects.toThrow(ModelTimeoutError);
    await expect(bounded.doGenerate(call)).rejects.toThrow(
      'the language model slow did not answer within 50 ms',
    );
    expect(aborted).toBe(true);
  });

  it('fails a stream that stops in the middle, after passing on what came', async () => {
    const stalling = new MockLanguageModelV4({
      modelId: 'stalls',
      doStream: async () => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            controller.enqueue({ type: 'stream-start', warnings: [] });
            controller.enqueue({ type: 'text-start', id: 't' });
            controller.enqueue({ type: 'text-delta', id: 't', delta: 'Hel' });
          },
        }),
      }),
    });
    const { stream } = await withCallTimeout(stalling, 80).doStream(call);
    const seen: string[] = [];
    const reader = stream.getReader();
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          seen.push(value.type);
        }
      })(),
    ).rejects.toThrow(ModelTimeoutError);
    expect(seen).toEqual(['stream-start', 'text-start', 'text-delta']);
  });

  it("passes a caller's abort through to the model", async () => {
    let reason: unknown;
    const model = new MockLanguageModelV4({
      doGenerate: (options) =>
        new Promise((_, reject) =>
          options.abortSignal?.addEventListener('abort', () => {
            reason = options.abortSignal?.reason;
            reject(reason);
          }),
        ),
    });
    const controller = new AbortController();
    const pending = withCallTimeout(model, 10_000).doGenerate({ ...call, abortSignal: controller.signal });
    controller.abort(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
  });
});
