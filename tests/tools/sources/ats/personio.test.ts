import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchPersonioJobs } from '../../../../tools/sources/ats/personio.ts';
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

const FEED = 'https://acme.jobs.personio.de/xml';

describe('fetchPersonioJobs', () => {
  it('reads every position from the English XML feed', async () => {
    const result = await fetchPersonioJobs(fetcher, 'acme');
    expect(result.complete).toBe(true);
    expect(result.postings.map((p) => p.externalId)).toEqual(['1234567', '1234568', '1234569']);
    expect(server.requests[0]).toMatchObject({
      host: 'acme.jobs.personio.de',
      path: '/xml',
      query: { language: 'en' },
    });
    expect(fetcher.calls[0]).toMatchObject({ kind: 'text', options: { ignoreRobots: true } });
  });

  it('maps a position with its job page URL, offices and CDATA description sections', async () => {
    const [engineer] = (await fetchPersonioJobs(fetcher, 'acme')).postings;
    expect(engineer).toMatchObject({
      url: 'https://acme.jobs.personio.de/job/1234567',
      title: 'Embedded Software Engineer (m/w/d)',
      company: 'Acme Energy GmbH',
      locationText: 'Munich; Berlin',
      employmentType: 'full_time',
      department: 'Engineering',
      postedAt: '2024-02-20T09:30:00.000Z',
    });
    const html = engineer?.descriptionHtml ?? '';
    expect(html).toContain('<h3>Your tasks</h3>\n<ul><li>Firmware in C &amp; Rust</li>');
    expect(html).toContain('<h3>Your profile</h3>\n<p>Experience with "STM32" &lt;MCUs&gt;');
  });

  it('uses the schedule for working students and the type for interns, and the board as company fallback', async () => {
    const [, student, intern] = (await fetchPersonioJobs(fetcher, 'acme')).postings;
    expect(student).toMatchObject({ employmentType: 'part_time', postedAt: '2024-04-02T09:00:00.000Z' });
    expect(intern).toMatchObject({ employmentType: 'internship', company: 'Acme', locationText: 'Hamburg' });
  });

  it('treats an empty feed as a board with no open positions', async () => {
    server.setJobs('personio', 'acme', []);
    const result = await fetchPersonioJobs(fetcher, 'acme');
    expect(result).toEqual({ postings: [], complete: true, incompleteReason: undefined });
  });

  it('reports an unknown company as SourceNotFoundError', async () => {
    await expect(fetchPersonioJobs(fetcher, 'ghost')).rejects.toBeInstanceOf(SourceNotFoundError);
  });

  it('says the feed is not XML when an HTML page comes back instead', async () => {
    server.setResponse(FEED, {
      status: 200,
      body: '<html><body><p>Careers</body></html>',
      contentType: 'text/html',
    });
    const attempt = fetchPersonioJobs(fetcher, 'acme');
    await expect(attempt).rejects.toBeInstanceOf(SourceResponseError);
    await expect(attempt).rejects.toThrow(/personio response for board 'acme' is malformed/);
  });

  it('names the root element when the XML is not a Personio feed', async () => {
    server.setResponse(FEED, {
      status: 200,
      body: '<?xml version="1.0"?><jobs><job/></jobs>',
      contentType: 'text/xml',
    });
    await expect(fetchPersonioJobs(fetcher, 'acme')).rejects.toThrow(/field 'workzag-jobs'/);
  });
});
