import { describe, expect, it } from 'vitest';
import { isUnderBase, rewriteFromBase, rewriteToBase } from '../../../tools/crawl/source-rewrite.ts';

const base = 'http://127.0.0.1:4010';

describe('rewriteToBase', () => {
  it('puts the public host and path under the base, keeping the query', () => {
    expect(rewriteToBase('https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true', base)).toBe(
      'http://127.0.0.1:4010/boards-api.greenhouse.io/v1/boards/acme/jobs?content=true',
    );
  });

  it('rewrites http URLs and keeps a non-default port in the host segment', () => {
    expect(rewriteToBase('http://jobs.example.com:8080/a', base)).toBe(
      'http://127.0.0.1:4010/jobs.example.com:8080/a',
    );
  });

  it('keeps a path prefix of the base and ignores its trailing slash', () => {
    expect(rewriteToBase('https://example.com/x', 'http://fixtures.local/sources/')).toBe(
      'http://fixtures.local/sources/example.com/x',
    );
  });

  it('drops the fragment, which servers never see', () => {
    expect(rewriteToBase('https://example.com/careers#open-roles', base)).toBe(
      'http://127.0.0.1:4010/example.com/careers',
    );
  });

  it('rejects non-http URLs and a bad base with invalid_url', () => {
    expect(() => rewriteToBase('ftp://example.com/x', base)).toThrow(
      expect.objectContaining({ code: 'invalid_url' }),
    );
    expect(() => rewriteToBase('https://example.com/', 'not a url')).toThrow(/SOURCE_BASE_URL/);
  });
});

describe('rewriteFromBase', () => {
  it('maps a base URL back to the public https form', () => {
    expect(rewriteFromBase('http://127.0.0.1:4010/jobs.lever.co/acme/123?ref=x', base)).toBe(
      'https://jobs.lever.co/acme/123?ref=x',
    );
  });

  it('uses the scheme the request started with', () => {
    expect(rewriteFromBase('http://127.0.0.1:4010/example.com/a', base, 'http:')).toBe(
      'http://example.com/a',
    );
  });

  it('gives a bare host a root path', () => {
    expect(rewriteFromBase('http://127.0.0.1:4010/example.com', base)).toBe('https://example.com/');
    expect(rewriteFromBase('http://127.0.0.1:4010/example.com?q=1', base)).toBe('https://example.com/?q=1');
  });

  it('leaves URLs outside the base unchanged', () => {
    expect(rewriteFromBase('https://example.org/jobs', base)).toBe('https://example.org/jobs');
    expect(rewriteFromBase('http://127.0.0.1:4011/example.com/a', base)).toBe(
      'http://127.0.0.1:4011/example.com/a',
    );
  });

  it('round-trips with rewriteToBase', () => {
    const url = 'https://apply.workable.com/api/v3/accounts/acme/jobs?limit=50&offset=100';
    expect(rewriteFromBase(rewriteToBase(url, base), base)).toBe(url);
  });

  it('refuses a base URL that names no host', () => {
    expect(() => rewriteFromBase('http://127.0.0.1:4010/', base)).toThrow(/names no host/);
  });

  it('tells whether a URL lives under the base', () => {
    expect(isUnderBase('http://127.0.0.1:4010/x.com/', base)).toBe(true);
    expect(isUnderBase('http://127.0.0.1:40100/x.com/', base)).toBe(false);
  });
});
