import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, MIGRATIONS_FOLDER, migrateDatabase } from '../../db/client.ts';
import { jobs, sources, users } from '../../db/schema.ts';
import { createTestDatabase, type TestDatabase, testBackends } from '../helpers/db.ts';

/** Applies only the migrations before `tag`, as a database deployed before it would have them. */
async function migrateBefore(handle: DbHandle, tag: string): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'jh-migrations-'));
  try {
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag === tag);
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
    // biome-ignore lint/suspicious/noExplicitAny: the migrators want their concrete drizzle types
    const db = handle.db as any;
    if (handle.kind === 'pglite') await migratePglite(db, { migrationsFolder: folder });
    else await migratePg(db, { migrationsFolder: folder });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

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
      'job_titles',
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

  it('keeps a job vector in the row, so exact distances read no TOAST', async () => {
    const rows = await t.handle.db.execute<{ attstorage: string }>(
      sql`select attstorage from pg_attribute where attrelid = 'jobs'::regclass and attname = 'embedding'`,
    );
    expect(rows.rows[0]?.attstorage).toBe('m');
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

  it('fills job_titles with the open, embedded jobs of a database deployed before it existed', async () => {
    const old = await createTestDatabase(backend, false);
    try {
      await migrateBefore(old.handle, '0008_job_titles');
      const vector = `[${Array.from({ length: 384 }, (_, i) => (i === 0 ? 1 : 0)).join(',')}]`;
      const insert = (n: number, title: string, closed: boolean, embedded: boolean) =>
        old.handle.db.execute(sql`
          insert into jobs (id, canonical_url, url, company, title, description_md, content_hash, dedup_key, closed_at, embedding)
          values (${`00000000-0000-5000-8000-00000000000${n}`}::uuid, ${`https://old.example/${n}`}, ${`https://old.example/${n}`},
            'Oldco', ${title}, 'x', 'h', ${`k${n}`}, ${closed ? sql`now()` : null},
            ${embedded ? sql`${vector}::vector` : null})`);
      await insert(1, 'Open Embedded Engineer', false, true);
      await insert(2, 'Closed Engineer', true, true);
      await insert(3, 'Unembedded Engineer', false, false);
      await migrateDatabase(old.handle);
      const rows = await old.handle.db.execute<{ id: string; hit: boolean }>(
        sql`select id, title_search @@ to_tsquery('english', 'embedded') as hit from job_titles`,
      );
      expect(rows.rows).toEqual([{ id: '00000000-0000-5000-8000-000000000001', hit: true }]);
      const indexes = await old.handle.db.execute<{ indexdef: string }>(
        sql`select indexdef from pg_indexes where tablename = 'job_titles'`,
      );
      expect(indexes.rows.map((r) => r.indexdef).join('\n')).toMatch(/USING gin \(title_search\)/);
    } finally {
      await old.close();
    }
  });
});
