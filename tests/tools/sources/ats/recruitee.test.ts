import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchRecruiteeJobs } from '../../../../tools/sources/ats/recruitee.ts';
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

describe('fetchRecruiteeJobs', () => {
  it('lists every offer from the company subdomain', async () => {
    const result = await fetchRecruiteeJobs(fetcher, 'acme');
    expect(result.complete).toBe(true);
    expect(result.postings).toHaveLength(4);
    expect(server.requests[0]).toMatchObject({ host: 'acme.recruitee.com', path: '/api/offers/' });
  });

  it('maps a hybrid offer with a monthly salary given as strings', async () => {
    const [backend] = (await fetchRecruiteeJobs(fetcher, 'acme')).postings;
    expect(backend).toMatchObject({
      url: 'https://acme.recruitee.com/o/backend-developer-elixir',
      applyUrl: 'https://acme.recruitee.com/o/backend-developer-elixir/c/new',
      title: 'Backend Developer (Elixir)',
      company: 'Acme Mobility',
      locationText: 'Amsterdam, Netherlands',
      remote: 'hybrid',
      employmentType: 'full_time',
      department: 'Engineering',
      postedAt: '2024-04-02T08:15:00.000Z',
      externalId: '1459301',
      salary: { min: 4500, max: 6000, currency: 'EUR', period: 'month' },
    });
    expect(backend?.descriptionHtml).toContain('Elixir &amp; Phoenix');
    expect(backend?.descriptionHtml).toContain('<h3>Requirements</h3>\n<ul><li>OTP experience</li>');
  });

  it('reads on-site and remote flags, hourly and yearly pay, and no pay at all', async () => {
    const [, mechanic, manager, care] = (await fetchRecruiteeJobs(fetcher, 'acme')).postings;
    expect(mechanic).toMatchObject({
      remote: 'onsite',
      employmentType: 'part_time',
      salary: { min: 16.5, max: 19, currency: 'EUR', period: 'hour' },
    });
    expect(mechanic?.descriptionHtml).not.toContain('Requirements');
    expect(manager).toMatchObject({ salary: { min: 300000, max: 360000, currency: 'PLN', period: 'year' } });
    expect(care).toMatchObject({ remote: 'remote', locationText: 'Remote', employmentType: 'contract' });
    expect(care?.salary).toBeUndefined();
  });

  it('reports an unknown company as SourceNotFoundError', async () => {
    await expect(fetchRecruiteeJobs(fetcher, 'ghost')).rejects.toBeInstanceOf(SourceNotFoundError);
  });

  it('names the provider and field when offers is missing', async () => {
    server.setResponse('https://acme.recruitee.com/api/offers/', { status: 200, body: '{"jobs":[]}' });
    const attempt = fetchRecruiteeJobs(fetcher, 'acme');
    await expect(attempt).rejects.toBeInstanceOf(SourceResponseError);
    await expect(attempt).rejects.toThrow(/recruitee response for board 'acme' is malformed: field 'offers'/);
  });
});
