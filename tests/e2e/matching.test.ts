import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../cli/runtime.ts';
import { jobs, matches, resumes } from '../../db/schema.ts';
import { type AtsFixtureServer, startAtsFixtureServer } from '../fixtures/ats/server.ts';
import { waitFor } from '../helpers/queue.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

const RESUME = `Ada Lovelace
ada@example.com · Berlin, Germany

SUMMARY
Backend engineer with 7 years building APIs in TypeScript and Go, running them on Kubernetes and AWS.

EXPERIENCE
Senior Backend Engineer — Difference Engines GmbH (Jan 2021 – Present)
- Built event-driven billing services in Go and TypeScript on Kubernetes
- Designed PostgreSQL schemas and cut query latency by 60%

Backend Engineer — Analytical Ltd (Mar 2018 – Dec 2020)
- Node.js APIs, Docker, CI/CD with GitHub Actions

EDUCATION
BSc Computer Science, University of London, 2014 – 2017

SKILLS
TypeScript, Go, Node.js, PostgreSQL, Kubernetes, Docker, AWS, Terraform, gRPC
`;

describe('matching end to end', () => {
  let ats: AtsFixtureServer;
  let t: TestRuntime;
  let runtime: Runtime;
  let userId: string;
  const call = (tool: string, args: unknown) => t.call(tool, args);

  beforeAll(async () => {
    ats = await startAtsFixtureServer();
    t = await startTestRuntime({ env: { SOURCE_BASE_URL: ats.baseUrl } });
    ({ runtime, userId } = t);
    for (const source of ['greenhouse:acme', 'lever:acme', 'ashby:acme', 'recruitee:acme'])
      await t.crawl(source);
    // Every crawled job gets embedded by the embed-jobs tasks the crawl queued.
    await waitFor(
      async () => {
        const [row] = await runtime.handle.db
          .select({ n: sql<number>`count(*)::int` })
          .from(jobs)
          .where(sql`embedding is null`);
        return Number(row?.n) === 0;
      },
      { timeoutMs: 60_000, what: 'jobs to be embedded' },
    );
  });

  afterAll(async () => {
    await t?.close();
    await ats?.close();
  });

  it('asks for a resume before it can rank', async () => {
    await expect(call('search_matches', {})).rejects.toThrow(/upload a resume first/);
  });

  it('refuses a file that is not a resume and stores nothing', async () => {
    const recipe = Buffer.from(
      'Banana bread\n\nIngredients: 3 bananas, 200 g flour, 2 eggs.\nMix and bake 50 minutes.',
    );
    await expect(
      call('upload_resume', { fileBase64: recipe.toString('base64'), fileName: 'bread.txt' }),
    ).rejects.toThrow(/does not look like a resume/);
    await expect(
      call('upload_resume', {
        fileBase64: Buffer.from('%PDF-1.7 broken').toString('base64'),
        fileName: 'cv.pdf',
      }),
    ).rejects.toThrow(/PDF/);
    expect(await runtime.handle.db.select().from(resumes)).toHaveLength(0);
  });

  it('stores a resume once and parses its skills and experience', async () => {
    const first = (await call('upload_resume', { text: RESUME })) as {
      created: boolean;
      skills: string[];
      totalYears: number;
      titles: string[];
    };
    expect(first.created).toBe(true);
    expect(first.skills).toEqual(expect.arrayContaining(['typescript', 'go', 'kubernetes', 'postgresql']));
    expect(first.totalYears).toBeGreaterThanOrEqual(6);
    expect(first.titles[0]).toMatch(/Senior Backend Engineer/);
    const again = (await call('upload_resume', { text: RESUME })) as { created: boolean };
    expect(again.created).toBe(false);
    expect(await runtime.handle.db.select().from(resumes)).toHaveLength(1);
  });

  it('ranks jobs with scores and reasons, software roles above unrelated ones', async () => {
    const out = (await call('search_matches', { limit: 10 })) as {
      matches: Array<{
        score: number;
        job: { id: string; title: string };
        reasons: { matchedSkills: string[]; summary: string };
      }>;
    };
    expect(out.matches.length).toBeGreaterThan(3);
    const scores = out.matches.map((m) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const top = out.matches[0]!;
    expect(top.reasons.matchedSkills.length).toBeGreaterThan(0);
    expect(top.reasons.summary.length).toBeGreaterThan(10);
    expect(top.job.title).toMatch(/engineer|developer|devops|sre|platform|backend/i);
    const stored = await runtime.handle.db.select().from(matches).where(eq(matches.userId, userId));
    expect(stored.length).toBeGreaterThanOrEqual(out.matches.length);
  });

  it('applies the profile: remote only and a minimum salary', async () => {
    await call('update_profile', {
      remote: 'remote',
      minSalary: { amount: 50000, currency: 'USD', period: 'year' },
    });
    const out = (await call('search_matches', { limit: 20 })) as {
      matches: Array<{ job: { remote: string | null } }>;
    };
    for (const m of out.matches) expect(m.job.remote).toBe('remote');
    const profile = (await call('get_profile', {})) as { remote: string; roles: string[] };
    expect(profile.remote).toBe('remote');
    expect(profile.roles).toEqual([]);
    await call('update_profile', { remote: 'any', minSalary: null });
  });

  it('brings a job forward by the words typed in the query, found in its description', async () => {
    // A word from the body of one posting only, not from any title: the whole-posting text leg.
    const [firmware] = await runtime.handle.db
      .select({ id: jobs.id, title: jobs.title })
      .from(jobs)
      .where(sql`title ~* 'firmware'`)
      .limit(1);
    expect(firmware).toBeTruthy();
    type Ranked = { matches: Array<{ job: { id: string } }> };
    const rankOf = (out: Ranked) => out.matches.findIndex((m) => m.job.id === firmware!.id);
    const plain = (await call('search_matches', { limit: 50 })) as Ranked;
    const asked = (await call('search_matches', { limit: 50, query: 'firmware microcontroller' })) as Ranked;
    expect(rankOf(asked)).toBeGreaterThanOrEqual(0);
    expect(asked.matches.length).toBeLessThan(plain.matches.length);
    // Only postings with the typed words: the unrelated top match of the plain search is gone.
    expect(asked.matches.map((m) => m.job.id)).not.toContain(plain.matches[0]!.job.id);
  });

  it('explains any job, including one that is a poor fit', async () => {
    const [nonTech] = await runtime.handle.db
      .select({ id: jobs.id, title: jobs.title })
      .from(jobs)
      .where(sql`title ~* '(nurse|account executive|accountant|recruiter|teacher|sales)'`)
      .limit(1);
    expect(nonTech).toBeTruthy();
    const out = (await call('explain_match', { jobId: nonTech!.id })) as {
      score: number;
      components: Record<string, { value: number; weight: number }>;
      reasons: { missingSkills: { required: string[] } };
    };
    expect(out.score).toBeLessThan(50);
    const weights = Object.values(out.components).reduce((a, c) => a + c.weight, 0);
    expect(weights).toBeCloseTo(1, 5);
    await expect(call('explain_match', { jobId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(
      /not found/,
    );
  });

  it('refreshes stored matches in the background after a new resume', async () => {
    await runtime.handle.db.delete(matches).where(eq(matches.userId, userId));
    await call('upload_resume', { text: `${RESUME}\nLANGUAGES\nEnglish, German` });
    await waitFor(
      async () =>
        (await runtime.handle.db.select().from(matches).where(eq(matches.userId, userId))).length > 0,
      { timeoutMs: 30_000, what: 'match-user task' },
    );
  });
});
