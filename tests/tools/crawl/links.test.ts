import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverLinks } from '../../../tools/crawl/links.ts';

const page = (name: string) => readFileSync(new URL(`../../fixtures/pages/${name}`, import.meta.url), 'utf8');

describe('discoverLinks on a listing page', () => {
  const { jobLinks, nextPages } = discoverLinks(
    page('listing-paginated.html'),
    'https://kestrel.example/careers',
  );

  it('finds each posting once, absolute and without fragments', () => {
    expect(jobLinks).toEqual([
      'https://kestrel.example/careers/engineering/senior-frontend-engineer-4412',
      'https://kestrel.example/jobs/1187',
      'https://kestrel.example/positions/office-manager',
      'https://kestrel.example/careers?gh_jid=5530021',
      'https://boards.greenhouse.io/kestrel/jobs/5530022',
      'https://kestrel.example/team/eng/qa-automation-engineer',
    ]);
  });

  it('leaves out login, apply, mailto, tel, social, blog and other companies’ links', () => {
    const joined = jobLinks.join(' ');
    for (const unwanted of [
      'login',
      '/apply',
      'mailto',
      'tel:',
      'twitter',
      'linkedin',
      'other-company',
      'blog',
    ]) {
      expect(joined).not.toContain(unwanted);
    }
  });

  it('finds the next page once, from rel=next, the » link and the page number', () => {
    expect(nextPages).toEqual(['https://kestrel.example/careers?page=2']);
  });
});

describe('discoverLinks pagination', () => {
  it('follows a "Weiter" link and a /page/N+1 path', () => {
    const html = `<a href="/stellen/seite-zwei">Weiter</a><a href="/jobs/page/3">3</a><a href="/jobs/page/1">1</a>`;
    expect(discoverLinks(html, 'https://firma.example/jobs/page/2').nextPages).toEqual([
      'https://firma.example/stellen/seite-zwei',
      'https://firma.example/jobs/page/3',
    ]);
  });

  it('does not treat the previous page or another path with page=2 as next', () => {
    const html = '<a href="/careers?page=1">Previous</a><a href="/blog?page=2">2</a>';
    expect(discoverLinks(html, 'https://a.example/careers').nextPages).toEqual([]);
  });
});

describe('discoverLinks edge cases', () => {
  it('excludes the page itself even with a fragment', () => {
    const html = '<a href="#top">Top</a><a href="https://a.example/jobs/12#apply">This job</a>';
    expect(discoverLinks(html, 'https://a.example/jobs/12').jobLinks).toEqual([]);
  });

  it('recognises a posting by its title when the path has no job keyword', () => {
    const html =
      '<a href="/team/data/senior-data-engineer">Senior Data Engineer</a><a href="/team/data">Data team</a>';
    expect(discoverLinks(html, 'https://a.example/team').jobLinks).toEqual([
      'https://a.example/team/data/senior-data-engineer',
    ]);
  });

  it('accepts links on another subdomain of the same site', () => {
    const html =
      '<a href="https://jobs.acme.co.uk/job/123-welder">Welder</a><a href="https://evil.co.uk/job/1">x</a>';
    expect(discoverLinks(html, 'https://www.acme.co.uk/careers').jobLinks).toEqual([
      'https://jobs.acme.co.uk/job/123-welder',
    ]);
  });

  it('returns empty lists for a bad page URL or non-string HTML without throwing', () => {
    expect(discoverLinks('<a href="/jobs/1">x</a>', 'not a url')).toEqual({ jobLinks: [], nextPages: [] });
    expect(discoverLinks(undefined as unknown as string, 'https://a.example/')).toEqual({
      jobLinks: [],
      nextPages: [],
    });
  });

  it('survives unterminated anchors and attributes', () => {
    const html = page('malformed.html');
    expect(discoverLinks(html, 'https://tiny.example/jobs/backend-developer').jobLinks).toContain(
      'https://tiny.example/jobs/2',
    );
  });
});

describe('discoverLinks anchor text', () => {
  it('reads the text of upper-case anchors to spot job titles', () => {
    const html =
      '<A HREF="/team/ops/night-shift-technician">Night Shift Technician</A><A HREF="/team/ops/our-values">Values</A>';
    expect(discoverLinks(html, 'https://a.example/team').jobLinks).toEqual([
      'https://a.example/team/ops/night-shift-technician',
    ]);
  });
});
