import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRobotsCache } from '../../../tools/crawl/robots.ts';
import { createFetcher } from '../../../tools/crawl/safe-fetch.ts';
import { startTestServer, type TestServer } from '../../fixtures/http-server.ts';

const UA = 'JobhoundBot/0.1 (+https://github.com/jobhound/jobhound; job search assistant)';

function cacheAnswering(status: number, body = '') {
  const fetchRobotsTxt = vi.fn(async (_url: string) => ({ status, body }));
  return { cache: createRobotsCache({ userAgent: UA, fetchRobotsTxt }), fetchRobotsTxt };
}

describe('createRobotsCache', () => {
  it('follows the group for our user agent over the wildcard group', async () => {
    const { cache } = cacheAnswering(
      200,
      'User-agent: *\nDisallow: /\n\nUser-agent: JobhoundBot\nDisallow: /admin\n',
    );
    expect(await cache.isAllowed('https://example.com/jobs/1')).toBe(true);
    expect(await cache.isAllowed('https://example.com/admin/x')).toBe(false);
  });

  it('fetches robots.txt once per origin, even for concurrent questions', async () => {
    const { cache, fetchRobotsTxt } = cacheAnswering(200, 'User-agent: *\nDisallow: /private\n');
    await Promise.all([
      cache.isAllowed('https://example.com/a'),
      cache.isAllowed('https://example.com/b'),
      cache.crawlDelayMs('https://example.com'),
    ]);
    await cache.isAllowed('https://other.example.com/a');
    expect(fetchRobotsTxt.mock.calls.map(([u]) => u)).toEqual([
      'https://example.com/robots.txt',
      'https://other.example.com/robots.txt',
    ]);
  });

  it.each([404, 410, 500, 503])('allows everything when robots.txt answers %i', async (status) => {
    const { cache } = cacheAnswering(status, 'User-agent: *\nDisallow: /\n');
    expect(await cache.isAllowed('https://example.com/jobs')).toBe(true);
  });

  it.each([401, 403])('disallows everything when robots.txt answers %i', async (status) => {
    const { cache } = cacheAnswering(status);
    expect(await cache.isAllowed('https://example.com/jobs')).toBe(false);
  });

  it('allows everything when robots.txt cannot be fetched at all, and does not ask again', async () => {
    const fetchRobotsTxt = vi.fn(async () => {
      throw new Error('timeout');
    });
    const cache = createRobotsCache({ userAgent: UA, fetchRobotsTxt });
    expect(await cache.isAllowed('https://example.com/a')).toBe(true);
    expect(await cache.isAllowed('https://example.com/b')).toBe(true);
    expect(fetchRobotsTxt).toHaveBeenCalledOnce();
  });

  it('reports Crawl-delay in milliseconds, capped at 30 seconds', async () => {
    const { cache } = cacheAnswering(200, 'User-agent: *\nCrawl-delay: 2.5\n');
    expect(await cache.crawlDelayMs('https://example.com')).toBe(2500);
    const greedy = cacheAnswering(200, 'User-agent: *\nCrawl-delay: 3600\n').cache;
    expect(await greedy.crawlDelayMs('https://example.com/any/path')).toBe(30_000);
    expect(await cacheAnswering(200, 'User-agent: *\nDisallow:\n').cache.crawlDelayMs('https://a.com')).toBe(
      0,
    );
  });
});

describe('the fetcher and robots.txt', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('refuses a disallowed page without requesting it, and counts it', async () => {
    server = await startTestServer({
      '/robots.txt': { body: 'User-agent: *\nDisallow: /private\n' },
      '/private/salaries': { body: 'secret' },
      '/jobs': { body: 'jobs' },
    });
    const fetcher = createFetcher({ allowHosts: ['127.0.0.1'] });
    await expect(fetcher.fetchText(`${server.url}/private/salaries`)).rejects.toMatchObject({
      code: 'robots_disallowed',
    });
    expect((await fetcher.fetchText(`${server.url}/jobs`)).body).toBe('jobs');
    expect(server.hits('/private/salaries')).toHaveLength(0);
    expect(server.hits('/robots.txt')).toHaveLength(1);
    expect(server.hits('/robots.txt')[0]?.headers['user-agent']).toBe(UA);
    expect(fetcher.stats().refusedRobots).toBe(1);
  });

  it('fetches a disallowed API when the request says to ignore robots.txt', async () => {
    server = await startTestServer({
      '/robots.txt': { body: 'User-agent: *\nDisallow: /\n' },
      '/api/jobs': { body: '[]', headers: { 'content-type': 'application/json' } },
    });
    const fetcher = createFetcher({ allowHosts: ['127.0.0.1'] });
    const result = await fetcher.fetchJson(`${server.url}/api/jobs`, { ignoreRobots: true });
    expect(result.data).toEqual([]);
    expect(server.hits('/robots.txt')).toHaveLength(0);
  });

  it('checks robots.txt of the origin a redirect leads to', async () => {
    const target = await startTestServer({
      '/robots.txt': { body: 'User-agent: *\nDisallow: /\n' },
      '/landing': { body: 'landed' },
    });
    server = await startTestServer({
      '/go': { status: 302, headers: { location: `${target.url}/landing` } },
    });
    const fetcher = createFetcher({ allowHosts: ['127.0.0.1'] });
    await expect(fetcher.fetchText(`${server.url}/go`)).rejects.toMatchObject({ code: 'robots_disallowed' });
    expect(target.hits('/landing')).toHaveLength(0);
    await target.close();
  });

  it('does not retry a failing robots.txt and then fetches the page', async () => {
    server = await startTestServer({ '/robots.txt': { status: 503 }, '/jobs': { body: 'ok' } });
    const fetcher = createFetcher({ allowHosts: ['127.0.0.1'], retryBaseMs: 1 });
    expect((await fetcher.fetchText(`${server.url}/jobs`)).body).toBe('ok');
    expect(server.hits('/robots.txt')).toHaveLength(1);
  });

  it('waits the Crawl-delay between two requests to the same host', async () => {
    server = await startTestServer({
      '/robots.txt': { body: 'User-agent: *\nCrawl-delay: 0.5\n' },
      '/a': { body: 'a' },
      '/b': { body: 'b' },
    });
    const fetcher = createFetcher({ allowHosts: ['127.0.0.1'], perHostDelayMs: 100 });
    await Promise.all([fetcher.fetchText(`${server.url}/a`), fetcher.fetchText(`${server.url}/b`)]);
    const [first, second] = [server.hits('/a')[0]!.at, server.hits('/b')[0]!.at].sort((x, y) => x - y);
    // Measured at the server, so connection latency blurs the 500 ms a little; the configured 100 ms
    // delay alone would leave a gap far below this.
    expect(second! - first!).toBeGreaterThanOrEqual(450);
  });
});
