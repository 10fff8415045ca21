import type {
  EmbeddingModelV4,
  EmbeddingModelV4CallOptions,
  EmbeddingModelV4Result,
  SharedV4Warning,
} from '@ai-sdk/provider';

// A deterministic, dependency-free embedder for running without an embedding API: hashed word
// unigrams and bigrams, character 3-grams (so "kubernetes" and "kubernetes-based" overlap) and
// canonical skills (so "k8s" and "Kubernetes" meet), each hashed into a fixed number of dimensions
// with a sign hash, sublinear term frequency, then L2-normalised.

export interface LocalEmbedderOptions {
  dimensions?: number;
  extractSkills: (text: string) => string[];
}

export interface LocalEmbedder extends EmbeddingModelV4 {
  readonly dimensions: number;
  /** Embeds one text synchronously (what doEmbed does for each value). */
  embedText(text: string): number[];
}

export const LOCAL_EMBEDDER_MODEL_ID = 'local-hash-v1';

const WEIGHT = { unigram: 1, bigram: 0.7, trigram: 0.25, skill: 2.5 } as const;
const SEED = { unigram: 0x811c9dc5, bigram: 0x01000193, trigram: 0x050c5d1f, skill: 0x2f1b3c4d } as const;
const BATCH_CHECK = 256;

const STOPWORDS = new Set(
  (
    'a an and are as at be been but by for from has have he her his i in into is it its me my of on or our ' +
    'she so than that the their them then there these they this to us was we were which while who will with ' +
    'you your der die das und oder mit von für im in ist ein eine zu den des auf'
  ).split(' '),
);
const TOKEN = /[\p{L}\p{N}](?:[\p{L}\p{N}+#]|[.\-_/](?=[\p{L}\p{N}]))*[+#]*/gu;

/** FNV-1a over UTF-16 code units, seeded per feature kind so kinds never share a bucket by design. */
function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's finaliser: spreads FNV's weak low bits so index and sign are independent. */
function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Feature counts for one document in a reusable open-addressing table (a Map per document was the
 * bottleneck). Keys are 32-bit feature hashes; slots are cleared through the list of used ones.
 */
class FeatureCounts {
  private keys = new Uint32Array(1 << 13);
  private counts = new Uint32Array(1 << 13);
  private used: number[] = [];

  add(hash: number): void {
    if (this.used.length * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    // Keys are stored mixed (mix is a bijection, so still distinct); 0 marks an empty slot.
    const key = mix(hash) || 1;
    let slot = key & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    if (this.keys[slot] === 0) {
      this.keys[slot] = key;
      this.used.push(slot);
    }
    this.counts[slot]!++;
  }

  /** Adds every feature into the vector with sublinear tf, then empties the table. */
  flushInto(vector: Float64Array, weight: number): void {
    const dims = vector.length;
    for (const slot of this.used) {
      const key = this.keys[slot]!;
      const tf = this.counts[slot]!;
      const value = weight * (tf === 1 ? 1 : 1 + Math.log(tf));
      vector[key % dims]! += key & 0x80000000 ? -value : value;
      this.keys[slot] = 0;
      this.counts[slot] = 0;
    }
    this.used.length = 0;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    const oldUsed = this.used;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.counts = new Uint32Array(oldKeys.length * 2);
    this.used = [];
    const mask = this.keys.length - 1;
    for (const old of oldUsed) {
      const key = oldKeys[old]!;
      let slot = key & mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.counts[slot] = oldCounts[old]!;
      this.used.push(slot);
    }
  }
}

function addTrigrams(word: string, counts: FeatureCounts): void {
  // Boundary marks: '<' before and '>' after the word, so prefixes and suffixes are their own grams.
  const n = word.length + 2;
  let a = 60;
  let b = word.charCodeAt(0);
  for (let i = 2; i < n; i++) {
    const c = i === n - 1 ? 62 : word.charCodeAt(i - 1);
    let h: number = SEED.trigram;
    h = Math.imul(h ^ a, 0x01000193);
    h = Math.imul(h ^ b, 0x01000193);
    h = Math.imul(h ^ c, 0x01000193);
    counts.add(h >>> 0);
    a = b;
    b = c;
  }
}

function embedWith(
  text: string,
  dims: number,
  extractSkills: (text: string) => string[],
  counts: FeatureCounts,
): number[] {
  const vector = new Float64Array(dims);
  const words = (text.toLowerCase().match(TOKEN) ?? []).filter((w) => !STOPWORDS.has(w));
  const unigrams = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    unigrams[i] = fnv1a(words[i]!, SEED.unigram);
    counts.add(unigrams[i]!);
  }
  counts.flushInto(vector, WEIGHT.unigram);
  // A bigram's hash is built from its words' hashes: no string is made for it.
  for (let i = 1; i < words.length; i++)
    counts.add(mix(Math.imul(unigrams[i - 1]!, 31) ^ unigrams[i]! ^ SEED.bigram));
  counts.flushInto(vector, WEIGHT.bigram);
  for (const w of words) addTrigrams(w, counts);
  counts.flushInto(vector, WEIGHT.trigram);
  for (const skill of extractSkills(text)) counts.add(fnv1a(skill.toLowerCase(), SEED.skill));
  counts.flushInto(vector, WEIGHT.skill);
  let norm = 0;
  for (let i = 0; i < dims; i++) norm += vector[i]! * vector[i]!;
  norm = Math.sqrt(norm);
  const out = new Array<number>(dims);
  for (let i = 0; i < dims; i++) out[i] = norm === 0 ? 0 : vector[i]! / norm;
  return out;
}

/** Creates the local hashed embedder as an AI SDK embedding model. */
export function createLocalEmbedder(options: LocalEmbedderOptions): LocalEmbedder {
  const dimensions = options.dimensions ?? 384;
  if (!Number.isInteger(dimensions) || dimensions < 8 || dimensions > 65536) {
    throw new RangeError(
      `createLocalEmbedder: dimensions must be an integer from 8 to 65536, got ${dimensions}`,
    );
  }
  if (typeof options.extractSkills !== 'function') {
    throw new TypeError('createLocalEmbedder: extractSkills must be a function');
  }
  const { extractSkills } = options;
  const counts = new FeatureCounts();
  const embedText = (text: string) => embedWith(String(text), dimensions, extractSkills, counts);
  return {
    specificationVersion: 'v4',
    provider: 'local',
    modelId: LOCAL_EMBEDDER_MODEL_ID,
    maxEmbeddingsPerCall: 2048,
    supportsParallelCalls: false,
    dimensions,
    embedText,
    async doEmbed({
      values,
      abortSignal,
      dimensions: asked,
    }: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
      if (!Array.isArray(values)) throw new TypeError('doEmbed: values must be an array of strings');
      const warnings: SharedV4Warning[] = [];
      if (asked !== undefined && asked !== dimensions) {
        warnings.push({
          type: 'unsupported',
          feature: 'dimensions',
          details: `this embedder always returns ${dimensions}`,
        });
      }
      const embeddings: number[][] = [];
      for (const [i, value] of values.entries()) {
        if (typeof value !== 'string')
          throw new TypeError(`doEmbed: values[${i}] must be a string, got ${typeof value}`);
        if (i % BATCH_CHECK === 0) abortSignal?.throwIfAborted();
        embeddings.push(embedText(value));
      }
      return { embeddings, warnings };
    },
  };
}
