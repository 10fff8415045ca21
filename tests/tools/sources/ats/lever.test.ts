import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchLeverJobs } from '../../../../tools/sources/ats/lever.ts';
import { SourceNotFoundError, SourceResponseError } from '../../../../tools/sources/errors.ts';
import { leverPostings } from '../../../fixtures/ats/data/lever.ts';
import { createFixtureFetcher, type FixtureFetcher } from '../../../fixtures/ats/fixture-fetcher.ts';
import { type AtsFixtureServer, startAtsFixtureServer } from '../../../fixtures/ats/server.ts';

let server: AtsFixtureServer;
let fetcher: FixtureFetcher;

beforeAll(async () => {
  server = await startAtsFixtureServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  fetcher = createFixtureFetcher(server.baseUrl);
});

const id = (n: number) => `0f1e2d3c-000${n}-4a5b-8c9d-00000000000${n}`;

describe('fetchLeverJobs', () => {
  it('pages through all 150 postings with mode=json, skip and limit', async () => {
    const result = await fetchLeverJobs(fetcher, 'acme');
    expect(result.postings).toHaveLength(150);
    expect(result.complete).toBe(true);
    expect(server.requests.map((r) => r.query)).toEqual([
      { mode: 'json', skip: '0', limit: '100' },
      { mode: 'json', skip: '100', limit: '100' },
    ]);
    expect(server.requests.every((r) => r.host === 'api.lever.co' && r.path === '/v0/postings/acme')).toBe(
      true,
    );
  });

  it('asks for one more page when a page is exactly full, and stops at the empty one', async () => {
    server.setJobs('lever', 'acme', leverPostings(100));
    const result = await fetchLeverJobs(fetcher, 'acme');
    expect(result.postings).toHaveLength(100);
    expect(result.complete).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('maps a remote posting with its yearly USD salary, locations, and full description', async () => {
    const result = await fetchLeverJobs(fetcher, 'acme');
    const posting = result.postings.find((p) => p.externalId === id(1));
    expect(posting).toMatchObject({
      url: `https://jobs.lever.co/acme/${id(1)}`,
      applyUrl: `https://jobs.lever.co/acme/${id(1)}/apply`,
      title: 'Senior Frontend Engineer',
      company: 'Acme',
      locationText: 'Remote - US; New York, NY',
      remote: 'remote',
      employmentType: 'full_time',
      department: 'Engineering',
      postedAt: new Date(1714567890123).toISOString(),
      salary: { min: 140000, max: 170000, currency: 'USD', period: 'year' },
    });
    const html = posting?.descriptionHtml ?? '';
    expect(html).toContain('React &amp; TypeScript');
    expect(html).toContain('<h3>What you will do</h3>\n<ul><li>Ship features weekly</li>');
    expect(html).toContain('<h3>What you bring</h3>');
    expect(html.indexOf('Benefits')).toBeGreaterThan(html.indexOf('What you bring'));
  });

  it('reads hybrid, on-site and unspecified workplaces and monthly or hourly pay', async () => {
    const result = await fetchLeverJobs(fetcher, 'acme');
    const byId = (n: number) => result.postings.find((p) => p.externalId === id(n));
    expect(byId(2)).toMatchObject({
      remote: 'hybrid',
      locationText: 'Lisbon, Portugal',
      salary: { min: 1800, max: 2300, currency: 'EUR', period: 'month' },
    });
    expect(byId(3)).toMatchObject({
      remote: 'onsite',
      employmentType: 'part_time',
      salary: { min: 19, max: 23, currency: 'USD', period: 'hour' },
    });
    expect(byId(4)?.remote).toBeUndefined();
    expect(byId(4)?.employmentType).toBe('internship');
    expect(byId(4)?.locationText).toBe('London');
    expect(byId(5)?.salary).toMatchObject({ currency: 'GBP', period: 'year' });
  });

  it('reports progress after each page', async () => {
    const seen: number[] = [];
    await fetchLeverJobs(fetcher, 'acme', { onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([100, 150]);
  });

  it('keeps the first page but marks the crawl incomplete when a later page fails', async () => {
    server.setResponse('https://api.lever.co/v0/postings/acme?mode=json&skip=100&limit=100', {
      status: 503,
      body: '{}',
    });
    const result = await fetchLeverJobs(fetcher, 'acme');
    expect(result.postings).toHaveLength(100);
    expect(result.complete).toBe(false);
    expect(result.incompleteReason).toMatch(/page 2 failed.*503/);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(fetchLeverJobs(fetcher, 'acme', { signal: controller.signal })).rejects.toThrow();
    expect(server.requests).toHaveLength(0);
  });

  it('reports an unknown site as SourceNotFoundError', async () => {
    await expect(fetchLeverJobs(fetcher, 'ghost')).rejects.toThrow(
      new SourceNotFoundError(
        'lever',
        'ghost',
        'https://api.lever.co/v0/postings/ghost?mode=json&skip=0&limit=100',
      ),
    );
  });

  it('names the provider when the response is not the documented array', async () => {
    server.setResponse('https://api.lever.co/v0/postings/acme', { status: 200, body: '{"postings":[]}' });
    const attempt = fetchLeverJobs(fetcher, 'acme');
    await expect(attempt).rejects.toBeInstanceOf(SourceResponseError);
    await expect(attempt).rejects.toThrow(
      /lever response for board 'acme' is malformed: the response body expected array/,
    );
  });

  it('skips a posting with a malformed field and says which', async () => {
    const postings = server.getJobs('lever', 'acme');
    (postings[2] as Record<string, unknown>).categories = 'Reno';
    server.setJobs('lever', 'acme', postings);
    const result = await fetchLeverJobs(fetcher, 'acme');
    expect(result.postings).toHaveLength(149);
    expect(result.complete).toBe(false);
    expect(result.incompleteReason).toContain('postings.2.categories');
  });
});
