import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAts } from '../../../tools/crawl/ats-detect.ts';

const page = (name: string) => readFileSync(new URL(`../../fixtures/pages/${name}`, import.meta.url), 'utf8');
const specs = (html: string, url = 'https://company.example/careers') =>
  detectAts(html, url).map((d) => d.spec);

describe('detectAts', () => {
  it('finds the embedded Greenhouse board once, plus a linked Lever board, with evidence', () => {
    const found = detectAts(page('career-greenhouse-embed.html'), 'https://pebble.example/careers');
    expect(found.map((d) => d.spec)).toEqual(['greenhouse:pebblepayments', 'lever:pebble-labs']);
    expect(found[0]?.evidence).toContain('greenhouse.io');
  });

  it.each([
    ['<iframe src="https://boards.greenhouse.io/embed/job_board?for=Acme&amp;b=x">', 'greenhouse:acme'],
    ['<a href="https://job-boards.greenhouse.io/acme/jobs/4012">', 'greenhouse:acme'],
    ['<a href="https://job-boards.eu.greenhouse.io/acme">', 'greenhouse:acme'],
    ['<script>Grnhse.Settings.boardToken = "acme";</script>', 'greenhouse:acme'],
    ['{"url":"https:\\/\\/boards-api.greenhouse.io\\/v1\\/boards\\/acme\\/jobs"}', 'greenhouse:acme'],
    ['<a href="https://jobs.lever.co/acme/0f5a4b1e-3c1d">', 'lever:acme'],
    ['<a href="https://jobs.eu.lever.co/acme">', 'lever:acme'],
    ['<a href="https://jobs.ashbyhq.com/Acme">', 'ashby:acme'],
    ['<script src="https://jobs.ashbyhq.com/acme/embed?version=2"></script>', 'ashby:acme'],
    ['<a href="https://apply.workable.com/acme/j/ABC123/">', 'workable:acme'],
    ['<a href="https://acme.workable.com/">', 'workable:acme'],
    ['<a href="https://jobs.smartrecruiters.com/AcmeGmbH/743999">', 'smartrecruiters:AcmeGmbH'],
    ['<a href="https://careers.smartrecruiters.com/AcmeGmbH">', 'smartrecruiters:AcmeGmbH'],
    ['<a href="https://acme.recruitee.com/o/welder">', 'recruitee:acme'],
    ['<a href="https://acme.jobs.personio.de/job/12345">', 'personio:acme'],
    ['<a href="https://acme-gmbh.jobs.personio.com">', 'personio:acme-gmbh'],
  ])('recognises %s', (html, spec) => {
    expect(specs(html)).toEqual([spec]);
  });

  it('detects the ATS from the page URL itself', () => {
    expect(specs('<h1>Jobs</h1>', 'https://jobs.lever.co/acme')).toEqual(['lever:acme']);
  });

  it('ignores the ATS vendors’ own pages and look-alike hosts', () => {
    const html = `<a href="https://www.greenhouse.io/blog">Greenhouse</a>
      <a href="https://www.workable.com/pricing">Workable</a>
      <a href="https://notjobs.lever.co/acme">x</a>
      <a href="https://apply.workable.com/api/v3/accounts">x</a>
      <a href="https://www.recruitee.com/">Recruitee</a>`;
    expect(specs(html)).toEqual([]);
  });

  it('returns nothing for pages without an ATS and for non-string input', () => {
    expect(specs(page('html-posting.html'))).toEqual([]);
    expect(detectAts(undefined as unknown as string, undefined as unknown as string)).toEqual([]);
  });
});
