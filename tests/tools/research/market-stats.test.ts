import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarketStatsTool, type MarketStats, roleWords } from '../../../tools/research/market-stats.ts';
import { percentile } from '../../../tools/research/stats.ts';
import { toUsdYear } from '../../../tools/services.ts';
import { callTool, ToolInputError } from '../../../tools/tool.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { MARKET, seedJobs } from './research-fixture.ts';

let database: TestDatabase;
let tool: ReturnType<typeof createMarketStatsTool>;
const context = { userId: '00000000-0000-4000-8000-000000000001' };
const stats = async (args: unknown) => (await callTool(tool, args, context)) as MarketStats;
const failure = (args: unknown) =>
  callTool(tool, args, context).then(
    () => expect.fail('expected market_stats to fail'),
    (error: unknown) => error as Error,
  );

beforeAll(async () => {
  database = await createTestDatabase();
  await seedJobs(database.handle.db, MARKET);
  tool = createMarketStatsTool({ db: database.handle.db, toUsdYear });
});
afterAll(async () => {
  await database.close();
});

// The seven open jobs whose titles hold "backend" and "engineer", with their yearly USD midpoints:
//   Acme   Senior Backend Engineer      EUR 70–90k/yr   → 79,800–102,600  → 91,200
//   Acme   Senior Backend Engineer      EUR 80–100k/yr  → 91,200–114,000  → 102,600
//   Globex Backend Engineer             USD 120–160k/yr                   → 140,000
//   Globex Staff Backend Engineer       USD 180–220k/yr                   → 200,000
//   Initech Backend Software Engineer   USD 50–60/hour  → 104,000–124,800 → 114,400
//   Initech Backend Engineering Manager (no salary)
//   Bloom  Engineer, Backend Platform   GBP 60–80k/yr   → 81,000–108,000  → 94,500
// Sorted: 91,200  94,500  102,600  114,400  140,000  200,000
//   p25 = 94,500 + 0.25 × 8,100 = 96,525;  p50 = (102,600 + 114,400) / 2 = 108,500;
//   p75 = 114,400 + 0.75 × 25,600 = 133,600.

describe('market_stats', () => {
  it('counts the open jobs whose titles hold every role word, in any order and as word prefixes', async () => {
    const m = await stats({ role: 'backend engineer' });
    expect(m.jobs).toBe(7);
    expect(m.includeClosed).toBe(false);
    expect(m.location).toBeNull();
    expect(m.remote).toBeNull();
  });

  it('gives salary percentiles as yearly USD by default', async () => {
    const m = await stats({ role: 'backend engineer' });
    expect(m.salary).toEqual({
      currency: 'USD',
      period: 'year',
      basis: expect.stringMatching(/midpoint.*yearly.*USD.*2025-06-01/),
      jobsWithSalary: 6,
      p25: 96_525,
      p50: 108_500,
      p75: 133_600,
      min: 91_200,
      max: 200_000,
    });
  });

  it('converts the percentiles into another currency with the rate table', async () => {
    const m = await stats({ role: 'Backend Engineer', currency: 'eur' });
    // USD → EUR at 1 EUR = 1.14 USD, rounded to whole euros.
    expect(m.salary).toMatchObject({
      currency: 'EUR',
      p25: 84_671,
      p50: 95_175,
      p75: 117_193,
      min: 80_000,
      max: 175_439,
    });
    expect(m.salary!.basis).toMatch(/in EUR/);
  });

  it('ranks skill demand by the share of matching jobs that name each skill', async () => {
    const m = await stats({ role: 'backend engineer' });
    expect(m.skills).toEqual([
      { skill: 'go', jobs: 5, share: 0.714 },
      { skill: 'kubernetes', jobs: 4, share: 0.571 },
      { skill: 'postgresql', jobs: 3, share: 0.429 },
      { skill: 'docker', jobs: 1, share: 0.143 },
      { skill: 'java', jobs: 1, share: 0.143 },
      { skill: 'python', jobs: 1, share: 0.143 },
      { skill: 'terraform', jobs: 1, share: 0.143 },
    ]);
    const top = await stats({ role: 'backend engineer', topSkills: 2 });
    expect(top.skills.map((s) => s.skill)).toEqual(['go', 'kubernetes']);
  });

  it('lists the companies hiring most, one entry per company however it is spelt', async () => {
    const m = await stats({ role: 'backend engineer' });
    expect(m.companies).toEqual([
      { company: 'Acme Robotics', jobs: 2 },
      { company: 'Globex Corp', jobs: 2 },
      { company: 'Initech', jobs: 2 },
      { company: 'Bloom Studio', jobs: 1 },
    ]);
    const top = await stats({ role: 'backend engineer', topCompanies: 1 });
    expect(top.companies).toEqual([{ company: 'Acme Robotics', jobs: 2 }]);
  });

  it('narrows to a location', async () => {
    const berlin = await stats({ role: 'backend engineer', location: 'Berlin' });
    expect(berlin.jobs).toBe(1);
    expect(berlin.salary).toMatchObject({ jobsWithSalary: 1, p25: 91_200, p50: 91_200, p75: 91_200 });
    expect(berlin.companies).toEqual([{ company: 'Acme Robotics', jobs: 1 }]);
    const germany = await stats({ role: 'backend engineer', location: 'Germany' });
    expect(germany.jobs).toBe(2);
    expect(germany.salary).toMatchObject({ p25: 94_050, p50: 96_900, p75: 99_750 });
    expect(germany.skills).toEqual([
      { skill: 'go', jobs: 2, share: 1 },
      { skill: 'postgresql', jobs: 2, share: 1 },
      { skill: 'kubernetes', jobs: 1, share: 0.5 },
    ]);
  });

  it('narrows to a work mode', async () => {
    const remote = await stats({ role: 'backend engineer', remote: 'remote' });
    expect(remote.jobs).toBe(1);
    expect(remote.companies).toEqual([{ company: 'Globex Corp', jobs: 1 }]);
    expect(remote.salary).toMatchObject({ p50: 200_000 });
    const hybrid = await stats({ role: 'backend engineer', remote: 'hybrid' });
    expect(hybrid.jobs).toBe(2);
  });

  it('includes closed jobs when asked', async () => {
    const m = await stats({ role: 'backend engineer', includeClosed: true });
    expect(m.jobs).toBe(8);
    expect(m.skills[0]).toEqual({ skill: 'go', jobs: 6, share: 0.75 });
    expect(m.companies[0]).toEqual({ company: 'Acme Robotics', jobs: 3 });
  });

  it('ignores filler words and matches titles with symbols literally', async () => {
    expect((await stats({ role: 'backend engineer jobs' })).jobs).toBe(7);
    const cpp = await stats({ role: 'C++ developer' });
    expect(cpp.jobs).toBe(1);
    expect(cpp.companies).toEqual([{ company: 'Initech', jobs: 1 }]);
    expect((await stats({ role: 'engineering manager' })).jobs).toBe(1);
    expect((await stats({ role: '(backend) [engineer] .*' })).jobs).toBe(0);
  });

  it('answers an empty market with zero jobs and no salary', async () => {
    const m = await stats({ role: 'quantum pastry chef', location: 'Berlin' });
    expect(m).toEqual({
      role: 'quantum pastry chef',
      location: 'Berlin',
      remote: null,
      includeClosed: false,
      jobs: 0,
      skills: [],
      salary: null,
      companies: [],
    });
    expect(tool.render!(m)).toBe("No open jobs match 'quantum pastry chef' in Berlin.");
  });

  it('leaves jobs without a salary out of the percentiles only', async () => {
    const m = await stats({ role: 'engineering manager' });
    expect(m.jobs).toBe(1);
    expect(m.salary).toBeNull();
    expect(m.skills.map((s) => s.skill)).toEqual(['go', 'kubernetes']);
  });

  it('renders a readable summary', async () => {
    const text = tool.render!(await stats({ role: 'backend engineer' }));
    expect(text).toContain("7 open job(s) match 'backend engineer'.");
    expect(text).toContain('- go: 71% of jobs (5)');
    expect(text).toContain(
      'Salary per year in USD (6 job(s) with a salary): p25 96,525, median 108,500, p75 133,600 (range 91,200–200,000)',
    );
    expect(text).toContain('- Globex Corp: 2');
  });
});

describe('market_stats: bad input', () => {
  it('rejects a missing role, an unknown currency and a role of filler words only', async () => {
    const missing = await failure({});
    expect(missing).toBeInstanceOf(ToolInputError);
    expect(missing.message).toMatch(/role/);
    const currency = await failure({ role: 'backend engineer', currency: 'XYZ' });
    expect(currency).toBeInstanceOf(ToolInputError);
    expect(currency.message).toMatch(/unknown currency 'XYZ'; use one of USD, EUR/);
    const filler = await failure({ role: 'jobs' });
    expect(filler.message).toMatch(/title words/);
    expect((await failure({ role: 'x', remote: 'sometimes' })).message).toMatch(/remote/);
  });
});

describe('helpers', () => {
  it('splits a role into title words', () => {
    expect(roleWords('Senior Backend Engineer jobs, Berlin')).toEqual([
      'senior',
      'backend',
      'engineer',
      'berlin',
    ]);
    expect(roleWords('"C++" / C# roles')).toEqual(['c++', 'c#']);
  });

  it('computes percentiles like percentile_cont', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.25)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([40, 10, 30, 20], 0.25)).toBe(17.5);
  });
});
