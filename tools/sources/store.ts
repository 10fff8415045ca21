import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { crawlRuns, sources } from '../../db/schema.ts';
import { parseSourceSpec } from './spec.ts';

export type SourceRow = typeof sources.$inferSelect;

/** The sources Jobhound crawls. A spec is stored in its canonical form, so one board is one source. */
export function createSourceStore(db: Database) {
  return {
    /** Adds a source (or returns the existing one with the same canonical spec). */
    async add(specText: string, addedBy?: string | null): Promise<{ source: SourceRow; created: boolean }> {
      const spec = parseSourceSpec(specText);
      const values = {
        spec: spec.spec,
        kind: spec.kind,
        provider: spec.kind === 'ats' ? spec.provider : null,
        board: spec.kind === 'ats' ? spec.board : null,
        url: spec.kind === 'url' ? spec.url : null,
        addedBy: addedBy ?? null,
      };
      const inserted = await db.insert(sources).values(values).onConflictDoNothing().returning();
      if (inserted[0]) return { source: inserted[0], created: true };
      const [existing] = await db.select().from(sources).where(eq(sources.spec, spec.spec));
      return { source: existing!, created: false };
    },

    async get(id: string): Promise<SourceRow | null> {
      const [row] = await db.select().from(sources).where(eq(sources.id, id));
      return row ?? null;
    },

    async bySpec(specText: string): Promise<SourceRow | null> {
      const spec = parseSourceSpec(specText);
      const [row] = await db.select().from(sources).where(eq(sources.spec, spec.spec));
      return row ?? null;
    },

    async list(): Promise<Array<SourceRow & { jobCount: number }>> {
      const rows = await db
        .select({
          source: sources,
          jobCount: sql<number>`(select count(*)::int from job_sightings s join jobs j on j.id = s.job_id where s.source_id = "sources"."id" and j.closed_at is null)`,
        })
        .from(sources)
        .orderBy(sources.createdAt);
      return rows.map((r) => ({ ...r.source, jobCount: Number(r.jobCount) }));
    },

    /** Enabled sources not crawled within the interval (never-crawled ones first). */
    async due(intervalHours: number, now = new Date()): Promise<SourceRow[]> {
      const cutoff = new Date(now.getTime() - intervalHours * 3600_000);
      return db
        .select()
        .from(sources)
        .where(
          sql`${sources.enabled} and (${sources.lastCrawledAt} is null or ${sources.lastCrawledAt} < ${cutoff.toISOString()})`,
        )
        .orderBy(sql`${sources.lastCrawledAt} nulls first`);
    },

    async latestRun(sourceId: string) {
      const [run] = await db
        .select()
        .from(crawlRuns)
        .where(eq(crawlRuns.sourceId, sourceId))
        .orderBy(desc(crawlRuns.startedAt))
        .limit(1);
      return run ?? null;
    },
  };
}

export type SourceStore = ReturnType<typeof createSourceStore>;
