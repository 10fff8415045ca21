import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  extractJobPostingDetails,
  extractJobPostingsFromHtml,
  hasJobPostingJsonLd,
  parseLenient,
} from '../../../tools/crawl/jsonld.ts';
import { rawPostingSchema } from '../../../tools/jobs/types.ts';

const page = (name: string) => readFileSync(new URL(`../../fixtures/pages/${name}`, import.meta.url), 'utf8');

describe('extractJobPostingsFromHtml', () => {
  const url = 'https://acme-robotics.example/jobs/be-2291-senior-backend-engineer';

  it('reads a complete JobPosting with salary, location, identifier and description', () => {
    const [posting, ...rest] = extractJobPostingsFromHtml(page('jsonld-posting.html'), url);
    expect(rest).toHaveLength(0);
    expect(posting).toMatchObject({
      url,
      title: 'Senior Backend Engineer (Go)',
      company: 'Acme Robotics',
      locationText: 'Berlin, BE, DE',
      employmentType: 'FULL_TIME, CONTRACTOR',
      postedAt: '2026-11-20',
      externalId: 'BE-2291',
      applyUrl: url,
      salary: { min: 75000, max: 95000, currency: 'EUR', period: 'year' },
    });
    expect(posting?.descriptionHtml).toContain('<li>Design fleet APIs in Go</li>');
    expect(rawPostingSchema.safeParse(posting).success).toBe(true);
  });

  it('keeps validThrough alongside the posting', () => {
    const [detail] = extractJobPostingDetails(page('jsonld-posting.html'), url);
    expect(detail?.validThrough).toBe('2027-01-31T00:00');
  });

  it('finds postings inside @graph, typed as arrays or full IRIs, and nested in ItemLists', () => {
    const postings = extractJobPostingsFromHtml(page('jsonld-graph.html'), 'https://nimbus.example/careers/');
    expect(postings.map((p) => p.title)).toEqual([
      'Site Reliability Engineer',
      'Product Designer',
      'Data Analyst',
    ]);
    for (const posting of postings) expect(rawPostingSchema.safeParse(posting).success).toBe(true);
  });

  it('marks TELECOMMUTE postings remote and names the allowed countries', () => {
    const [sre] = extractJobPostingsFromHtml(page('jsonld-graph.html'), 'https://nimbus.example/careers/');
    expect(sre).toMatchObject({
      remote: 'remote',
      locationText: 'Remote - USA, Canada',
      externalId: 'sre-7781',
    });
    expect(sre?.salary).toEqual({ min: 85, max: 85, currency: 'USD', period: 'hour' });
  });

  it('decodes an entity-encoded description back to HTML', () => {
    const [sre] = extractJobPostingsFromHtml(page('jsonld-graph.html'), 'https://nimbus.example/careers/');
    expect(sre?.descriptionHtml).toBe('<p>Keep our fleet &amp; pagers calm.</p>');
  });

  it('joins several job locations and resolves a relative url against the page', () => {
    const postings = extractJobPostingsFromHtml(page('jsonld-graph.html'), 'https://nimbus.example/careers/');
    const designer = postings.find((p) => p.title === 'Product Designer');
    expect(designer?.url).toBe('https://nimbus.example/careers/design-4410');
    expect(designer?.locationText).toBe('Lisbon, PT; Porto, PT');
  });

  it('uses the page URL when a posting has no url and accepts a plain-string address', () => {
    const postings = extractJobPostingsFromHtml(page('jsonld-graph.html'), 'https://nimbus.example/careers/');
    const analyst = postings.find((p) => p.title === 'Data Analyst');
    expect(analyst).toMatchObject({ url: 'https://nimbus.example/careers/', locationText: 'Austin, TX' });
  });

  it('repairs comment-wrapped JSON with trailing commas and raw newlines, and concatenated objects', () => {
    const postings = extractJobPostingsFromHtml(
      page('jsonld-broken.html'),
      'https://brezel.example/jobs/werkstudent',
    );
    expect(postings.map((p) => p.title)).toEqual([
      'Werkstudent Marketing (m/w/d)',
      'Lagerhelfer (m/w/d)',
      'Fahrer (m/w/d)',
    ]);
    expect(postings[0]).toMatchObject({ company: 'Brezel GmbH', locationText: 'München, DE' });
    expect(postings[0]?.descriptionHtml).toContain('Team.\nZweite Zeile');
    expect(postings[2]?.url).toBe('https://brezel.example/jobs/fahrer-2');
  });

  it('falls back to og:site_name when hiringOrganization is missing', () => {
    const html = `<meta property="og:site_name" content="Quill &amp; Co"><script type="application/ld+json">
      {"@type":"JobPosting","title":"Editor"}</script>`;
    expect(extractJobPostingsFromHtml(html, 'https://quill.example/jobs/1')[0]?.company).toBe('Quill & Co');
  });

  it('skips postings without a title and never throws on garbage', () => {
    const html = `<script type="application/ld+json">{"@type":"JobPosting","hiringOrganization":"X"}</script>
      <script type="application/ld+json">{{{{ JobPosting ]]]</script><script type="application/ld+json">JobPosting`;
    expect(extractJobPostingsFromHtml(html, 'https://x.example/')).toEqual([]);
    expect(extractJobPostingsFromHtml(html, 'not a url')).toEqual([]);
    expect(extractJobPostingsFromHtml(undefined as unknown as string, 'https://x.example/')).toEqual([]);
  });

  it('ignores JSON-LD that describes something other than a job', () => {
    const html =
      '<script type="application/ld+json">{"@type":"Organization","name":"JobPosting Inc"}</script>';
    expect(extractJobPostingsFromHtml(html, 'https://x.example/')).toEqual([]);
  });
});

describe('hasJobPostingJsonLd', () => {
  it('spots a JobPosting block and ignores other structured data and plain mentions', () => {
    expect(hasJobPostingJsonLd(page('jsonld-posting.html'))).toBe(true);
    expect(hasJobPostingJsonLd(page('html-posting.html'))).toBe(false);
    expect(
      hasJobPostingJsonLd('<p>We use JobPosting markup</p><script type="application/ld+json">{}</script>'),
    ).toBe(false);
  });
});

describe('parseLenient', () => {
  it('returns nothing rather than throwing for text that is not JSON', () => {
    expect(parseLenient('<!-- nothing here -->')).toEqual([]);
    expect(parseLenient('{"a": 1,}{"b": [2,],}')).toEqual([{ a: 1 }, { b: [2] }]);
  });
});
