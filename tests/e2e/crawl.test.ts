import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../cli/runtime.ts';
import { crawlPages, crawlRuns, jobSightings, jobs } from '../../db/schema.ts';
import { CRAWL_PAGE } from '../../tools/crawl/crawl-tasks.ts';
import { callTool } from '../../tools/tool.ts';
import { type AtsFixtureServer, startAtsFixtureServer } from '../fixtures/ats/server.ts';
import { careerJobs, installCareerSite } from '../fixtures/career-site.ts';
import { waitFor } from '../helpers/queue.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

describe('crawling sources end to end', () => {
  let ats: AtsFixtureServer;
  let t: TestRuntime;
  let runtime: Runtime;
  let userId: string;
  const crawl = (source: string) => t.crawl(source);

  beforeAll(async () => {
    ats = await startAtsFixtureServer();
    t = await startTestRuntime({ env: { SOURCE_BASE_URL: ats.baseUrl } });
    ({ runtime, userId } = t);
  });

  afterAll(async () => {
    await t?.close();
    await ats?.close();
  });

  const openJobs = async () =>
    Number(
      (
        await runtime.handle.db
          .select({ n: sql<number>`count(*)::int` })
          .from(jobs)
          .where(sql`closed_at is null`)
      )[0]!.n,
    );

  it('reads a Greenhouse board and a paginated Lever board into the store', async () => {
    const gh = await crawl('greenhouse:acme');
    expect(gh).toMatchObject({ state: 'done', complete: true });
    const greenhouseCount = ats.getJobs('greenhouse', 'acme').length;
    expect(gh.jobs.new).toBe(greenhouseCount);
    const lever = await crawl('lever:acme');
    expect(lever.jobs.new).toBe(150);
    expect(await openJobs()).toBe(greenhouseCount + 150);
    const levers = ats.requests.filter((r) => r.host === 'api.lever.co');
    expect(levers.map((r) => r.query.skip)).toEqual(['0', '100']);
  });

  it('on a second crawl counts new, changed, unchanged and closed jobs', async () => {
    const board = ats.getJobs<{ id: number; title: string; content: string; absolute_url: string }>(
      'greenhouse',
      'acme',
    );
    const [removed, changed, ...rest] = board;
    changed!.content = `${changed!.content}&lt;p&gt;Now with a bigger budget.&lt;/p&gt;`;
    const added = {
      ...rest[0]!,
      id: 999001,
      title: 'Brand New Role',
      absolute_url: 'https://boards.greenhouse.io/acme/jobs/999001',
    };
    ats.setJobs('greenhouse', 'acme', [changed, ...rest, added]);
    const second = await crawl('greenhouse:acme');
    expect(second.jobs).toEqual({ new: 1, changed: 1, unchanged: rest.length, closed: 1, failed: 0 });
    const closed = await runtime.handle.db.select().from(jobs).where(sql`closed_at is not null`);
    expect(closed).toHaveLength(1);
    expect(closed[0]!.title).toBe(removed!.title);
  });

  it('walks a career page with pagination and fans out its detail pages', async () => {
    const site = installCareerSite(ats, {
      host: 'careers.northwind.test',
      company: 'Northwind',
      jobs: careerJobs(25, 'nw'),
    });
    const status = await crawl(site.listingUrl);
    expect(status).toMatchObject({ state: 'done', pagesTotal: 25, pagesDone: 25 });
    expect(status.jobs.new).toBe(25);
    const stored = await runtime.handle.db.select().from(jobs).where(eq(jobs.company, 'Northwind'));
    expect(stored).toHaveLength(25);
    const htmlOnly = stored.find((j) => j.title.endsWith('NW 1'));
    expect(htmlOnly?.descriptionMd).toMatch(/TypeScript/);
    expect(htmlOnly?.skills).toEqual(expect.arrayContaining(['typescript', 'kubernetes']));
  });

  it('keeps one job when the same posting is on an ATS board and on the career page', async () => {
    const [first] = ats.getJobs<{ title: string; location: { name: string } }>('greenhouse', 'acme');
    const [stored] = await runtime.handle.db.select().from(jobs).where(eq(jobs.title, first!.title));
    const [city, country] = first!.location.name.split(',').map((s) => s.trim());
    const site = installCareerSite(ats, {
      host: 'careers.acme.test',
      company: stored!.company,
      jobs: [{ slug: 'dup', title: first!.title, city: city!, country: country ?? '', jsonLd: true }],
    });
    const before = await openJobs();
    const status = await crawl(site.listingUrl);
    expect(status.state).toBe('done');
    expect(await openJobs()).toBe(before);
    const sightings = await runtime.handle.db
      .select()
      .from(jobSightings)
      .where(eq(jobSightings.jobId, stored!.id));
    expect(sightings.length).toBe(2);
  });

  it('reports a board that does not exist as a clear failure and loses nothing', async () => {
    const before = await openJobs();
    const status = await crawl('greenhouse:no-such-board');
    expect(status.state).toBe('failed');
    const sources = (await callTool(runtime.tools.require('list_sources'), {}, { userId })) as {
      sources: Array<{ spec: string; lastError: string | null }>;
    };
    const failed = sources.sources.find((s) => s.spec === 'greenhouse:no-such-board');
    expect(failed?.lastError).toMatch(/greenhouse board 'no-such-board' does not exist/);
    expect(await openJobs()).toBe(before);
  });

  it('finishes a run whose worker died after counting its last page, when that page is delivered again', async () => {
    const db = runtime.handle.db;
    const source = (await callTool(
      runtime.tools.require('add_source'),
      { spec: 'https://careers.unfinished.test/jobs' },
      { userId },
    )) as { id: string };
    // The state a worker killed between counting the last page and finishing the run leaves.
    const [run] = await db
      .insert(crawlRuns)
      .values({ sourceId: source.id, pagesDone: 1, pagesTotal: 1 })
      .returning({ id: crawlRuns.id });
    const url = 'https://careers.unfinished.test/jobs/1';
    await db.insert(crawlPages).values({ runId: run!.id, url, status: 'done' });

    await runtime.queue.enqueue(CRAWL_PAGE, { runId: run!.id, url });
    const finished = await waitFor(
      async () => {
        const [row] = await db.select().from(crawlRuns).where(eq(crawlRuns.id, run!.id));
        return row?.status === 'done' ? row : null;
      },
      { what: 'the run finished' },
    );
    expect(finished).toMatchObject({ pagesDone: 1, pagesTotal: 1, jobsNew: 0 });
  });

  it('rejects a malformed source spec with the accepted forms', async () => {
    await expect(
      callTool(runtime.tools.require('add_source'), { spec: 'monster:acme' }, { userId }),
    ).rejects.toThrow(/unknown provider "monster"/);
  });

  it('finds stored jobs by full text and filters', async () => {
    const out = (await callTool(
      runtime.tools.require('search_jobs'),
      { query: 'engineer', location: 'Berlin', limit: 5 },
      { userId },
    )) as { total: number; jobs: Array<{ city: string | null }> };
    expect(out.total).toBeGreaterThan(0);
    for (const job of out.jobs) expect(job.city).toBe('Berlin');
  });
});
