import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchAshbyJobs } from '../../../../tools/sources/ats/ashby.ts';
import { SourceNotFoundError, SourceResponseError } from '../../../../tools/sources/errors.ts';
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

const id = (n: number) => `5b8f3a1e-${String(n).repeat(4)}-4c2d-9e0f-aaaaaaaaaaa${n}`;

describe('fetchAshbyJobs', () => {
  it('lists the listed postings and leaves out unlisted ones', async () => {
    const result = await fetchAshbyJobs(fetcher, 'acme');
    expect(result.complete).toBe(true);
    expect(result.postings.map((p) => p.externalId)).toEqual([id(1), id(2), id(3), id(4)]);
  });

  it('asks the posting API with includeCompensation=true', async () => {
    await fetchAshbyJobs(fetcher, 'acme');
    expect(server.requests).toEqual([
      expect.objectContaining({
        host: 'api.ashbyhq.com',
        path: '/posting-api/job-board/acme',
        query: { includeCompensation: 'true' },
      }),
    ]);
    expect(fetcher.calls[0]?.options?.ignoreRobots).toBe(true);
  });

  it('maps a hybrid role with its yearly USD salary and full address', async () => {
    const result = await fetchAshbyJobs(fetcher, 'acme');
    expect(result.postings[0]).toMatchObject({
      url: `https://jobs.ashbyhq.com/acme/${id(1)}`,
      applyUrl: `https://jobs.ashbyhq.com/acme/${id(1)}/application`,
      title: 'Product Designer',
      company: 'Acme',
      locationText: 'San Francisco, California, United States',
      remote: 'hybrid',
      employmentType: 'full_time',
      department: 'Design',
      postedAt: '2024-05-01T17:22:31.412Z',
      descriptionHtml: '<p>Design flows people <em>love</em> &amp; trust.</p>',
      salary: { min: 150000, max: 185000, currency: 'USD', period: 'year' },
    });
  });

  it('reads remote, on-site, hourly pay, contract work and secondary locations', async () => {
    const [, ml, recruiting] = (await fetchAshbyJobs(fetcher, 'acme')).postings;
    expect(ml).toMatchObject({
      remote: 'remote',
      locationText: 'Remote (Europe); Amsterdam',
      salary: { min: 90000, max: 120000, currency: 'EUR', period: 'year' },
    });
    expect(recruiting).toMatchObject({
      remote: 'onsite',
      employmentType: 'contract',
      salary: { min: 35, max: 42, currency: 'CAD', period: 'hour' },
    });
  });

  it('keeps the compensation summary as text when no salary figures are given', async () => {
    const finance = (await fetchAshbyJobs(fetcher, 'acme')).postings[3];
    expect(finance?.salary).toBeUndefined();
    expect(finance?.salaryText).toBe('Competitive salary + equity');
    expect(finance?.remote).toBeUndefined();
  });

  it('reports an unknown org as SourceNotFoundError', async () => {
    await expect(fetchAshbyJobs(fetcher, 'ghost')).rejects.toBeInstanceOf(SourceNotFoundError);
  });

  it('names the provider and field when jobs is missing', async () => {
    server.setResponse('https://api.ashbyhq.com/posting-api/job-board/acme', {
      status: 200,
      body: JSON.stringify({ apiVersion: '1', postings: [] }),
    });
    const attempt = fetchAshbyJobs(fetcher, 'acme');
    await expect(attempt).rejects.toBeInstanceOf(SourceResponseError);
    await expect(attempt).rejects.toThrow(/ashby response for board 'acme' is malformed: field 'jobs'/);
  });
});
