import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeJobUrl, parseSitemap } from '../../../tools/crawl/sitemap.ts';

const page = (name: string) => readFileSync(new URL(`../../fixtures/pages/${name}`, import.meta.url), 'utf8');

describe('parseSitemap', () => {
  it('lists the http(s) URLs of a urlset with their lastmod, trimmed and entity-decoded', () => {
    expect(parseSitemap(page('sitemap.xml'))).toEqual({
      urls: [
        {
          loc: 'https://kestrel.example/careers/engineering/senior-frontend-engineer-4412',
          lastmod: '2026-11-28',
        },
        { loc: 'https://kestrel.example/jobs/1187?ref=sitemap&lang=en' },
        { loc: 'https://kestrel.example/about', lastmod: '2026-01-01' },
      ],
      sitemaps: [],
    });
  });

  it('lists child sitemaps of a namespace-prefixed sitemap index', () => {
    expect(parseSitemap(page('sitemap-index.xml'))).toEqual({
      urls: [],
      sitemaps: ['https://kestrel.example/sitemap-jobs.xml', 'https://kestrel.example/sitemap-pages.xml'],
    });
  });

  it('reads a single-entry sitemap', () => {
    const xml = '<urlset><url><loc>https://a.example/jobs/1</loc></url></urlset>';
    expect(parseSitemap(xml).urls).toEqual([{ loc: 'https://a.example/jobs/1' }]);
  });

  it('returns empty lists for garbage, HTML and empty input', () => {
    const empty = { urls: [], sitemaps: [] };
    for (const input of [
      '',
      'garbage <<<',
      '<html><body>404</body></html>',
      '<urlset><url><loc>',
      '\u0000\u0001',
    ]) {
      expect(parseSitemap(input)).toEqual(empty);
    }
    expect(parseSitemap(null as unknown as string)).toEqual(empty);
  });
});

describe('looksLikeJobUrl', () => {
  it.each([
    'https://kestrel.example/careers/engineering/senior-frontend-engineer-4412',
    'https://kestrel.example/jobs/1187',
    'https://acme.example/en/positions/office-manager',
    'https://acme.example/karriere/stellenangebote/werkstudent-marketing-m-w-d',
    'https://acme.example/careers?gh_jid=4455667',
    'https://acme.recruitee.com/o/backend-engineer',
    'https://jobs.lever.co/acme/0f5a4b1e-3c1d-4f7e-9a52-1b2c3d4e5f60',
  ])('accepts the posting URL %s', (url) => {
    expect(looksLikeJobUrl(url)).toBe(true);
  });

  it.each([
    'https://kestrel.example/about',
    'https://kestrel.example/careers',
    'https://kestrel.example/jobs/',
    'https://kestrel.example/jobs/search',
    'https://kestrel.example/jobs/1187/apply',
    'https://jobs.lever.co/acme',
    'not a url',
  ])('rejects %s', (url) => {
    expect(looksLikeJobUrl(url)).toBe(false);
  });
});
