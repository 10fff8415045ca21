import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CompanyProfile, createCompanyProfileTool } from '../../../tools/research/company-profile.ts';
import { hiringTrend } from '../../../tools/research/hiring-trend.ts';
import { callTool, NotFoundError, ToolInputError } from '../../../tools/tool.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { MARKET, NOW, seedJobs } from './research-fixture.ts';

let database: TestDatabase;
let tool: ReturnType<typeof createCompanyProfileTool>;
const context = { userId: '00000000-0000-4000-8000-000000000001' };
const profile = async (args: unknown) => (await callTool(tool, args, context)) as CompanyProfile;
const failure = (args: unknown) =>
  callTool(tool, args, context).then(
    () => expect.fail('expected company_profile to fail'),
    (error: unknown) => error as Error,
  );

beforeAll(async () => {
  database = await createTestDatabase();
  await seedJobs(database.handle.db, MARKET);
  tool = createCompanyProfileTool({ db: database.handle.db, now: () => NOW });
});
afterAll(async () => {
  await database.close();
});

describe('company_profile', () => {
  it('gathers every spelling of the company and counts open and closed jobs', async () => {
    const p = await profile({ company: 'Acme Robotics' });
    expect(p.company).toBe('Acme Robotics');
    expect(p.names).toEqual(['Acme Robotics', 'ACME Robotics GmbH']);
    expect(p.jobs).toEqual({ total: 5, open: 3, closed: 2 });
    expect(p.scope).toBe('open');
    expect(p.firstSeen).toBe('2025-03-01T07:00:00.000Z');
    expect(p.lastSeen).toBe('2025-06-18T06:00:00.000Z');
  });

  it('matches the name whatever its case, spacing, punctuation or legal form', async () => {
    for (const company of [
      '  acme   ROBOTICS ',
      'Acme-Robotics',
      'acme robotics, inc.',
      'AcmeRobotics GmbH',
    ]) {
      const p = await profile({ company });
      expect(p.names, company).toEqual(['Acme Robotics', 'ACME Robotics GmbH']);
      expect(p.jobs.total, company).toBe(5);
    }
  });

  it('lists open roles, locations, work modes and seniority with counts', async () => {
    const p = await profile({ company: 'acme robotics' });
    // "Senior  Backend Engineer" (two spaces) is the same title as "Senior Backend Engineer".
    expect(p.roles).toEqual([
      { title: 'Senior Backend Engineer', count: 2 },
      { title: 'Robotics Engineer', count: 1 },
    ]);
    expect(p.roleCount).toBe(2);
    expect(p.locations).toEqual([
      { location: 'Berlin, DE', count: 2 },
      { location: 'Munich, DE', count: 1 },
    ]);
    expect(p.workModes).toEqual({ remote: 0, hybrid: 1, onsite: 2, unknown: 0 });
    expect(p.seniority).toEqual([
      { level: 'senior', count: 2 },
      { level: 'mid', count: 1 },
    ]);
  });

  it('counts the skills and stack the open jobs mention, with their share of jobs', async () => {
    const p = await profile({ company: 'Acme Robotics' });
    expect(p.skills).toEqual([
      { skill: 'go', count: 2, share: 0.667 },
      { skill: 'postgresql', count: 2, share: 0.667 },
      { skill: 'c++', count: 1, share: 0.333 },
      { skill: 'kubernetes', count: 1, share: 0.333 },
      { skill: 'python', count: 1, share: 0.333 },
      { skill: 'ros', count: 1, share: 0.333 },
    ]);
  });

  it('gives salary ranges per currency and period as posted, with the median of range midpoints', async () => {
    const p = await profile({ company: 'Acme Robotics' });
    expect(p.salaries.basis).toMatch(/as posted.*not converted/);
    expect(p.salaries.jobsWithSalary).toBe(3);
    expect(p.salaries.ranges).toEqual([
      { currency: 'EUR', period: 'year', jobs: 2, min: 70_000, max: 100_000, median: 85_000 },
      { currency: 'EUR', period: 'month', jobs: 1, min: 5_000, max: 6_000, median: 5_500 },
    ]);
  });

  it('covers closed jobs too when asked', async () => {
    const p = await profile({ company: 'Acme Robotics', includeClosed: true });
    expect(p.scope).toBe('all');
    expect(p.roles).toEqual([
      { title: 'Senior Backend Engineer', count: 2 },
      { title: 'Backend Engineer', count: 1 },
      { title: 'Data Analyst', count: 1 },
      { title: 'Robotics Engineer', count: 1 },
    ]);
    expect(p.workModes).toEqual({ remote: 2, hybrid: 1, onsite: 2, unknown: 0 });
    expect(p.locations).toEqual([
      { location: 'Berlin, DE', count: 3 },
      { location: 'Munich, DE', count: 1 },
      { location: 'Remote', count: 1 },
    ]);
    expect(p.salaries.ranges).toEqual([
      { currency: 'EUR', period: 'year', jobs: 2, min: 70_000, max: 100_000, median: 85_000 },
      { currency: 'EUR', period: 'month', jobs: 1, min: 5_000, max: 6_000, median: 5_500 },
      { currency: 'USD', period: 'hour', jobs: 1, min: 60, max: 60, median: 60 },
    ]);
  });

  it('shows the hiring trend per month: jobs opened, closed and open at the end of each month', async () => {
    const p = await profile({ company: 'Acme Robotics', periods: 6 });
    expect(p.trend.bucket).toBe('month');
    // The Backend Engineer posted on 1 Feb counts from its posting date, not from when we first saw it.
    expect(p.trend.points).toEqual([
      { period: '2025-01', start: '2025-01-01', opened: 0, closed: 0, openAtEnd: 0 },
      { period: '2025-02', start: '2025-02-01', opened: 1, closed: 0, openAtEnd: 1 },
      { period: '2025-03', start: '2025-03-01', opened: 1, closed: 0, openAtEnd: 2 },
      { period: '2025-04', start: '2025-04-01', opened: 1, closed: 0, openAtEnd: 3 },
      { period: '2025-05', start: '2025-05-01', opened: 1, closed: 1, openAtEnd: 3 },
      { period: '2025-06', start: '2025-06-01', opened: 1, closed: 1, openAtEnd: 3 },
    ]);
  });

  it('shows the hiring trend per ISO week, ending with the current week', async () => {
    const p = await profile({ company: 'Acme Robotics', trend: 'week', periods: 3 });
    expect(p.trend.points).toEqual([
      { period: '2025-W23', start: '2025-06-02', opened: 1, closed: 0, openAtEnd: 4 },
      { period: '2025-W24', start: '2025-06-09', opened: 0, closed: 1, openAtEnd: 3 },
      { period: '2025-W25', start: '2025-06-16', opened: 0, closed: 0, openAtEnd: 3 },
    ]);
  });

  it('defaults to twelve months of trend', async () => {
    const p = await profile({ company: 'Globex' });
    expect(p.trend.points.map((t) => t.period)).toEqual([
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
    ]);
    expect(p.names).toEqual(['Globex Corp', 'Globex Corporation']);
    expect(p.salaries.ranges).toEqual([
      { currency: 'USD', period: 'year', jobs: 2, min: 120_000, max: 220_000, median: 170_000 },
    ]);
    expect(p.locations).toEqual([
      { location: 'New York, US', count: 1 },
      { location: 'US', count: 1 },
    ]);
  });

  it('renders a readable summary', async () => {
    const text = tool.render!(await profile({ company: 'Acme Robotics', periods: 2 }));
    expect(text).toContain('Acme Robotics: 3 open job(s), 2 closed (5 stored)');
    expect(text).toContain('Also stored as: ACME Robotics GmbH');
    expect(text).toContain('- Senior Backend Engineer × 2');
    expect(text).toContain('- go: 2 job(s) (67%)');
    expect(text).toContain('- EUR per year: 70,000–100,000, median 85,000 (2 job(s))');
    expect(text).toContain('- 2025-06: 1 / 1 / 3');
    expect(text).not.toMatch(/[{}]/);
  });
});

describe('company_profile: bad input', () => {
  it('names close stored companies when the name is misspelt', async () => {
    const error = await failure({ company: 'Acme Robotcs' });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      "No stored jobs from a company named 'Acme Robotcs'. Did you mean: Acme Robotics?",
    );
    expect((error as NotFoundError & { suggestions: string[] }).suggestions).toEqual(['Acme Robotics']);
  });

  it('suggests companies whose name contains a partial one', async () => {
    const error = await failure({ company: 'Bloom' });
    expect(error.message).toMatch(/Did you mean: Bloom Studio\?/);
  });

  it('says how to get data when nothing is close', async () => {
    const error = await failure({ company: 'Zyxwv Widgets' });
    expect(error).toBeInstanceOf(ToolInputError);
    expect(error.message).toMatch(/No stored jobs from a company named 'Zyxwv Widgets'\. Add and crawl/);
  });

  it('rejects a missing, empty or punctuation-only name as a tool input error', async () => {
    expect((await failure({})).message).toMatch(/company/);
    expect(await failure({})).toBeInstanceOf(ToolInputError);
    expect(await failure({ company: '   ' })).toBeInstanceOf(ToolInputError);
    expect(await failure({ company: '---' })).toBeInstanceOf(NotFoundError);
    expect((await failure({ company: 'Acme', periods: 0 })).message).toMatch(/periods/);
  });
});

describe('hiringTrend', () => {
  it('labels ISO weeks across a year boundary', () => {
    const points = hiringTrend([], 'week', 3, new Date('2021-01-03T23:00:00Z'));
    expect(points.map((p) => [p.period, p.start])).toEqual([
      ['2020-W51', '2020-12-14'],
      ['2020-W52', '2020-12-21'],
      ['2020-W53', '2020-12-28'],
    ]);
    const next = hiringTrend([], 'week', 1, new Date('2024-12-31T10:00:00Z'));
    expect(next.map((p) => p.period)).toEqual(['2025-W01']);
  });
});
