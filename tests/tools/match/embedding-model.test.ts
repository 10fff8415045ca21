import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmbeddingModelV4 } from '@ai-sdk/provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createEmbeddingModel,
  EMBEDDING_DIMENSIONS,
  embedMany,
} from '../../../tools/match/embedding-model.ts';

const extractSkills = (text: string) => (/\b(?:k8s|kubernetes)\b/i.test(text) ? ['kubernetes'] : []);

interface SeenRequest {
  url: string;
  authorization: string | undefined;
  body: { model: string; input: string[]; dimensions?: number };
}

/** An OpenAI-compatible /v1/embeddings endpoint on 127.0.0.1 that answers with deterministic vectors. */
function startFakeOpenAI(seen: SeenRequest[], dims: () => number): Promise<Server> {
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  };
  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    const body = await readBody(req);
    seen.push({ url: req.url, authorization: req.headers.authorization, body });
    const data = (body.input as string[]).map((text, index) => ({
      object: 'embedding',
      index,
      embedding: Array.from({ length: dims() }, (_, i) => ((text.length + i) % 7) / 7),
    }));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        object: 'list',
        data,
        model: body.model,
        usage: { prompt_tokens: 3, total_tokens: 3 },
      }),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('createEmbeddingModel', () => {
  const seen: SeenRequest[] = [];
  let dims = EMBEDDING_DIMENSIONS;
  let server: Server;
  let baseURL: string;

  beforeAll(async () => {
    server = await startFakeOpenAI(seen, () => dims);
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    dims = EMBEDDING_DIMENSIONS;
  });

  const openai = () =>
    createEmbeddingModel(
      {
        EMBEDDING_MODEL: 'openai/text-embedding-3-small',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: baseURL,
      },
      { extractSkills },
    );

  it('returns the local hashed embedder for "local"', async () => {
    const model = createEmbeddingModel({ EMBEDDING_MODEL: 'local' }, { extractSkills });
    expect(model.modelId).toBe('local-hash-v1');
    const { embeddings } = await model.doEmbed({ values: ['kubernetes operator'] });
    expect(embeddings[0]).toHaveLength(384);
  });

  it('calls an OpenAI-compatible server, asking for 384 dimensions', async () => {
    const model = openai();
    expect(model.modelId).toBe('text-embedding-3-small');
    const { embeddings } = await model.doEmbed({ values: ['go developer', 'nurse'] });
    expect(embeddings).toHaveLength(2);
    expect(embeddings[0]).toHaveLength(384);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toMatchObject({
      model: 'text-embedding-3-small',
      input: ['go developer', 'nurse'],
      dimensions: 384,
    });
    expect(seen[0]!.authorization).toBe('Bearer sk-test');
  });

  it('refuses vectors of the wrong size from the server, saying what it got', async () => {
    dims = 1536;
    await expect(openai().doEmbed({ values: ['x'] })).rejects.toThrow(
      /returned 1536 dimensions.*expected 384/,
    );
  });

  it('works against a local server without an API key', async () => {
    const model = createEmbeddingModel(
      { EMBEDDING_MODEL: 'openai/nomic-embed-text', OPENAI_BASE_URL: baseURL },
      { extractSkills },
    );
    await model.doEmbed({ values: ['x'] });
    expect(seen[0]!.body.model).toBe('nomic-embed-text');
  });

  it('requires an API key when no base URL is set', () => {
    expect(() =>
      createEmbeddingModel({ EMBEDDING_MODEL: 'openai/text-embedding-3-small' }, { extractSkills }),
    ).toThrow(/OPENAI_API_KEY/);
  });

  it('rejects an unknown EMBEDDING_MODEL, naming the setting and the value', () => {
    expect(() => createEmbeddingModel({ EMBEDDING_MODEL: 'cohere/embed' }, { extractSkills })).toThrow(
      /EMBEDDING_MODEL.*"cohere\/embed"/,
    );
  });

  it('batches embedMany requests to the server', async () => {
    const values = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
    const embeddings = await embedMany(openai(), values, { batchSize: 2 });
    expect(embeddings).toHaveLength(5);
    expect(seen.map((r) => r.body.input)).toEqual([['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
  });
});

describe('embedMany', () => {
  function countingModel(maxPerCall: number | undefined): EmbeddingModelV4 & { calls: string[][] } {
    const calls: string[][] = [];
    return {
      specificationVersion: 'v4',
      provider: 'test',
      modelId: 'counting',
      maxEmbeddingsPerCall: Promise.resolve(maxPerCall),
      supportsParallelCalls: false,
      calls,
      async doEmbed({ values }) {
        if (maxPerCall !== undefined && values.length > maxPerCall) throw new Error('too many values');
        calls.push(values);
        return { embeddings: values.map((v) => [v.length]), warnings: [] };
      },
    };
  }

  it('never sends more than the model accepts per call, even when asked to', async () => {
    const model = countingModel(3);
    const out = await embedMany(model, ['a', 'b', 'c', 'd', 'e', 'f', 'g'], { batchSize: 100 });
    expect(model.calls.map((c) => c.length)).toEqual([3, 3, 1]);
    expect(out).toHaveLength(7);
  });

  it('keeps input order across batches', async () => {
    const model = countingModel(2);
    const out = await embedMany(model, ['x', 'yyy', 'zz', 'wwww', 'v']);
    expect(out).toEqual([[1], [3], [2], [4], [1]]);
  });

  it('sends everything in one call when the model has no limit', async () => {
    const model = countingModel(undefined);
    await embedMany(model, ['a', 'b', 'c']);
    expect(model.calls).toHaveLength(1);
  });

  it('makes no call for no values', async () => {
    const model = countingModel(2);
    expect(await embedMany(model, [])).toEqual([]);
    expect(model.calls).toHaveLength(0);
  });

  it('rejects a batch size below one', async () => {
    await expect(embedMany(countingModel(2), ['a'], { batchSize: 0 })).rejects.toThrow(/batchSize/);
  });
});
