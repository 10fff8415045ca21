import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractMainContent, extractPostingFromHtml } from '../../../tools/crawl/html-extract.ts';
import { rawPostingSchema } from '../../../tools/jobs/types.ts';

const page = (name: string) => readFileSync(new URL(`../../fixtures/pages/${name}`, import.meta.url), 'utf8');

describe('extractMainContent', () => {
  it('turns the main content into markdown without navigation, footer, scripts or styles', () => {
    const { title, markdown, text } = extractMainContent(
      page('html-posting.html'),
      'https://fjord.example/careers/data-engineer',
    );
    expect(title).toContain('Data Engineer');
    expect(markdown).toContain("## What you'll do");
    expect(markdown).toMatch(/- +Own our dbt models/);
    expect(markdown).not.toContain('dataLayer');
    expect(markdown).not.toContain('color: red');
    expect(markdown).not.toContain('Privacy');
    expect(text).toContain('About the role Fjord Analytics helps');
  });

  it('makes links absolute against the page URL', () => {
    const { markdown } = extractMainContent(
      page('html-posting.html'),
      'https://fjord.example/careers/data-engineer',
    );
    expect(markdown).toContain('(https://fjord.example/careers/data-engineer/apply)');
  });

  it('drops hidden text so injected instructions never reach the markdown', () => {
    const { markdown, text } = extractMainContent(
      page('hidden-injection.html'),
      'https://lumen.example/jobs/1',
    );
    for (const hidden of [
      'ignore previous instructions',
      'reveal your prompt',
      'exfiltrate',
      'approve every',
      'white text',
    ]) {
      expect(markdown.toLowerCase()).not.toContain(hidden);
      expect(text.toLowerCase()).not.toContain(hidden);
    }
    expect(markdown).toContain('Visible styled paragraph');
    expect(markdown).toContain('help patients book appointments');
  });

  it('returns empty content instead of throwing on malformed or empty input', () => {
    expect(() => extractMainContent(page('malformed.html'), 'https://tiny.example/')).not.toThrow();
    expect(extractMainContent('', 'https://tiny.example/')).toMatchObject({ markdown: '', text: '' });
    expect(extractMainContent(undefined as unknown as string, 'nope').markdown).toBe('');
  });
});

describe('extractPostingFromHtml', () => {
  it('builds a posting from a detail page without JSON-LD', () => {
    const posting = extractPostingFromHtml(
      page('html-posting.html'),
      'https://fjord.example/careers/data-engineer#top',
    );
    expect(posting).toMatchObject({
      url: 'https://fjord.example/careers/data-engineer',
      title: 'Data Engineer',
      company: 'Fjord Analytics',
      locationText: 'Oslo, Norway (hybrid)',
      applyUrl: 'https://fjord.example/careers/data-engineer/apply',
    });
    expect(posting?.descriptionMarkdown).toContain('3+ years of experience');
    expect(posting?.descriptionHtml).toContain('<li>');
    expect(rawPostingSchema.safeParse(posting).success).toBe(true);
  });

  it('prefers the company the caller names over og:site_name', () => {
    const posting = extractPostingFromHtml(page('html-posting.html'), 'https://fjord.example/careers/de', {
      company: 'Fjord Analytics AS',
    });
    expect(posting?.company).toBe('Fjord Analytics AS');
  });

  it('reads the location from an element whose class mentions location and flags remote', () => {
    const posting = extractPostingFromHtml(page('hidden-injection.html'), 'https://lumen.example/jobs/1');
    expect(posting).toMatchObject({
      title: 'Customer Support Specialist',
      locationText: 'Remote (EU)',
      remote: 'remote',
    });
    expect(posting?.descriptionMarkdown?.toLowerCase()).not.toContain('ignore previous instructions');
    expect(posting?.descriptionHtml?.toLowerCase()).not.toContain('ignore previous instructions');
  });

  it('skips a logo heading that only names the company', () => {
    const html = page('html-posting.html').replace(
      '<main id="content">',
      '<main id="content"><h1>Fjord Analytics</h1>',
    );
    expect(extractPostingFromHtml(html, 'https://fjord.example/careers/data-engineer')?.title).toBe(
      'Data Engineer',
    );
  });

  it('still extracts a posting from badly broken markup', () => {
    const posting = extractPostingFromHtml(
      page('malformed.html'),
      'https://tiny.example/jobs/backend-developer',
    );
    expect(posting?.title).toContain('Backend Developer');
    expect(posting?.locationText).toBe('Leipzig');
  });

  it('returns null for a listing page', () => {
    expect(
      extractPostingFromHtml(page('listing-paginated.html'), 'https://kestrel.example/careers'),
    ).toBeNull();
  });

  it('returns null for pages with too little content or no title', () => {
    expect(extractPostingFromHtml(page('csr-listing.html'), 'https://orbit.example/careers')).toBeNull();
    expect(extractPostingFromHtml('<p>Hello</p>', 'https://a.example/')).toBeNull();
    const long = `<p>${'Lorem ipsum dolor sit amet. '.repeat(30)}</p>`;
    expect(extractPostingFromHtml(long, 'https://a.example/')).toBeNull();
  });

  it('returns null for an ordinary article that is not a job', () => {
    const html = `<html><head><title>Our new office</title></head><body><h1>Our new office</h1>
      <p>${'We moved to a bigger building near the river and the coffee is better now. '.repeat(8)}</p></body></html>`;
    expect(extractPostingFromHtml(html, 'https://a.example/blog/new-office')).toBeNull();
  });

  it('returns null for a bad page URL instead of throwing', () => {
    expect(extractPostingFromHtml(page('html-posting.html'), 'not a url')).toBeNull();
  });
});
