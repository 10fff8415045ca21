import { createOpenAI } from '@ai-sdk/openai';
import type {
  LanguageModelV4,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import type { MastraModelConfig } from '@mastra/core/llm';
import type { AgentKey, Config } from '../config/config.ts';
import { createLocalLanguageModel } from './local-model.ts';

// The one place that decides which language model each agent talks to.

/** Tool rounds one agent may take in a turn before it has to answer (each round is a model call). */
export const MAX_TOOL_ROUNDS = 6;

/** A model call that took longer than MODEL_TIMEOUT_SECONDS. */
export class ModelTimeoutError extends Error {
  constructor(modelId: string, ms: number) {
    super(`the language model ${modelId} did not answer within ${formatSeconds(ms)}`);
    this.name = 'ModelTimeoutError';
  }
}

const formatSeconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`);

export type ModelConfig = Pick<
  Config,
  'MODEL' | 'AGENT_MODELS' | 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'MODEL_TIMEOUT_SECONDS'
>;

export interface AgentModels {
  /** The model an agent uses: its AGENT_MODELS override, else MODEL. */
  modelFor(agent: AgentKey): LanguageModelV4;
  /** The configured name ('local', 'openai/gpt-4o-mini') of an agent's model. */
  nameFor(agent: AgentKey): string;
}

export interface AgentModelsDeps {
  /** Fetch for OpenAI-compatible servers (tests pass one). */
  fetch?: typeof globalThis.fetch;
  /** Builds the offline model; tests may pass a mock. */
  local?: () => LanguageModelV4;
}

/** Builds each agent's model once, from config; every model call is bounded by the timeout. */
export function createAgentModels(config: ModelConfig, deps: AgentModelsDeps = {}): AgentModels {
  const timeoutMs = config.MODEL_TIMEOUT_SECONDS * 1000;
  const byName = new Map<string, LanguageModelV4>();
  const nameFor = (agent: AgentKey) => config.AGENT_MODELS[agent] ?? config.MODEL;
  const build = (name: string): LanguageModelV4 => {
    if (name === 'local') return (deps.local ?? createLocalLanguageModel)();
    const remote = name.match(/^openai\/(.+)$/);
    if (!remote) throw new Error(`model '${name}' must be 'local' or 'openai/<model name>'`);
    const provider = createOpenAI({
      // OpenAI-compatible servers (Ollama, vLLM, LM Studio) often need no key; the SDK insists on one.
      apiKey: config.OPENAI_API_KEY ?? 'not-needed',
      ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    // Chat Completions is the API every OpenAI-compatible server speaks.
    return provider.chat(remote[1]!);
  };
  return {
    nameFor,
    modelFor(agent) {
      const name = nameFor(agent);
      let model = byName.get(name);
      if (!model) {
        model = withCallTimeout(build(name), timeoutMs);
        byName.set(name, model);
      }
      return model;
    },
  };
}

/**
 * Bounds each doGenerate/doStream call (including the whole streamed answer) by `ms`: the
 * call is aborted and fails with ModelTimeoutError, so a stalled model server ends the turn
 * with a clear error instead of hanging it.
 */
export function withCallTimeout(model: LanguageModelV4, ms: number): LanguageModelV4 {
  const start = (signal: AbortSignal | undefined) => {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new ModelTimeoutError(model.modelId, ms);
        controller.abort(error);
        reject(error);
      }, ms);
    });
    expired.catch(() => {});
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    return { signal: controller.signal, expired, done };
  };
  return {
    specificationVersion: 'v4',
    provider: model.provider,
    modelId: model.modelId,
    get supportedUrls() {
      return model.supportedUrls;
    },
    async doGenerate(options) {
      const call = start(options.abortSignal);
      try {
        return await Promise.race([model.doGenerate({ ...options, abortSignal: call.signal }), call.expired]);
      } finally {
        call.done();
      }
    },
    async doStream(options): Promise<LanguageModelV4StreamResult> {
      const call = start(options.abortSignal);
      let result: LanguageModelV4StreamResult;
      try {
        result = await Promise.race([model.doStream({ ...options, abortSignal: call.signal }), call.expired]);
      } catch (error) {
        call.done();
        throw error;
      }
      const reader = result.stream.getReader();
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async pull(controller) {
          try {
            const next = await Promise.race([reader.read(), call.expired]);
            if (next.done) {
              call.done();
              controller.close();
            } else controller.enqueue(next.value);
          } catch (error) {
            call.done();
            reader.cancel(error).catch(() => {});
            controller.error(error);
          }
        },
        cancel(reason) {
          call.done();
          return reader.cancel(reason);
        },
      });
      return { ...result, stream };
    },
  };
}

/**
 * Mastra bundles its own copy of the provider types, so tsc may not see our LanguageModelV4 as
 * its model type although Mastra accepts V4 models at runtime. This is the one typed crossing.
 */
export function toMastraModel(model: LanguageModelV4): MastraModelConfig {
  return model as unknown as MastraModelConfig;
}
