import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { canonicalUrl, JOB_ID_NAMESPACE, jobIdFromUrl } from '../../../tools/jobs/canonical-url.ts';

describe('canonicalUrl', () => {
  it('lower-cases the scheme and host but keeps the path as written', () => {
    expect(canonicalUrl('HTTPS://Jobs.Lever.CO/Acme/ABC-123')).toBe('https://jobs.lever.co/Acme/ABC-123');
  });

  it('drops default ports and keeps other ports', () => {
    expect(canonicalUrl('https://example.com:443/jobs/1')).toBe('https://example.com/jobs/1');
    expect(canonicalUrl('http://example.com:80/jobs/1')).toBe('http://example.com/jobs/1');
    expect(canonicalUrl('https://example.com:8443/jobs/1')).toBe('https://example.com:8443/jobs/1');
  });

  it('removes the fragment', () => {
    expect(canonicalUrl('https://example.com/jobs/1#apply')).toBe('https://example.com/jobs/1');
  });

  it('removes utm parameters and other tracking parameters', () => {
    const url =
      'https://boards.example.com/acme/jobs/42?utm_source=linkedin&utm_medium=social&UTM_Campaign=x&gh_src=abc' +
      '&lever-source=Indeed&ref=hn&source=twitter&fbclid=1&gclid=2&mc_cid=3&mc_eid=4&_hsenc=5&_hsmi=6&trk=7&li_fat_id=8';
    expect(canonicalUrl(url)).toBe('https://boards.example.com/acme/jobs/42');
  });

  it("keeps Greenhouse's gh_jid because it identifies the job", () => {
    expect(canonicalUrl('https://acme.com/careers?gh_jid=4012345&gh_src=abc')).toBe(
      'https://acme.com/careers?gh_jid=4012345',
    );
  });

  it('sorts the remaining query parameters so their order does not matter', () => {
    const a = canonicalUrl('https://example.com/job?b=2&a=1&c=3');
    const b = canonicalUrl('https://example.com/job?c=3&a=1&b=2&utm_source=x');
    expect(a).toBe('https://example.com/job?a=1&b=2&c=3');
    expect(b).toBe(a);
  });

  it('removes a trailing slash except on the root', () => {
    expect(canonicalUrl('https://example.com/jobs/123/')).toBe('https://example.com/jobs/123');
    expect(canonicalUrl('https://example.com/')).toBe('https://example.com/');
    expect(canonicalUrl('https://example.com')).toBe('https://example.com/');
  });

  it('gives the same result when applied twice', () => {
    const once = canonicalUrl('https://Example.com:443/a/b/?z=1&utm_source=x&a=2#top');
    expect(canonicalUrl(once)).toBe(once);
  });

  it('throws an error naming a URL that is not absolute', () => {
    expect(() => canonicalUrl('/jobs/123')).toThrow(/"\/jobs\/123"/);
    expect(() => canonicalUrl('not a url')).toThrow(/Invalid job URL "not a url"/);
  });

  it('refuses schemes other than http and https', () => {
    expect(() => canonicalUrl('javascript:alert(1)')).toThrow(/javascript:alert\(1\)/);
    expect(() => canonicalUrl('ftp://example.com/job')).toThrow(/http or https/);
  });
});

describe('jobIdFromUrl', () => {
  it('returns a version 5 UUID', () => {
    const id = jobIdFromUrl('https://example.com/jobs/1');
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(5);
  });

  it('uses a valid fixed namespace', () => {
    expect(validate(JOB_ID_NAMESPACE)).toBe(true);
  });

  it('gives the same id for URLs that differ only in tracking parameters', () => {
    expect(jobIdFromUrl(canonicalUrl('https://example.com/jobs/1?utm_source=a'))).toBe(
      jobIdFromUrl(canonicalUrl('https://example.com/jobs/1?utm_source=b&fbclid=z')),
    );
  });

  it('gives different ids for different jobs', () => {
    expect(jobIdFromUrl('https://example.com/jobs/1')).not.toBe(jobIdFromUrl('https://example.com/jobs/2'));
    expect(jobIdFromUrl('https://acme.com/careers?gh_jid=1')).not.toBe(
      jobIdFromUrl('https://acme.com/careers?gh_jid=2'),
    );
  });
});
