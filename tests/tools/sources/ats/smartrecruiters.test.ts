import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchSmartRecruitersJobs } from '../../../../tools/sources/ats/smartrecruiters.ts';
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

const LIST = '/v1/companies/acme/postings';
const DETAIL = 'https://api.smartrecruiters.com/v1/companies/acme/postings/';

describe('fetchSmartRecruitersJobs', () => {
  it('pages through all 120 postings with limit and offset, then reads each detail', async () => {
    const result = await fetchSmartRecruitersJobs(fetcher, 'acme');
    expect(result.complete).toBe(true);
    expect(result.postings).toHaveLength(120);
    const pages = server.requests.filter((r) => r.path === LIST);
    expect(pages.map((r) => r.query)).toEqual([
      { limit: '100', offset: '0' },
      { limit: '100', offset: '100' },
    ]);
    expect(server.requests.filter((r) => r.path.startsWith(`${LIST}/`))).toHaveLength(120);
  });

  it('maps a hybrid posting with its detail URL and sectioned description', async () => {
    const result = await fetchSmartRecruitersJobs(fetcher, 'acme');
    const planner = result.postings.find((p) => p.externalId === '744000012345601');
    expect(planner).toMatchObject({
      url: 'https://jobs.smartrecruiters.com/acme/744000012345601-supply-chain-planner',
      applyUrl: 'https://jobs.smartrecruiters.com/acme/744000012345601-supply-chain-planner?oga=true',
      title: 'Supply Chain Planner',
      company: 'Acme Foods',
      locationText: 'Paris, Île-de-France, France',
      remote: 'hybrid',
      employmentType: 'full_time',
      department: 'Supply Chain',
      postedAt: '2024-03-01T10:00:00.000Z',
    });
    const html = planner?.descriptionHtml ?? '';
    expect(html).toContain('<h3>Job Description</h3>\n<p>Plan &amp; balance supply for 40 plants.</p>');
    expect(html.indexOf('Company Description')).toBeLessThan(html.indexOf('Qualifications'));
    expect(html).toContain('<h3>Additional Information</h3>');
  });

  it('reads remote, on-site and unknown workplaces from the location flags', async () => {
    const result = await fetchSmartRecruitersJobs(fetcher, 'acme');
    const byId = (id: string) => result.postings.find((p) => p.externalId === id);
    expect(byId('744000012345602')?.remote).toBe('remote');
    expect(byId('744000012345603')).toMatchObject({ remote: 'onsite', employmentType: 'part_time' });
    expect(byId('744000012345604')?.remote).toBeUndefined();
    expect(byId('744000012345604')).toMatchObject({ employmentType: 'internship', locationText: 'Lyon, fr' });
  });

  it('fetches details in parallel but never more than 8 at once', async () => {
    const slow = await startAtsFixtureServer({ latencyMs: 5 });
    try {
      slow.setJobs('smartrecruiters', 'acme', slow.getJobs('smartrecruiters', 'acme').slice(0, 40));
      const result = await fetchSmartRecruitersJobs(createFixtureFetcher(slow.baseUrl), 'acme');
      expect(result.postings).toHaveLength(40);
      expect(slow.maxInFlight).toBeGreaterThan(1);
      expect(slow.maxInFlight).toBeLessThanOrEqual(8);
    } finally {
      await slow.close();
    }
  });

  it('reports detail progress against the number of postings', async () => {
    const calls: Array<[number, number | undefined]> = [];
    await fetchSmartRecruitersJobs(fetcher, 'acme', {
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls).toHaveLength(120);
    expect(calls.at(-1)).toEqual([120, 120]);
  });

  it('drops a posting whose detail is gone (closed mid-crawl) without calling the crawl partial', async () => {
    server.setResponse(`${DETAIL}744000012345603`, { status: 404, body: '{}' });
    const result = await fetchSmartRecruitersJobs(fetcher, 'acme');
    expect(result.postings).toHaveLength(119);
    expect(result.postings.some((p) => p.externalId === '744000012345603')).toBe(false);
    expect(result.complete).toBe(true);
  });

  it('keeps a posting whose detail failed, without description, and marks the crawl incomplete', async () => {
    server.setResponse(`${DETAIL}744000012345602`, { status: 500, body: '{}' });
    const result = await fetchSmartRecruitersJobs(fetcher, 'acme');
    const engineer = result.postings.find((p) => p.externalId === '744000012345602');
    expect(engineer?.descriptionHtml).toBeUndefined();
    expect(engineer?.url).toBe('https://jobs.smartrecruiters.com/acme/744000012345602');
    expect(result.complete).toBe(false);
    expect(result.incompleteReason).toContain('744000012345602');
  });

  it('reports an unknown company as SourceNotFoundError', async () => {
    await expect(fetchSmartRecruitersJobs(fetcher, 'ghost')).rejects.toBeInstanceOf(SourceNotFoundError);
  });

  it('names the provider and field when content is missing', async () => {
    server.setResponse(`https://api.smartrecruiters.com${LIST}`, {
      status: 200,
      body: JSON.stringify({ offset: 0, limit: 100, totalFound: 3, postings: [] }),
    });
    const attempt = fetchSmartRecruitersJobs(fetcher, 'acme');
    await expect(attempt).rejects.toBeInstanceOf(SourceResponseError);
    await expect(attempt).rejects.toThrow(
      /smartrecruiters response for board 'acme' is malformed: field 'content'/,
    );
  });
});
