import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawPostingSchema } from '../../../../tools/jobs/types.ts';
import { ATS_ADAPTERS, ATS_PROVIDERS } from '../../../../tools/sources/ats/index.ts';
import { createFixtureFetcher } from '../../../fixtures/ats/fixture-fetcher.ts';
import { type AtsFixtureServer, startAtsFixtureServer } from '../../../fixtures/ats/server.ts';

let server: AtsFixtureServer;

beforeAll(async () => {
  server = await startAtsFixtureServer();
});
afterAll(async () => {
  await server.close();
});

describe('ATS_ADAPTERS', () => {
  it('has an adapter for every supported provider', () => {
    expect(Object.keys(ATS_ADAPTERS).sort()).toEqual([...ATS_PROVIDERS].sort());
  });

  it.each(ATS_PROVIDERS)('crawls a %s board completely into valid raw postings', async (provider) => {
    const result = await ATS_ADAPTERS[provider](createFixtureFetcher(server.baseUrl), 'acme');
    expect(result.complete).toBe(true);
    expect(result.postings.length).toBeGreaterThan(2);
    for (const posting of result.postings) {
      expect(rawPostingSchema.safeParse(posting).success).toBe(true);
      expect(posting.externalId).toBeTruthy();
    }
    expect(new Set(result.postings.map((p) => p.externalId)).size).toBe(result.postings.length);
  });
});

describe('the ATS fixture server between two crawls', () => {
  it('shows a removed, a changed and an added posting on the second crawl', async () => {
    const fetcher = createFixtureFetcher(server.baseUrl);
    const first = await ATS_ADAPTERS.lever(fetcher, 'acme');
    const postings = server.getJobs('lever', 'acme');
    const removed = postings.shift();
    (postings[0] as Record<string, unknown>).text = 'Senior Support Specialist (German speaking)';
    postings.push({
      ...postings[1],
      id: 'new-posting-id',
      hostedUrl: 'https://jobs.lever.co/acme/new-posting-id',
    });
    server.setJobs('lever', 'acme', postings);
    try {
      const second = await ATS_ADAPTERS.lever(fetcher, 'acme');
      const ids = new Set(second.postings.map((p) => p.externalId));
      expect(first.postings).toHaveLength(150);
      expect(second.postings).toHaveLength(150);
      expect(ids.has(removed?.id as string)).toBe(false);
      expect(ids.has('new-posting-id')).toBe(true);
      expect(second.postings.find((p) => p.externalId === postings[0]?.id)?.title).toBe(
        'Senior Support Specialist (German speaking)',
      );
    } finally {
      server.reset();
    }
  });
});
