import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../db/client.ts';
import { jobs, sources, users } from '../../db/schema.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../helpers/db.ts';

describe.each(testBackends())('migrations on %s', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates every table with pgvector enabled', async () => {
    const rows = await t.handle.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    const tables = rows.rows.map((r) => r.table_name);
    for (const name of [
      'users',
      'api_tokens',
      'profiles',
      'resumes',
      'sources',
      'jobs',
      'job_sightings',
      'matches',
      'applications',
      'application_events',
      'digests',
      'crawl_runs',
      'analysis_cache',
      'task_progress',
    ]) {
      expect(tables).toContain(name);
    }
    const ext = await t.handle.db.execute(sql`select 1 from pg_extension where extname = 'vector'`);
    expect(ext.rows).toHaveLength(1);
  });

  it('is safe to run again on an up-to-date database', async () => {
    await expect(migrateDatabase(t.handle)).resolves.toBeUndefined();
  });

  it('stores a job with an embedding, finds it by full text and by cosine distance', async () => {
    const [source] = await t.handle.db
      .insert(sources)
      .values({ spec: 'greenhouse:acme', kind: 'ats' })
      .returning();
    const embedding = Array.from({ length: 384 }, (_, i) => (i === 3 ? 1 : 0));
    await t.handle.db.insert(jobs).values({
      id: '6f1c1d52-8d8f-5d1e-9f0e-3b1d2c3a4b5c',
      canonicalUrl: 'https://acme.example/jobs/1',
      url: 'https://acme.example/jobs/1',
      sourceId: source!.id,
      company: 'Acme',
      title: 'Senior Kubernetes Engineer',
      descriptionMd: 'Run our clusters with Terraform.',
      skills: ['kubernetes', 'terraform'],
      contentHash: 'h1',
      dedupKey: 'acme|senior kubernetes engineer|',
      embedding,
      embeddingModel: 'local-hash-v1',
    });
    const byText = await t.handle.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(sql`${jobs.search} @@ websearch_to_tsquery('english', 'clusters terraform')`);
    expect(byText).toHaveLength(1);
    const bySkill = await t.handle.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(sql`${jobs.skills} @> array['kubernetes']::text[]`);
    expect(bySkill).toHaveLength(1);
    const query = `[${embedding.join(',')}]`;
    const nearest = await t.handle.db.execute<{ d: number }>(
      sql`select embedding <=> ${query}::vector as d from jobs order by embedding <=> ${query}::vector limit 1`,
    );
    expect(Number(nearest.rows[0]?.d)).toBeCloseTo(0, 5);
  });

  it('has the HNSW, GIN and filter indexes', async () => {
    const rows = await t.handle.db.execute<{ indexname: string; indexdef: string }>(
      sql`select indexname, indexdef from pg_indexes where tablename = 'jobs'`,
    );
    const defs = rows.rows.map((r) => r.indexdef).join('\n');
    expect(defs).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);
    expect(defs).toMatch(/USING gin \(search\)/);
    expect(defs).toMatch(/USING gin \(skills\)/);
    expect(rows.rows.map((r) => r.indexname)).toContain('jobs_salary_max_idx');
  });

  it('keeps one API token hash per token and links a Telegram chat to one user', async () => {
    const [user] = await t.handle.db.insert(users).values({ name: 'ada', telegramChatId: 4242 }).returning();
    expect(user!.telegramChatId).toBe(4242);
    await expect(t.handle.db.insert(users).values({ name: 'eve', telegramChatId: 4242 })).rejects.toThrow();
    const found = await t.handle.db.select().from(users).where(eq(users.telegramChatId, 4242));
    expect(found.map((u) => u.name)).toEqual(['ada']);
  });
});
