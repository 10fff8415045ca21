import { describe, expect, it } from 'vitest';
import { createLocalEmbedder, LOCAL_EMBEDDER_MODEL_ID } from '../../../tools/match/local-embedder.ts';

// A tiny stand-in for the skills extractor, with the alias the matcher relies on.
const ALIASES: Record<string, string> = {
  k8s: 'kubernetes',
  kubernetes: 'kubernetes',
  postgres: 'postgresql',
};
const extractSkills = (text: string) => [
  ...new Set(
    (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).flatMap((w) => (ALIASES[w] ? [ALIASES[w]!] : [])),
  ),
];
const noSkills = () => [];

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (v: number[]) => Math.sqrt(cosine(v, v));

describe('createLocalEmbedder', () => {
  const embedder = createLocalEmbedder({ extractSkills });

  it('implements the AI SDK v4 embedding model spec', () => {
    expect(embedder.specificationVersion).toBe('v4');
    expect(embedder.modelId).toBe(LOCAL_EMBEDDER_MODEL_ID);
    expect(embedder.modelId).toBe('local-hash-v1');
    expect(embedder.provider).toBe('local');
    expect(embedder.maxEmbeddingsPerCall).toBeGreaterThan(0);
    expect(typeof embedder.supportsParallelCalls).toBe('boolean');
  });

  it('gives the same vector for the same text, across embedder instances', () => {
    const text = 'Senior backend engineer, Go and PostgreSQL';
    const other = createLocalEmbedder({ extractSkills });
    expect(embedder.embedText(text)).toEqual(embedder.embedText(text));
    expect(other.embedText(text)).toEqual(embedder.embedText(text));
  });

  it('returns 384 dimensions of unit length by default', () => {
    const v = embedder.embedText('Frontend developer building design systems in React');
    expect(v).toHaveLength(384);
    expect(norm(v)).toBeCloseTo(1, 10);
  });

  it('honours a custom dimension count', () => {
    expect(createLocalEmbedder({ dimensions: 64, extractSkills }).embedText('data engineer')).toHaveLength(
      64,
    );
  });

  it('returns a zero vector, not NaN, for text with no words', () => {
    const v = embedder.embedText('  ... ');
    expect(v.every((x) => x === 0)).toBe(true);
  });

  it('puts texts about the same work closer than unrelated ones', () => {
    const backend = embedder.embedText(
      'Backend engineer building payment APIs in Go with PostgreSQL and Kafka',
    );
    const paraphrase = embedder.embedText(
      'Engineer for backend payment services: Go, PostgreSQL, Kafka, APIs',
    );
    const nurse = embedder.embedText(
      'Registered nurse caring for patients on a busy hospital ward night shifts',
    );
    expect(cosine(backend, paraphrase)).toBeGreaterThan(cosine(backend, nurse) + 0.3);
  });

  it('scores singular and plural of a word as similar through character trigrams', () => {
    const plural = embedder.embedText('microservices');
    const singular = embedder.embedText('microservice');
    const unrelated = ['bookkeeping', 'violin', 'welding'].map((w) => cosine(plural, embedder.embedText(w)));
    expect(cosine(plural, singular)).toBeGreaterThan(Math.max(...unrelated) + 0.2);
  });

  it('brings "k8s" and "kubernetes" texts closer through skill features', () => {
    const withSkills = createLocalEmbedder({ extractSkills });
    const without = createLocalEmbedder({ extractSkills: noSkills });
    const a = 'Operated k8s clusters for the platform team';
    const b = 'Operated kubernetes clusters for the platform team';
    const near = cosine(withSkills.embedText(a), withSkills.embedText(b));
    const far = cosine(without.embedText(a), without.embedText(b));
    expect(near).toBeGreaterThan(far + 0.05);
  });

  it('embeds a batch through doEmbed in order, with no warnings', async () => {
    const values = ['go developer', 'react developer', 'go developer'];
    const result = await embedder.doEmbed({ values });
    expect(result.embeddings).toHaveLength(3);
    expect(result.embeddings[0]).toEqual(result.embeddings[2]);
    expect(result.embeddings[0]).not.toEqual(result.embeddings[1]);
    expect(result.warnings).toEqual([]);
  });

  it('warns when asked for a dimension count it does not produce', async () => {
    const result = await embedder.doEmbed({ values: ['x'], dimensions: 1536 });
    expect(result.warnings).toMatchObject([{ type: 'unsupported', feature: 'dimensions' }]);
  });

  it('stops when the abort signal fires', async () => {
    const controller = new AbortController();
    controller.abort(new Error('user cancelled'));
    await expect(embedder.doEmbed({ values: ['a'], abortSignal: controller.signal })).rejects.toThrow(
      'user cancelled',
    );
  });

  it('names the bad value when a batch holds a non-string', async () => {
    await expect(embedder.doEmbed({ values: ['ok', 42 as unknown as string] })).rejects.toThrow(
      /values\[1\]/,
    );
  });

  it('rejects a nonsensical dimension count', () => {
    expect(() => createLocalEmbedder({ dimensions: 0, extractSkills })).toThrow(/dimensions/);
  });
});
