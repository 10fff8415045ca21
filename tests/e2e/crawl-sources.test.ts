import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../config/logger.ts';
import { jobs, sources } from '../../db/schema.ts';
import { type BrowserPool, createBrowserPool, findChromium } from '../../tools/crawl/browser-pool.ts';
import { CRAWL_DUE } from '../../tools/crawl/crawl-tasks.ts';
import { rewriteToBase } from '../../tools/crawl/source-rewrite.ts';
import { type AtsFixtureServer, startAtsFixtureServer } from '../fixtures/ats/server.ts';
import { careerJobs, detailPage } from '../fixtures/career-site.ts';
import { waitFor } from '../helpers/queue.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

const page = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/pages', name), 'utf8');
const chromium = findChromium(process.env);

describe('crawling career pages, sitemaps and client-rendered boards', () => {
  let ats: AtsFixtureServer;
  let t: TestRuntime;
  let browser: BrowserPool | null = null;

  beforeAll(async () => {
    ats = await startAtsFixtureServer();
    const base = ats.baseUrl;
    browser = chromium
      ? createBrowserPool({
          executablePath: chromium,
          size: 2,
          logger: silentLogger(),
          rewrite: (url) => rewriteToBase(url, base),
        })
      : null;
    t = await startTestRuntime({ env: { SOURCE_BASE_URL: base }, browser });
  });

  afterAll(async () => {
    await t?.close();
    await browser?.close();
    await ats?.close();
  });

  const count = async (company: string) =>
    Number(
      (
        await t.runtime.handle.db
          .select({ n: sql<number>`count(*)::int` })
          .from(jobs)
          .where(eq(jobs.company, company))
      )[0]!.n,
    );

  it('switches to the ATS API when a career page embeds a Greenhouse board', async () => {
    const gh = ats.getJobs('greenhouse', 'acme');
    ats.setJobs('greenhouse', 'pebblepayments', gh.slice(0, 3));
    ats.setResponse('https://pebble.example/careers', {
      status: 200,
      contentType: 'text/html',
      body: page('career-greenhouse-embed.html').replace(/<a href="https:\/\/jobs\.lever\.co[^<]*<\/a>/, ''),
    });
    const status = await t.crawl('https://pebble.example/careers');
    expect(status).toMatchObject({ state: 'done', complete: true });
    expect(status.jobs.new).toBe(3);
    expect(
      ats.requests.some((r) => r.host === 'boards-api.greenhouse.io' && r.path.includes('pebblepayments')),
    ).toBe(true);
  });

  it('reads a sitemap and crawls the job pages it lists', async () => {
    const jobsOnSite = careerJobs(3, 'sm');
    const urls = jobsOnSite.map((j) => `https://sitemap.example/jobs/${j.slug}`);
    ats.setResponse('https://sitemap.example/sitemap.xml', {
      status: 200,
      contentType: 'application/xml',
      body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${[
        ...urls,
        'https://sitemap.example/about',
      ]
        .map((u) => `<url><loc>${u}</loc></url>`)
        .join('')}</urlset>`,
    });
    for (const [i, job] of jobsOnSite.entries()) {
      ats.setResponse(urls[i]!, {
        status: 200,
        contentType: 'text/html',
        body: detailPage('Sitemap Co', job),
      });
    }
    const status = await t.crawl('https://sitemap.example/sitemap.xml');
    expect(status).toMatchObject({ state: 'done', pagesTotal: 3, pagesDone: 3 });
    expect(await count('Sitemap Co')).toBe(3);
  });

  it.skipIf(!chromium)('finds jobs on a board that only a browser can read', async () => {
    ats.setResponse('https://orbit.example/careers', {
      status: 200,
      contentType: 'text/html',
      body: page('csr-listing.html'),
    });
    const slugs = [
      '9101-warehouse-shift-lead',
      '9102-route-planning-analyst',
      '9103-fleet-maintenance-technician',
    ];
    for (const [i, slug] of slugs.entries()) {
      ats.setResponse(`https://orbit.example/jobs/${slug}`, {
        status: 200,
        contentType: 'text/html',
        body: detailPage('Orbit Freight', {
          slug,
          title: ['Warehouse Shift Lead', 'Route Planning Analyst', 'Fleet Maintenance Technician'][i]!,
          city: 'Rotterdam',
          country: 'NL',
          jsonLd: true,
          body: 'Run safe, on-time logistics operations with WMS and forklift certification.',
        }),
      });
    }
    const status = await t.crawl('https://orbit.example/careers');
    expect(status).toMatchObject({ state: 'done', pagesTotal: 3 });
    expect(await count('Orbit Freight')).toBe(3);
  });

  it('re-crawls sources whose interval has passed', async () => {
    const [source] = await t.runtime.handle.db
      .select()
      .from(sources)
      .where(eq(sources.spec, 'https://sitemap.example/sitemap.xml'));
    await t.runtime.handle.db
      .update(sources)
      .set({ lastCrawledAt: new Date(Date.now() - 7 * 3600_000) })
      .where(eq(sources.id, source!.id));
    const before = (await t.runtime.services.sources.latestRun(source!.id))!.id;
    await t.runtime.queue.enqueue(CRAWL_DUE, {});
    await waitFor(
      async () => {
        const run = await t.runtime.services.sources.latestRun(source!.id);
        return run && run.id !== before && run.status === 'done';
      },
      { timeoutMs: 60_000, what: 'a scheduled re-crawl' },
    );
    const run = await t.runtime.services.sources.latestRun(source!.id);
    expect(run!.jobsUnchanged).toBe(3);
  });
});
