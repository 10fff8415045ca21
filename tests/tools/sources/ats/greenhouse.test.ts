import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchGreenhouseJobs } from '../../../../tools/sources/ats/greenhouse.ts';
import { SourceNotFoundError, SourceResponseError } from '../../../../tools/sources/errors.ts';
import { GREENHOUSE_DESCRIPTIONS } from '../../../fixtures/ats/data/greenhouse.ts';
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

const JOBS_URL = 'https://boards-api.greenhouse.io/v1/boards/acme/jobs';

describe('fetchGreenhouseJobs', () => {
  it('lists every job on the board under the company name the board API gives', async () => {
    const result = await fetchGreenhouseJobs(fetcher, 'acme');
    expect(result.complete).toBe(true);
    expect(result.postings).toHaveLength(4);
    expect(new Set(result.postings.map((p) => p.company))).toEqual(new Set(['Acme Robotics']));
  });

  it('turns the entity-escaped content back into the HTML the employer wrote', async () => {
    const result = await fetchGreenhouseJobs(fetcher, 'acme');
    for (const posting of result.postings) {
      expect(posting.descriptionHtml).toBe(GREENHOUSE_DESCRIPTIONS[Number(posting.externalId)]);
    }
    const backend = result.postings.find((p) => p.externalId === '4012345');
    expect(backend?.descriptionHtml).toContain('<strong>Go</strong>');
    expect(backend?.descriptionHtml).toContain('Kubernetes &amp; PostgreSQL');
    expect(backend?.descriptionHtml).toContain('&mdash;');
  });

  it('maps location, department, dates, employment type and pay ranges', async () => {
    const result = await fetchGreenhouseJobs(fetcher, 'acme');
    const backend = result.postings.find((p) => p.externalId === '4012345');
    expect(backend).toMatchObject({
      url: 'https://boards.greenhouse.io/acme/jobs/4012345',
      title: 'Senior Backend Engineer',
      locationText: 'Berlin, Germany',
      department: 'Engineering',
      employmentType: 'Full-time',
      postedAt: '2024-04-01T13:00:00.000Z',
      salary: { min: 80000, max: 95000, currency: 'EUR', period: 'year' },
    });
    const office = result.postings.find((p) => p.externalId === '4012348');
    expect(office?.salary).toEqual({ min: 18, max: 21, currency: 'GBP', period: 'hour' });
    const sales = result.postings.find((p) => p.externalId === '4012346');
    expect(sales?.salary).toBeUndefined();
  });

  it('asks the documented jobs endpoint with content=true, without robots.txt', async () => {
    await fetchGreenhouseJobs(fetcher, 'acme');
    const list = server.requests.find((r) => r.path === '/v1/boards/acme/jobs');
    expect(list?.host).toBe('boards-api.greenhouse.io');
    expect(list?.query).toEqual({ content: 'true' });
    expect(server.requests.some((r) => r.path === '/v1/boards/acme')).toBe(true);
    expect(fetcher.calls.every((c) => c.options?.ignoreRobots === true)).toBe(true);
  });

  it('falls back to a readable board name when the board details cannot be read', async () => {
    server.setResponse('https://boards-api.greenhouse.io/v1/boards/acme', { status: 500, body: '{}' });
    const result = await fetchGreenhouseJobs(fetcher, 'acme');
    expect(result.postings[0]?.company).toBe('Acme');
  });

  it('reports a board that does not exist as SourceNotFoundError', async () => {
    const attempt = fetchGreenhouseJobs(fetcher, 'nope');
    await expect(attempt).rejects.toBeInstanceOf(SourceNotFoundError);
    await expect(attempt).rejects.toThrow(
      "greenhouse board 'nope' does not exist (404 from https://boards-api.greenhouse.io/v1/boards/nope/jobs?content=true)",
    );
  });

  it('names the provider and the field when the response has the wrong shape', async () => {
    server.setResponse(JOBS_URL, { status: 200, body: JSON.stringify({ jobs: 'none', meta: { total: 0 } }) });
    const attempt = fetchGreenhouseJobs(fetcher, 'acme');
    await expect(attempt).rejects.toBeInstanceOf(SourceResponseError);
    await expect(attempt).rejects.toThrow(/greenhouse response for board 'acme' is malformed: field 'jobs'/);
  });

  it('says so when the body is not JSON at all', async () => {
    server.setResponse(JOBS_URL, { status: 200, body: '<html>maintenance</html>', contentType: 'text/html' });
    await expect(fetchGreenhouseJobs(fetcher, 'acme')).rejects.toThrow(/greenhouse .* not valid JSON/);
  });

  it('skips one malformed job, keeps the rest and marks the crawl incomplete', async () => {
    const jobs = server.getJobs('greenhouse', 'acme');
    delete jobs[1]?.title;
    server.setJobs('greenhouse', 'acme', jobs);
    const result = await fetchGreenhouseJobs(fetcher, 'acme');
    expect(result.postings).toHaveLength(3);
    expect(result.complete).toBe(false);
    expect(result.incompleteReason).toContain('jobs.1.title');
  });
});
