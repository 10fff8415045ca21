import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, jobTitles, sources } from '../../../db/schema.ts';
import { createJobStore, type JobStore } from '../../../tools/jobs/store.ts';
import type { NormalizedJob } from '../../../tools/jobs/types.ts';
import { embedPendingJobs } from '../../../tools/match/embed-jobs.ts';
import { createLocalEmbedder, type LocalEmbedder } from '../../../tools/match/local-embedder.ts';
import { type HardFilters, retrieveCandidates } from '../../../tools/match/retrieve.ts';
import { createSkillExtractor } from '../../../tools/skills/extract.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../../helpers/db.ts';

const NO_FILTERS: HardFilters = {
  remote: 'any',
  locations: [],
  minSalaryUsdYear: null,
  needsSponsorship: false,
  seniority: [],
  employmentTypes: [],
  excludedCompanies: [],
  excludedKeywords: [],
};

let serial = 0;
/** A posting as the normaliser hands it to the store; every one a distinct URL and dedup key. */
function posting(overrides: Partial<NormalizedJob> = {}): NormalizedJob {
  serial += 1;
  const n = String(serial).padStart(12, '0');
  return {
    id: `00000000-0000-5000-8000-${n}`,
    canonicalUrl: `https://boards.example/acme/${serial}`,
    url: `https://boards.example/acme/${serial}`,
    applyUrl: null,
    company: 'Acme',
    title: 'Platform Engineer',
    locationText: 'Berlin, Germany',
    city: 'Berlin',
    region: 'Berlin',
    country: 'DE',
    remote: 'hybrid',
    employmentType: 'full_time',
    seniority: 'senior',
    salaryMin: 80000,
    salaryMax: 100000,
    salaryCurrency: 'USD',
    salaryPeriod: 'year',
    descriptionMd: 'Run Kubernetes clusters with Terraform. We sponsor visas.',
    skills: ['kubernetes', 'terraform'],
    postedAt: null,
    contentHash: `hash-${serial}`,
    dedupKey: `acme|platform engineer|${serial}`,
    ...overrides,
  };
}

describe.each(testBackends())('retrieval on %s', (backend) => {
  let t: TestDatabase;
  let store: JobStore;
  let embedder: LocalEmbedder;
  let sourceId: string;
  let vector: number[];

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    store = createJobStore(t.handle.db, { toUsdYear: (amount) => amount });
    const extractor = createSkillExtractor();
    embedder = createLocalEmbedder({ extractSkills: (text) => extractor.skills(text) });
    vector = embedder.embedText('Platform engineer: Kubernetes, Terraform, AWS');
    const [source] = await t.handle.db
      .insert(sources)
      .values({ spec: 'greenhouse:acme', kind: 'ats' })
      .returning();
    sourceId = source!.id;
  });
  afterAll(async () => t?.close());

  /** Stores postings as a crawl would and embeds them as the embed task would. */
  async function crawl(batch: NormalizedJob[], now = new Date()): Promise<string[]> {
    const counts = await store.upsert(batch, sourceId, now);
    await embedPendingJobs(t.handle.db, embedder, { jobIds: counts.changedIds });
    return counts.ids;
  }

  /** The jobs the title leg ranked (the vector leg returns its k nearest whatever the words). */
  async function byTitle(text: string, filters: Partial<HardFilters> = {}): Promise<string[]> {
    const candidates = await retrieveCandidates(t.handle.db, {
      vector,
      text,
      filters: { ...NO_FILTERS, ...filters },
      k: 50,
    });
    return candidates.filter((c) => c.textRank !== null).map((c) => c.jobId);
  }

  it('finds a job by its title only once it has a vector', async () => {
    const job = posting({ title: 'Observability Engineer' });
    await store.upsert([job], sourceId);
    expect(await byTitle('observability engineer')).toEqual([]);
    await embedPendingJobs(t.handle.db, embedder, { jobIds: [job.id] });
    expect(await byTitle('observability engineer')).toEqual([job.id]);
  });

  it('follows a changed title: the new title finds the job, the old one no longer does', async () => {
    const job = posting({ title: 'Release Manager' });
    await crawl([job]);
    expect(await byTitle('"release manager"')).toEqual([job.id]);
    await crawl([{ ...job, title: 'Build Engineer', contentHash: `${job.contentHash}-2` }]);
    expect(await byTitle('"release manager"')).toEqual([]);
    expect(await byTitle('"build engineer"')).toEqual([job.id]);
  });

  it('drops a job that closed and finds it again when it is listed again', async () => {
    const job = posting({ title: 'Compiler Engineer' });
    const listed = new Date(Date.now() - 60_000);
    await crawl([job], listed);
    expect(await byTitle('compiler')).toEqual([job.id]);
    // A complete crawl after `listed` that no longer lists it (the other tests' jobs were seen later).
    expect(await store.closeMissing(sourceId, new Date(listed.getTime() + 1))).toBe(1);
    expect(await byTitle('compiler')).toEqual([]);
    await crawl([job]);
    expect(await byTitle('compiler')).toEqual([job.id]);
  });

  it('finds a job by its company name', async () => {
    const job = posting({ title: 'Gardener', company: 'Zanzibar Botanics' });
    await crawl([job]);
    expect(await byTitle('zanzibar')).toEqual([job.id]);
  });

  it('obeys every hard filter on the title leg', async () => {
    const base = { title: 'Geophysics Analyst' };
    const [remote, onsiteParis, lowPay, junior, contract, excludedCo, noVisa, onCall] = await crawl([
      posting({ ...base, remote: 'remote', city: null, region: null, country: null }),
      posting({ ...base, remote: 'onsite', city: 'Paris', region: 'Île-de-France', country: 'FR' }),
      posting({ ...base, salaryMin: 40000, salaryMax: 50000 }),
      posting({ ...base, seniority: 'junior' }),
      posting({ ...base, employmentType: 'contract' }),
      posting({ ...base, company: 'Evil Corp' }),
      posting({ ...base, descriptionMd: 'Seismic data work. We are unable to sponsor visas.' }),
      posting({ ...base, descriptionMd: 'Seismic data work with a weekly on-call rotation.' }),
    ]);
    const all = [remote, onsiteParis, lowPay, junior, contract, excludedCo, noVisa, onCall];
    const found = async (filters: Partial<HardFilters>) => (await byTitle('geophysics', filters)).sort();
    const without = (...ids: (string | undefined)[]) => all.filter((id) => !ids.includes(id)).sort();

    expect(await found({})).toEqual([...all].sort());
    expect(await found({ remote: 'remote' })).toEqual([remote]);
    expect(await found({ remote: 'hybrid' })).toEqual(without(onsiteParis));
    expect(await found({ locations: ['Paris'] })).toEqual([remote, onsiteParis].sort());
    expect(await found({ locations: ['Germany'] })).toEqual(without(onsiteParis));
    expect(await found({ minSalaryUsdYear: 70000 })).toEqual(without(lowPay));
    expect(await found({ seniority: ['senior'] })).toEqual(without(junior));
    expect(await found({ employmentTypes: ['full_time'] })).toEqual(without(contract));
    expect(await found({ excludedCompanies: ['evil corp'] })).toEqual(without(excludedCo));
    expect(await found({ needsSponsorship: true })).toEqual(without(noVisa));
    expect(await found({ excludedKeywords: ['on-call'] })).toEqual(without(onCall));
    expect(await found({ query: 'rotation' })).toEqual([onCall]);
    expect(await found({ jobIds: [junior!, contract!] })).toEqual([junior, contract].sort());
  });

  it('leaves the narrow title row alone when a recrawl only confirms the job is still listed', async () => {
    const job = posting({ title: 'Tooling Engineer' });
    await crawl([job]);
    const version = async () =>
      (
        await t.handle.db.execute<{ v: string }>(
          sql`select xmin::text as v from job_titles where id = ${job.id}::uuid`,
        )
      ).rows[0]?.v;
    const before = await version();
    expect(before).toBeDefined();
    expect(await store.upsert([job], sourceId)).toMatchObject({ unchanged: 1 });
    expect(await version()).toBe(before);
  });

  it('forgets a deleted job', async () => {
    const job = posting({ title: 'Cartographer' });
    await crawl([job]);
    await t.handle.db.delete(jobs).where(eq(jobs.id, job.id));
    expect(await t.handle.db.select().from(jobTitles).where(eq(jobTitles.id, job.id))).toEqual([]);
    expect(await byTitle('cartographer')).toEqual([]);
  });
});
