import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPage, looksClientRendered } from '../../../tools/crawl/extract-page.ts';

const page = (name: string) => readFileSync(new URL(`../../fixtures/pages/${name}`, import.meta.url), 'utf8');

describe('extractPage', () => {
  it('uses JSON-LD when the page has it and still offers related job links', () => {
    const url = 'https://acme-robotics.example/jobs/be-2291-senior-backend-engineer';
    const result = extractPage(page('jsonld-posting.html'), url);
    expect(result.tier).toBe('jsonld');
    expect(result.postings.map((p) => p.title)).toEqual(['Senior Backend Engineer (Go)']);
    expect(result.jobLinks).toEqual(['https://acme-robotics.example/jobs/be-2300-staff-platform-engineer']);
    expect(result.needsBrowser).toBe(false);
  });

  it('falls back to HTML extraction for a detail page without JSON-LD', () => {
    const result = extractPage(page('html-posting.html'), 'https://fjord.example/careers/data-engineer');
    expect(result.tier).toBe('html');
    expect(result.postings[0]?.title).toBe('Data Engineer');
    expect(result.needsBrowser).toBe(false);
  });

  it('passes the known company on to the HTML tier', () => {
    const result = extractPage(page('html-posting.html'), 'https://fjord.example/careers/data-engineer', {
      company: 'Fjord AS',
    });
    expect(result.postings[0]?.company).toBe('Fjord AS');
  });

  it('returns job links and the next page for a listing', () => {
    const result = extractPage(page('listing-paginated.html'), 'https://kestrel.example/careers');
    expect(result.tier).toBe('links');
    expect(result.postings).toEqual([]);
    expect(result.jobLinks).toHaveLength(6);
    expect(result.nextPages).toEqual(['https://kestrel.example/careers?page=2']);
    expect(result.atsSpecs).toEqual(['greenhouse:kestrel']);
    expect(result.needsBrowser).toBe(false);
  });

  it('treats a page with many job links as a listing even when it reads like a posting', () => {
    const links = Array.from(
      { length: 9 },
      (_, i) => `<li><a href="/jobs/${100 + i}">Engineer ${i}</a></li>`,
    ).join('');
    const prose =
      'Requirements: experience with our stack. We offer benefits. About the role: you build things. ';
    const html = `<html><head><title>Jobs</title></head><body><h1>Jobs</h1><p>${prose.repeat(5)}</p><ul>${links}</ul></body></html>`;
    const result = extractPage(html, 'https://a.example/jobs');
    expect(result.tier).toBe('links');
    expect(result.postings).toEqual([]);
    expect(result.jobLinks).toHaveLength(9);
  });

  it('asks for a browser only for a client-side rendered board', () => {
    const result = extractPage(page('csr-listing.html'), 'https://orbit.example/careers');
    expect(result).toEqual({
      postings: [],
      jobLinks: [],
      nextPages: [],
      atsSpecs: [],
      needsBrowser: true,
      tier: 'none',
    });
  });

  it('reports the embedded ATS instead of asking for a browser', () => {
    const result = extractPage(page('career-greenhouse-embed.html'), 'https://pebble.example/careers');
    expect(result.atsSpecs).toContain('greenhouse:pebblepayments');
    expect(result.needsBrowser).toBe(false);
    expect(result.tier).toBe('none');
  });

  it('does not ask for a browser for a plain static page with no jobs', () => {
    const html = `<html><body><h1>About us</h1><p>${'We make bicycles in Utrecht. '.repeat(40)}</p></body></html>`;
    expect(extractPage(html, 'https://bikes.example/about')).toMatchObject({
      needsBrowser: false,
      tier: 'none',
    });
  });

  it('never throws on malformed or missing HTML', () => {
    expect(extractPage(page('malformed.html'), 'https://tiny.example/jobs/backend-developer').tier).toBe(
      'html',
    );
    expect(extractPage(undefined as unknown as string, 'nope')).toMatchObject({ postings: [], tier: 'none' });
  });
});

describe('looksClientRendered', () => {
  it('recognises an empty mount point and ignores pages with no script', () => {
    expect(looksClientRendered('<div id="__next"></div><script src="/app.js"></script>')).toBe(true);
    expect(looksClientRendered('<div id="root"></div>')).toBe(false);
  });
});
