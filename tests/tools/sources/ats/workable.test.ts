import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchWorkableJobs } from '../../../../tools/sources/ats/workable.ts';
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

describe('fetchWorkableJobs', () => {
  it('lists every job under the account name from the widget API', async () => {
    const result = await fetchWorkableJobs(fetcher, 'acme');
    expect(result.complete).toBe(true);
    expect(result.postings.map((p) => p.externalId)).toEqual([
      'A1B2C3D4E5',
      'F6G7H8J9K0',
      'L1M2N3P4Q5',
      'R6S7T8V9W0',
    ]);
    expect(result.postings.every((p) => p.company === 'Acme Health')).toBe(true);
  });

  it('asks the widget endpoint with details=true so descriptions come along', async () => {
    const result = await fetchWorkableJobs(fetcher, 'acme');
    expect(server.requests[0]).toMatchObject({
      host: 'apply.workable.com',
      path: '/api/v1/widget/accounts/acme',
      query: { details: 'true' },
    });
    expect(result.postings[0]?.descriptionHtml).toContain('Terraform &amp; GitHub Actions');
  });

  it('maps a telecommuting job as remote, with its location and dates', async () => {
    const [devops] = (await fetchWorkableJobs(fetcher, 'acme')).postings;
    expect(devops).toMatchObject({
      url: 'https://apply.workable.com/j/A1B2C3D4E5',
      applyUrl: 'https://apply.workable.com/j/A1B2C3D4E5/apply',
      title: 'DevOps Engineer',
      locationText: 'Athens, Attica, Greece',
      remote: 'remote',
      employmentType: 'full_time',
      department: 'Engineering',
      postedAt: '2024-04-20',
    });
  });

  it('falls back to the top-level city and joins several locations', async () => {
    const [, nurse, sdr] = (await fetchWorkableJobs(fetcher, 'acme')).postings;
    expect(nurse).toMatchObject({
      locationText: 'Manchester, England, United Kingdom',
      employmentType: 'part_time',
    });
    expect(nurse?.remote).toBeUndefined();
    expect(sdr).toMatchObject({
      locationText: 'Madrid, Spain; Lisbon, Portugal',
      employmentType: 'contract',
    });
  });

  it('reports an unknown account as SourceNotFoundError', async () => {
    await expect(fetchWorkableJobs(fetcher, 'ghost')).rejects.toThrow(
      "workable board 'ghost' does not exist (404 from https://apply.workable.com/api/v1/widget/accounts/ghost?details=true)",
    );
    await expect(fetchWorkableJobs(fetcher, 'ghost')).rejects.toBeInstanceOf(SourceNotFoundError);
  });

  it('names the provider and field when a job list has the wrong type', async () => {
    server.setResponse('https://apply.workable.com/api/v1/widget/accounts/acme', {
      status: 200,
      body: JSON.stringify({ name: 'Acme Health', jobs: { total: 4 } }),
    });
    const attempt = fetchWorkableJobs(fetcher, 'acme');
    await expect(attempt).rejects.toBeInstanceOf(SourceResponseError);
    await expect(attempt).rejects.toThrow(/workable response .* field 'jobs'/);
  });
});
