import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentModels } from '../../agents/models.ts';
import { loadConfig } from '../../config/config.ts';
import { jobs, matches } from '../../db/schema.ts';
import { type AtsFixtureServer, startAtsFixtureServer } from '../fixtures/ats/server.ts';
import { waitFor } from '../helpers/queue.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

// With a real language model configured, the matcher lets it re-order the top matches and phrase
// why each fits; the deterministic score is always what is shown and stored.

const RESUME = `Ada Lovelace
ada@example.com · Berlin, Germany

SUMMARY
Backend engineer with 7 years building APIs in TypeScript and Go on Kubernetes and AWS.

EXPERIENCE
Senior Backend Engineer — Difference Engines GmbH (Jan 2021 – Present)
- Built billing services in Go and TypeScript on Kubernetes
- Designed PostgreSQL schemas and cut query latency by 60%

SKILLS
TypeScript, Go, Node.js, PostgreSQL, Kubernetes, Docker, AWS, Terraform
`;

interface Item {
  id: string;
  score: number;
}

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 1, text: 1, reasoning: 0 },
};

/** Reads the jobs the matcher sent in the prompt. */
function itemsOf(options: LanguageModelV4CallOptions): Item[] {
  const text = JSON.stringify(options.prompt);
  const ids = [...text.matchAll(/\\"id\\": ?\\"([0-9a-f-]{36})\\"/g)].map((m) => m[1]!);
  const scores = [...text.matchAll(/\\"score\\": ?(\d+)/g)].map((m) => Number(m[1]));
  return ids.map((id, i) => ({ id, score: scores[i]! }));
}

describe('matching with a configured language model', () => {
  let ats: AtsFixtureServer;
  let t: TestRuntime;
  const seen: Item[][] = [];
  let failing = false;

  beforeAll(async () => {
    const model = new MockLanguageModelV4({
      modelId: 'gpt-test',
      doGenerate: async (options) => {
        if (failing) throw new Error('model server is down');
        const items = itemsOf(options);
        seen.push(items);
        const reversed = [...items].reverse().map((i) => i.id);
        const explanations = Object.fromEntries(
          items.map((i, n) => [
            i.id,
            n === 0 ? 'Strong fit, and your Rust and COBOL experience will shine.' : 'Good overlap with Go.',
          ]),
        );
        return {
          content: [{ type: 'text', text: JSON.stringify({ order: reversed, explanations }) }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage,
          warnings: [],
        };
      },
    });
    const local = createAgentModels(loadConfig({}));
    const models = {
      modelFor: (agent: Parameters<typeof local.modelFor>[0]) =>
        agent === 'matcher' ? model : local.modelFor(agent),
      nameFor: (agent: Parameters<typeof local.nameFor>[0]) =>
        agent === 'matcher' ? 'openai/gpt-test' : local.nameFor(agent),
    };
    ats = await startAtsFixtureServer();
    t = await startTestRuntime({ env: { SOURCE_BASE_URL: ats.baseUrl }, models });
    for (const source of ['greenhouse:acme', 'ashby:acme', 'recruitee:acme']) await t.crawl(source);
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
    await t.call('upload_resume', { text: RESUME });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await ats?.close();
  });

  type Out = {
    matches: Array<{
      job: { id: string };
      score: number;
      refined?: { position: number; explanation: string | null; model: string };
    }>;
  };

  it('shows the model’s order and explanations, keeping our scores', async () => {
    const out = (await t.call('search_matches', { limit: 5 })) as Out;
    expect(seen).toHaveLength(1);
    const sent = seen[0]!;
    expect(sent.length).toBe(out.matches.length);
    // Our ranking went in best first; the model's reversed order came back.
    expect(sent.map((i) => i.score)).toEqual([...sent.map((i) => i.score)].sort((a, b) => b - a));
    expect(out.matches.map((m) => m.job.id)).toEqual([...sent].reverse().map((i) => i.id));
    for (const m of out.matches) {
      expect(m.score).toBe(sent.find((i) => i.id === m.job.id)!.score);
      expect(m.refined?.model).toBe('openai/gpt-test');
    }
    // Stored scores are the deterministic ones.
    const stored = await t.runtime.handle.db.select().from(matches).where(eq(matches.userId, t.userId));
    for (const m of out.matches) expect(stored.find((s) => s.jobId === m.job.id)?.score).toBe(m.score);
  });

  it('drops an explanation that names skills the job and resume do not show', async () => {
    const out = (await t.call('search_matches', { limit: 5 })) as Out;
    const invented = out.matches.find((m) => m.job.id === seen[0]![0]!.id)!;
    expect(invented.refined?.explanation).toBeNull();
    const others = out.matches.filter((m) => m !== invented);
    for (const m of others) expect(m.refined?.explanation).toBe('Good overlap with Go.');
  });

  it('answers a repeated question from the cache', async () => {
    const before = seen.length;
    await t.call('search_matches', { limit: 5 });
    expect(seen.length).toBe(before);
  });

  it('keeps our own ranking when the model fails', async () => {
    failing = true;
    try {
      const out = (await t.call('search_matches', { limit: 4 })) as Out;
      expect(out.matches.length).toBeGreaterThan(1);
      const scores = out.matches.map((m) => m.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      expect(out.matches.every((m) => m.refined === undefined)).toBe(true);
    } finally {
      failing = false;
    }
  });
});
