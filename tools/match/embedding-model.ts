import { createOpenAI } from '@ai-sdk/openai';
import type { EmbeddingModelV4 } from '@ai-sdk/provider';
import { createLocalEmbedder } from './local-embedder.ts';

// The one place that decides which embedding model the app uses. Every model returns vectors of
// EMBEDDING_DIMENSIONS, because stored job embeddings must stay comparable to new ones.

export const EMBEDDING_DIMENSIONS = 384;

export interface EmbeddingConfig {
  /** 'local' or 'openai/<model>' (any OpenAI-compatible /v1/embeddings endpoint). */
  EMBEDDING_MODEL: string;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
}

export interface EmbeddingModelDeps {
  extractSkills: (text: string) => string[];
  /** Fetch used for HTTP models (tests pass one; defaults to the global fetch). */
  fetch?: typeof globalThis.fetch;
}

/** Wraps a remote model so every call asks for, and checks it got, EMBEDDING_DIMENSIONS. */
function withFixedDimensions(model: EmbeddingModelV4): EmbeddingModelV4 {
  return {
    specificationVersion: 'v4',
    provider: model.provider,
    modelId: model.modelId,
    maxEmbeddingsPerCall: model.maxEmbeddingsPerCall,
    supportsParallelCalls: model.supportsParallelCalls,
    async doEmbed(options) {
      const result = await model.doEmbed({ ...options, dimensions: EMBEDDING_DIMENSIONS });
      if (result.embeddings.length !== options.values.length) {
        throw new Error(
          `embedding model ${model.modelId} returned ${result.embeddings.length} embeddings for ${options.values.length} values`,
        );
      }
      const wrong = result.embeddings.findIndex((e) => e.length !== EMBEDDING_DIMENSIONS);
      if (wrong >= 0) {
        throw new Error(
          `embedding model ${model.modelId} returned ${result.embeddings[wrong]!.length} dimensions for value ${wrong}; ` +
            `expected ${EMBEDDING_DIMENSIONS} (does the model support the dimensions parameter?)`,
        );
      }
      return result;
    },
  };
}

/** Builds the embedding model named by EMBEDDING_MODEL. */
export function createEmbeddingModel(config: EmbeddingConfig, deps: EmbeddingModelDeps): EmbeddingModelV4 {
  const name = typeof config?.EMBEDDING_MODEL === 'string' ? config.EMBEDDING_MODEL.trim() : '';
  if (name === 'local') {
    return createLocalEmbedder({ dimensions: EMBEDDING_DIMENSIONS, extractSkills: deps.extractSkills });
  }
  const remote = name.match(/^openai\/(.+)$/);
  if (!remote) {
    throw new Error(
      `EMBEDDING_MODEL: expected "local" or "openai/<model>", got ${JSON.stringify(config?.EMBEDDING_MODEL)}`,
    );
  }
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) {
    throw new Error(
      `OPENAI_API_KEY: required for EMBEDDING_MODEL=${name} unless OPENAI_BASE_URL points at a local server`,
    );
  }
  const provider = createOpenAI({
    // Local OpenAI-compatible servers often need no key; the SDK still wants one.
    apiKey: config.OPENAI_API_KEY || 'not-needed',
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  return withFixedDimensions(provider.embedding(remote[1]!));
}

export interface EmbedManyOptions {
  /** Values per call; capped at the model's maxEmbeddingsPerCall. */
  batchSize?: number;
  abortSignal?: AbortSignal;
}

/** Embeds any number of values in batches the model accepts, keeping input order. */
export async function embedMany(
  model: EmbeddingModelV4,
  values: string[],
  options: EmbedManyOptions = {},
): Promise<number[][]> {
  if (!Array.isArray(values)) throw new TypeError('embedMany: values must be an array of strings');
  const modelMax = (await model.maxEmbeddingsPerCall) ?? Number.POSITIVE_INFINITY;
  const requested = options.batchSize ?? modelMax;
  if (!(requested >= 1))
    throw new RangeError(`embedMany: batchSize must be at least 1, got ${options.batchSize}`);
  const size = Math.max(1, Math.floor(Math.min(requested, modelMax, values.length || 1)));
  const out: number[][] = [];
  for (let i = 0; i < values.length; i += size) {
    options.abortSignal?.throwIfAborted();
    const batch = values.slice(i, i + size);
    const { embeddings } = await model.doEmbed({ values: batch, abortSignal: options.abortSignal });
    out.push(...embeddings);
  }
  return out;
}
