import { describe, expect, it, vi } from 'vitest';
import { canonicalUrl, jobIdFromUrl } from '../../../tools/jobs/canonical-url.ts';
import {
  dedupKey,
  InvalidPostingError,
  normalizePosting,
  parsePostedAt,
} from '../../../tools/jobs/normalize.ts';
import type { RawPosting } from '../../../tools/jobs/types.ts';

// A small stand-in for tools/skills: finds a few known names in the text.
const KNOWN_SKILLS = ['TypeScript', 'PostgreSQL', 'Kubernetes', 'React'];
const deps = {
  extractSkills: (text: string) =>
    KNOWN_SKILLS.filter((skill) => text.toLowerCase().includes(skill.toLowerCase())),
};

const base: RawPosting = {
  url: 'https://jobs.example.com/acme/senior-backend-engineer/?utm_source=linkedin&utm_medium=social',
  applyUrl: 'https://jobs.example.com/acme/senior-backend-engineer/apply',
  title: '  Sr. Backend Engineer (m/w/d) ',
  company: 'Acme GmbH',
  locationText: 'Berlin, Germany',
  employmentType: 'FULL_TIME',
  postedAt: '2025-05-20T09:30:00Z',
  descriptionHtml:
    '<h2>About the role</h2><p>Build APIs in <strong>TypeScript</strong> on PostgreSQL.</p>' +
    '<p>Hybrid working: 2 days in office.</p><script>track()</script>',
  salary: { min: 70_000, max: 85_000, currency: 'EUR', period: 'year' },
};

describe('normalizePosting', () => {
  it('fills every field of the normalised job', () => {
    const job = normalizePosting(base, deps);
    expect(job).toEqual({
      id: jobIdFromUrl('https://jobs.example.com/acme/senior-backend-engineer'),
      canonicalUrl: 'https://jobs.example.com/acme/senior-backend-engineer',
      url: base.url,
      applyUrl: base.applyUrl,
      company: 'Acme GmbH',
      title: 'Sr. Backend Engineer (m/w/d)',
      locationText: 'Berlin, Germany',
      city: 'Berlin',
      region: null,
      country: 'DE',
      remote: 'hybrid',
      employmentType: 'full_time',
      seniority: 'senior',
      salaryMin: 70_000,
      salaryMax: 85_000,
      salaryCurrency: 'EUR',
      salaryPeriod: 'year',
      descriptionMd:
        '## About the role\n\nBuild APIs in **TypeScript** on PostgreSQL.\n\nHybrid working: 2 days in office.',
      skills: ['TypeScript', 'PostgreSQL'],
      postedAt: new Date('2025-05-20T09:30:00Z'),
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      dedupKey: 'acme|senior backend engineer|berlin de',
    });
  });

  it('derives the id from the canonical URL', () => {
    const job = normalizePosting(base, deps);
    expect(job.canonicalUrl).toBe(canonicalUrl(base.url));
    expect(job.id).toBe(jobIdFromUrl(job.canonicalUrl));
  });

  it('gives the same id and content hash to a re-crawl that differs only in tracking params and fetch time', () => {
    const first = normalizePosting(base, deps);
    const recrawl = {
      ...base,
      url: 'https://jobs.example.com/acme/senior-backend-engineer?utm_source=twitter&fbclid=abc#apply',
      fetchedAt: '2025-06-01T00:00:00Z',
    } as RawPosting;
    const second = normalizePosting(recrawl, deps);
    expect(second.id).toBe(first.id);
    expect(second.contentHash).toBe(first.contentHash);
  });

  it('keeps the content hash when only the posting date changes', () => {
    const first = normalizePosting(base, deps);
    const second = normalizePosting({ ...base, postedAt: '2025-06-03' }, deps);
    expect(second.contentHash).toBe(first.contentHash);
  });

  it('changes the content hash when the salary changes', () => {
    const first = normalizePosting(base, deps);
    const raised = normalizePosting({ ...base, salary: { ...base.salary, max: 90_000 } }, deps);
    expect(raised.contentHash).not.toBe(first.contentHash);
    expect(raised.id).toBe(first.id);
  });

  it('changes the content hash when the title, location or description changes', () => {
    const hash = normalizePosting(base, deps).contentHash;
    expect(normalizePosting({ ...base, title: 'Staff Backend Engineer' }, deps).contentHash).not.toBe(hash);
    expect(normalizePosting({ ...base, locationText: 'Munich, Germany' }, deps).contentHash).not.toBe(hash);
    expect(normalizePosting({ ...base, descriptionHtml: '<p>Rewritten.</p>' }, deps).contentHash).not.toBe(
      hash,
    );
  });

  it('prefers a Markdown description over HTML', () => {
    const job = normalizePosting({ ...base, descriptionMarkdown: '# Role\n\nWrite React.' }, deps);
    expect(job.descriptionMd).toBe('# Role\n\nWrite React.');
    expect(job.skills).toEqual(['React']);
  });

  it('reads the salary from the salary text when there is no structured salary', () => {
    const job = normalizePosting(
      { ...base, salary: null, salaryText: '€65.000 - €80.000 brutto/Jahr' },
      deps,
    );
    expect([job.salaryMin, job.salaryMax, job.salaryCurrency, job.salaryPeriod]).toEqual([
      65_000,
      80_000,
      'EUR',
      'year',
    ]);
  });

  it('finds the salary in the description as a last resort, using the country for "$"', () => {
    const job = normalizePosting(
      {
        ...base,
        salary: undefined,
        locationText: 'Toronto, ON, Canada',
        descriptionHtml: '<p>We offer $120,000 - $140,000 per year plus a 401k-style RRSP match.</p>',
      },
      deps,
    );
    expect([job.salaryMin, job.salaryMax, job.salaryCurrency, job.salaryPeriod]).toEqual([
      120_000,
      140_000,
      'CAD',
      'year',
    ]);
  });

  it('leaves salary fields null when nothing mentions pay', () => {
    const job = normalizePosting(
      { ...base, salary: undefined, descriptionHtml: '<p>Competitive pay.</p>' },
      deps,
    );
    expect([job.salaryMin, job.salaryMax, job.salaryCurrency, job.salaryPeriod]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('lets a structured remote flag decide the remote mode', () => {
    expect(normalizePosting({ ...base, remote: 'remote' }, deps).remote).toBe('remote');
  });

  it('infers employment type and seniority from title and text when fields are missing', () => {
    const job = normalizePosting(
      {
        ...base,
        title: 'Backend Engineer',
        employmentType: undefined,
        descriptionHtml: '<p>This is a fixed-term role. You have 6+ years of experience.</p>',
      },
      deps,
    );
    expect(job.employmentType).toBe('temporary');
    expect(job.seniority).toBe('senior');
  });

  it('gives null for a posting date it cannot read', () => {
    expect(normalizePosting({ ...base, postedAt: 'last Tuesday' }, deps).postedAt).toBeNull();
    expect(normalizePosting({ ...base, postedAt: undefined }, deps).postedAt).toBeNull();
  });

  it('passes the title and description text to the skill extractor', () => {
    const extractSkills = vi.fn(() => ['Go', 'Go']);
    const job = normalizePosting(base, { extractSkills });
    expect(extractSkills).toHaveBeenCalledOnce();
    const [text] = extractSkills.mock.calls[0] as unknown as [string];
    expect(text).toContain('Sr. Backend Engineer');
    expect(text).toContain('Build APIs in TypeScript on PostgreSQL.');
    expect(text).not.toContain('**');
    expect(job.skills).toEqual(['Go']);
  });

  it('gives one dedup key for the same job posted on two boards', () => {
    const a = normalizePosting(base, deps);
    const b = normalizePosting(
      {
        ...base,
        url: 'https://other-board.example/jobs/991',
        title: 'Senior Backend Engineer',
        company: 'ACME',
        locationText: 'Berlin',
      },
      deps,
    );
    expect(b.id).not.toBe(a.id);
    expect(b.dedupKey).toBe(a.dedupKey);
  });

  it('names the field when the posting is invalid', () => {
    expect(() => normalizePosting({ ...base, title: '' }, deps)).toThrow(/title/);
    expect(() => normalizePosting({ ...base, url: 'not a url' }, deps)).toThrow(/url/);
    expect(() =>
      normalizePosting({ ...base, salary: { min: 'lots' } } as unknown as RawPosting, deps),
    ).toThrow(/salary\.min/);
  });

  it('throws an InvalidPostingError listing every bad field', () => {
    try {
      normalizePosting({ url: 'https://x.example/1' } as RawPosting, deps);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidPostingError);
      const fields = (error as InvalidPostingError).issues.map((issue) => issue.field);
      expect(fields).toEqual(expect.arrayContaining(['title', 'company']));
      expect((error as Error).message).toContain('https://x.example/1');
    }
  });

  it('rejects something that is not a posting at all without crashing', () => {
    expect(() => normalizePosting(null as unknown as RawPosting, deps)).toThrow(InvalidPostingError);
  });
});

describe('parsePostedAt', () => {
  it('reads ISO dates, date-times and epoch timestamps', () => {
    expect(parsePostedAt('2025-05-20')?.toISOString()).toBe('2025-05-20T00:00:00.000Z');
    expect(parsePostedAt('2025-05-20T09:30:00+02:00')?.toISOString()).toBe('2025-05-20T07:30:00.000Z');
    expect(parsePostedAt('1747733400000')?.toISOString()).toBe('2025-05-20T09:30:00.000Z');
    expect(parsePostedAt('1747733400')?.toISOString()).toBe('2025-05-20T09:30:00.000Z');
  });

  it('returns null for missing or unreadable dates', () => {
    expect(parsePostedAt(undefined)).toBeNull();
    expect(parsePostedAt('')).toBeNull();
    expect(parsePostedAt('2025-13-45')).toBeNull();
  });
});

describe('dedupKey export', () => {
  it('is available from the normaliser', () => {
    expect(dedupKey('Acme Inc.', 'Sr. Engineer', 'Berlin')).toBe('acme|senior engineer|berlin');
  });
});
