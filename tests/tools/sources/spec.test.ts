import { describe, expect, it } from 'vitest';
import { parseSourceSpec, SourceSpecError, sourceSpecSchema } from '../../../tools/sources/spec.ts';

describe('parseSourceSpec', () => {
  it.each([
    ['greenhouse:acme', 'greenhouse', 'acme'],
    ['lever:acme-labs', 'lever', 'acme-labs'],
    ['ashby:Acme.Inc', 'ashby', 'Acme.Inc'],
    ['workable:acme', 'workable', 'acme'],
    ['smartrecruiters:AcmeFoods1', 'smartrecruiters', 'AcmeFoods1'],
    ['recruitee:acme', 'recruitee', 'acme'],
    ['personio:acme-energy', 'personio', 'acme-energy'],
    ['  Greenhouse:acme  ', 'greenhouse', 'acme'],
  ])('reads %s as a %s board', (input, provider, board) => {
    expect(parseSourceSpec(input)).toEqual({ kind: 'ats', provider, board, spec: `${provider}:${board}` });
  });

  it.each([
    ['https://boards.greenhouse.io/acme', 'greenhouse:acme'],
    ['https://job-boards.greenhouse.io/acme/jobs/4012345', 'greenhouse:acme'],
    ['https://boards.greenhouse.io/embed/job_board?for=acme', 'greenhouse:acme'],
    ['https://jobs.lever.co/acme', 'lever:acme'],
    ['https://jobs.lever.co/acme/0f1e2d3c-0001?lever-source=x', 'lever:acme'],
    ['https://jobs.ashbyhq.com/acme', 'ashby:acme'],
    ['https://apply.workable.com/acme/', 'workable:acme'],
    ['https://apply.workable.com/api/v1/widget/accounts/acme?details=true', 'workable:acme'],
    ['https://jobs.smartrecruiters.com/Acme', 'smartrecruiters:Acme'],
    ['https://acme.recruitee.com/', 'recruitee:acme'],
    ['https://ACME.recruitee.com/o/bike-mechanic', 'recruitee:acme'],
    ['https://acme.jobs.personio.de', 'personio:acme'],
    ['https://acme.jobs.personio.de/job/1234567?language=en', 'personio:acme'],
  ])('turns the provider URL %s into %s', (input, spec) => {
    const parsed = parseSourceSpec(input);
    expect(parsed.kind).toBe('ats');
    expect(parsed.spec).toBe(spec);
  });

  it.each([
    ['https://careers.example.com/jobs', 'https://careers.example.com/jobs'],
    ['http://example.org', 'http://example.org/'],
    ['https://apply.workable.com/j/A1B2C3D4E5', 'https://apply.workable.com/j/A1B2C3D4E5'],
    ['https://www.recruitee.com/pricing', 'https://www.recruitee.com/pricing'],
  ])('keeps %s as a plain careers-page URL', (input, url) => {
    expect(parseSourceSpec(input)).toEqual({ kind: 'url', url, spec: url });
  });

  it.each([
    ['monster:acme', /unknown provider "monster"/],
    ['greenhouse:', /names no board after "greenhouse:"/],
    ['lever:   ', /names no site after "lever:"/],
    ['ftp://x', /unsupported URL scheme "ftp:"/],
    ['greenhouse:acme corp', /board name with spaces/],
    ['lever:acme/jobs', /site name with a slash/],
    ['recruitee:acme_corp', /not a valid subdomain/],
    ['ashby:acme?x=1', /characters other than letters/],
    ['acme', /no provider prefix/],
    ['', /is empty/],
    ['https://', /not a valid URL/],
    ['https://boards.greenhouse.io/', /greenhouse URL but names no board/],
    ['https://user:pw@example.com/jobs', /user name or password/],
  ])('rejects %s with a reason', (input, reason) => {
    expect(() => parseSourceSpec(input)).toThrow(SourceSpecError);
    expect(() => parseSourceSpec(input)).toThrow(reason);
  });

  it('names the spec and lists the accepted forms in the error', () => {
    try {
      parseSourceSpec('monster:acme');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SourceSpecError);
      const message = (err as Error).message;
      expect(message).toContain('"monster:acme"');
      for (const form of ['greenhouse:<board>', 'lever:<site>', 'personio:<company>', 'http(s) URL']) {
        expect(message).toContain(form);
      }
      expect((err as SourceSpecError).spec).toBe('monster:acme');
    }
  });
});

describe('sourceSpecSchema', () => {
  it('parses a valid spec into a SourceSpec', () => {
    expect(sourceSpecSchema.parse('https://jobs.lever.co/acme')).toEqual({
      kind: 'ats',
      provider: 'lever',
      board: 'acme',
      spec: 'lever:acme',
    });
  });

  it('turns a bad spec into a validation issue carrying the reason', () => {
    const result = sourceSpecSchema.safeParse('monster:acme');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/unknown provider "monster"/);
  });

  it('rejects input that is not a string', () => {
    expect(sourceSpecSchema.safeParse(42).success).toBe(false);
  });
});
