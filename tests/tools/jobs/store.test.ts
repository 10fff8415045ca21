import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobSightings, jobs, sources } from '../../../db/schema.ts';
import { createJobStore, type JobStore } from '../../../tools/jobs/store.ts';
import type { NormalizedJob } from '../../../tools/jobs/types.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.ts';

function job(overrides: Partial<NormalizedJob> & { id: string; canonicalUrl: string }): NormalizedJob {
  return {
    url: overrides.canonicalUrl,
    applyUrl: null,
    company: 'Acme',
    title: 'Backend Engineer',
    locationText: 'Berlin, Germany',
    city: 'Berlin',
    region: null,
    country: 'DE',
    remote: 'hybrid',
    employmentType: 'full_time',
    seniority: 'mid',
    salaryMin: 60000,
    salaryMax: 80000,
    salaryCurrency: 'EUR',
    salaryPeriod: 'year',
    descriptionMd: 'Build APIs in TypeScript.',
    skills: ['typescript'],
    postedAt: null,
    contentHash: 'hash-a',
    dedupKey: 'acme|backend engineer|berlin',
    ...overrides,
  };
}

describe('job store', () => {
  let t: TestDatabase;
  let store: JobStore;
  let boardId: string;
  let careersId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    store = createJobStore(t.handle.db, { toUsdYear: (amount) => (amount === null ? null : amount * 1.1) });
    const rows = await t.handle.db
      .insert(sources)
      .values([
        { spec: 'greenhouse:acme', kind: 'ats' },
        { spec: 'https://acme.example/careers', kind: 'url' },
      ])
      .returning();
    boardId = rows[0]!.id;
    careersId = rows[1]!.id;
  });
  afterAll(async () => t?.close());

  it('stores new jobs, then counts an unchanged re-crawl as unchanged', async () => {
    const a = job({
      id: '00000000-0000-5000-8000-000000000001',
      canonicalUrl: 'https://boards.example/acme/1',
    });
    const b = job({
      id: '00000000-0000-5000-8000-000000000002',
      canonicalUrl: 'https://boards.example/acme/2',
      title: 'Data Analyst',
      dedupKey: 'acme|data analyst|berlin',
    });
    expect(await store.upsert([a, b], boardId)).toMatchObject({ new: 2, changed: 0, unchanged: 0 });
    expect(await store.upsert([a, b], boardId)).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
    const [stored] = await t.handle.db.select().from(jobs).where(eq(jobs.id, a.id));
    expect(stored?.salaryMaxUsdYear).toBeCloseTo(88000);
  });

  it('updates a job whose content changed', async () => {
    const changed = job({
      id: '00000000-0000-5000-8000-000000000001',
      canonicalUrl: 'https://boards.example/acme/1',
      salaryMax: 90000,
      contentHash: 'hash-b',
    });
    expect(await store.upsert([changed], boardId)).toMatchObject({ changed: 1 });
    const [stored] = await t.handle.db.select().from(jobs).where(eq(jobs.id, changed.id));
    expect(stored?.salaryMax).toBe(90000);
    expect(stored?.contentHash).toBe('hash-b');
  });

  it('merges the same job seen on the career page into one job with two sightings', async () => {
    const onCareers = job({
      id: '00000000-0000-5000-8000-00000000000a',
      canonicalUrl: 'https://acme.example/careers/backend-engineer',
      contentHash: 'hash-b',
    });
    const result = await store.upsert([onCareers], careersId);
    expect(result.new).toBe(0);
    expect(result.ids).toEqual(['00000000-0000-5000-8000-000000000001']);
    const sightings = await t.handle.db
      .select()
      .from(jobSightings)
      .where(eq(jobSightings.jobId, '00000000-0000-5000-8000-000000000001'));
    expect(sightings.map((s) => s.canonicalUrl).sort()).toEqual([
      'https://acme.example/careers/backend-engineer',
      'https://boards.example/acme/1',
    ]);
  });

  it('closes a job only when every source stopped listing it, and reopens it when it returns', async () => {
    const runStart = new Date(Date.now() + 1000);
    const b = job({
      id: '00000000-0000-5000-8000-000000000002',
      canonicalUrl: 'https://boards.example/acme/2',
      title: 'Data Analyst',
      dedupKey: 'acme|data analyst|berlin',
    });
    const a = job({
      id: '00000000-0000-5000-8000-000000000001',
      canonicalUrl: 'https://boards.example/acme/1',
    });
    // The board's next complete crawl lists neither job; the careers page still lists job 1.
    const later = new Date(runStart.getTime() + 1000);
    expect(await store.closeMissing(boardId, runStart, later)).toBe(1);
    const rows = await t.handle.db.select({ id: jobs.id, closedAt: jobs.closedAt }).from(jobs);
    const closed = rows.filter((r) => r.closedAt).map((r) => r.id);
    expect(closed).toEqual([b.id]);

    await store.upsert([b], boardId, new Date(later.getTime() + 1000));
    const [reopened] = await t.handle.db.select().from(jobs).where(eq(jobs.id, b.id));
    expect(reopened?.closedAt).toBeNull();
    expect(a.id).toBeTruthy();
  });
});
