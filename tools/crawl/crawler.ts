import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import { crawlPages, crawlRuns, sources } from '../../db/schema.ts';
import type { JobStore } from '../jobs/store.ts';
import type { NormalizedJob, RawPosting } from '../jobs/types.ts';
import { ATS_ADAPTERS } from '../sources/ats/index.ts';
import { parseSourceSpec } from '../sources/spec.ts';
import type { SourceRow } from '../sources/store.ts';
import type { BrowserPool } from './browser-pool.ts';
import { isPermanentCrawlError } from './crawl-errors.ts';
import { extractPage } from './extract-page.ts';
import { discoverListing } from './listing.ts';
import type { Fetcher } from './types.ts';

export const STORE_BATCH = 200;

export interface CrawlerDeps {
  db: Database;
  fetcher: Fetcher;
  browser: BrowserPool | null;
  normalize(raw: RawPosting): NormalizedJob;
  jobStore: JobStore;
  logger: Logger;
  /** Fans detail pages out as queue tasks. */
  enqueuePages(runId: string, urls: string[]): Promise<void>;
  /** New or changed jobs, for embedding and matching. */
  onJobsChanged?(jobIds: string[]): Promise<void>;
}

export type CrawlRun = typeof crawlRuns.$inferSelect;

export type CrawlProgress = (done: number, total: number | null, message: string) => Promise<void>;

/**
 * One crawl of one source. ATS boards are read through their APIs in the source task itself;
 * career pages are walked (listing → pagination → detail links) and the detail pages fan out as
 * tasks, each recorded in crawl_pages so a redelivered task changes nothing. The run finishes
 * when its last page does, and only a complete run closes jobs the source no longer lists.
 */
export function createCrawler(deps: CrawlerDeps) {
  const { db, logger } = deps;

  async function startRun(source: SourceRow, taskId: string): Promise<CrawlRun> {
    const [existing] = await db.select().from(crawlRuns).where(eq(crawlRuns.taskId, taskId)).limit(1);
    if (existing) return existing;
    const [run] = await db.insert(crawlRuns).values({ sourceId: source.id, taskId }).returning();
    return run!;
  }

  interface Stored {
    failed: number;
    errors: string[];
    new: number;
    changed: number;
    unchanged: number;
  }

  /**
   * Normalises and stores postings. With `deferCounts` the run's job counters are left to the
   * caller, which adds them to its own update of the run (one statement less per page).
   */
  async function store(run: CrawlRun, postings: RawPosting[], deferCounts = false): Promise<Stored> {
    let failed = 0;
    const errors: string[] = [];
    const total = { new: 0, changed: 0, unchanged: 0 };
    for (let i = 0; i < postings.length; i += STORE_BATCH) {
      const normalized: NormalizedJob[] = [];
      for (const raw of postings.slice(i, i + STORE_BATCH)) {
        try {
          normalized.push(deps.normalize(raw));
        } catch (error) {
          failed += 1;
          if (errors.length < 20) errors.push((error as Error).message);
        }
      }
      const counts = await deps.jobStore.upsert(normalized, run.sourceId);
      total.new += counts.new;
      total.changed += counts.changed;
      total.unchanged += counts.unchanged;
      if (!deferCounts)
        await db
          .update(crawlRuns)
          .set({
            jobsNew: sql`${crawlRuns.jobsNew} + ${counts.new}`,
            jobsChanged: sql`${crawlRuns.jobsChanged} + ${counts.changed}`,
            jobsUnchanged: sql`${crawlRuns.jobsUnchanged} + ${counts.unchanged}`,
          })
          .where(eq(crawlRuns.id, run.id));
      if (counts.changedIds.length > 0 && deps.onJobsChanged) await deps.onJobsChanged(counts.changedIds);
    }
    if (failed > 0 && !deferCounts) {
      await db
        .update(crawlRuns)
        .set({
          jobsFailed: sql`${crawlRuns.jobsFailed} + ${failed}`,
          errors: sql`${crawlRuns.errors} || ${JSON.stringify(errors)}::jsonb`,
        })
        .where(eq(crawlRuns.id, run.id));
    }
    return { failed, errors, ...total };
  }

  /** Marks the run done once (whoever gets here first), closing vanished jobs after a complete crawl. */
  async function finish(runId: string, complete: boolean, error?: string): Promise<CrawlRun | null> {
    const status = error ? 'failed' : 'done';
    const [run] = await db
      .update(crawlRuns)
      .set({ status, complete: complete && !error, finishedAt: sql`now()` })
      .where(and(eq(crawlRuns.id, runId), eq(crawlRuns.status, 'running')))
      .returning();
    if (!run) return null;
    let closed = 0;
    if (run.complete && run.jobsFailed === 0) {
      closed = await deps.jobStore.closeMissing(run.sourceId, run.startedAt);
      await db.update(crawlRuns).set({ jobsClosed: closed }).where(eq(crawlRuns.id, runId));
    }
    await db
      .update(sources)
      .set({ lastCrawledAt: sql`now()`, lastStatus: status, lastError: error ?? null })
      .where(eq(sources.id, run.sourceId));
    logger.info({ runId, sourceId: run.sourceId, status, closed }, 'crawl finished');
    return { ...run, jobsClosed: closed };
  }

  async function crawlAts(
    run: CrawlRun,
    provider: keyof typeof ATS_ADAPTERS,
    board: string,
    progress: CrawlProgress,
  ) {
    const result = await ATS_ADAPTERS[provider](deps.fetcher, board, {
      onProgress: (done, total) =>
        void progress(done, total ?? null, `${provider}:${board} ${done} postings read`),
    });
    await store(run, result.postings);
    await progress(
      result.postings.length,
      result.postings.length,
      `${result.postings.length} postings stored`,
    );
    return result;
  }

  async function crawlSource(source: SourceRow, taskId: string, progress: CrawlProgress): Promise<CrawlRun> {
    const run = await startRun(source, taskId);
    if (run.status !== 'running') return run;
    try {
      const spec = parseSourceSpec(source.spec);
      if (spec.kind === 'ats') {
        const result = await crawlAts(run, spec.provider, spec.board, progress);
        return (await finish(run.id, result.complete)) ?? run;
      }
      const listing = await discoverListing(spec.url, {
        fetcher: deps.fetcher,
        browser: deps.browser,
        logger,
      });
      if (listing.atsSpecs.length > 0 && listing.jobLinks.length === 0 && listing.postings.length === 0) {
        // A career page that embeds an ATS board: its API is the better source.
        let complete = true;
        for (const atsSpec of listing.atsSpecs) {
          const ats = parseSourceSpec(atsSpec);
          if (ats.kind !== 'ats') continue;
          const result = await crawlAts(run, ats.provider, ats.board, progress);
          complete &&= result.complete;
        }
        return (await finish(run.id, complete)) ?? run;
      }
      await store(run, listing.postings);
      const known = new Set(listing.postings.map((p) => p.url));
      const links = [...new Set(listing.jobLinks)].filter((url) => !known.has(url));
      if (links.length === 0) return (await finish(run.id, listing.complete)) ?? run;
      await db
        .insert(crawlPages)
        .values(links.map((url) => ({ runId: run.id, url })))
        .onConflictDoNothing();
      await db
        .update(crawlRuns)
        .set({ pagesTotal: links.length, complete: listing.complete })
        .where(eq(crawlRuns.id, run.id));
      await progress(0, links.length, `${links.length} job pages queued`);
      await deps.enqueuePages(run.id, links);
      return { ...run, pagesTotal: links.length };
    } catch (error) {
      if (!isPermanentCrawlError(error)) throw error;
      const message = (error as Error).message;
      logger.warn({ sourceId: source.id, err: message }, 'crawl failed');
      return (await finish(run.id, false, message)) ?? run;
    }
  }

  async function crawlPage(runId: string, url: string): Promise<void> {
    const [row] = await db
      .select({ status: crawlPages.status, run: crawlRuns })
      .from(crawlPages)
      .innerJoin(crawlRuns, eq(crawlRuns.id, crawlPages.runId))
      .where(and(eq(crawlPages.runId, runId), eq(crawlPages.url, url)));
    if (!row) return;
    const { run } = row;
    if (row.status !== 'pending') {
      // A delivery again after a worker died between counting the last page and finishing the run.
      if (run.status === 'running' && run.pagesDone >= run.pagesTotal) await finish(runId, run.complete);
      return;
    }
    let status = 'done';
    let error: string | null = null;
    let stored: Stored | null = null;
    try {
      const fetched = await deps.fetcher.fetchText(url);
      let extraction = extractPage(fetched.body, fetched.finalUrl);
      if (extraction.postings.length === 0 && extraction.needsBrowser && deps.browser) {
        const rendered = await deps.browser.render(url);
        extraction = extractPage(rendered.html, url);
      }
      if (extraction.postings.length === 0) {
        status = 'skipped';
        error = 'no job posting found on the page';
      } else {
        stored = await store(run, extraction.postings, true);
        if (stored.failed > 0) {
          status = 'failed';
          error = stored.errors[0] ?? 'invalid posting';
        }
      }
    } catch (e) {
      if (!isPermanentCrawlError(e)) throw e;
      status = 'failed';
      error = (e as Error).message;
    }
    // Only the first delivery that settles the page counts it; settling and counting commit
    // together, so a worker that dies between them cannot leave the page settled but uncounted.
    const counts = await db.transaction(async (tx) => {
      const settled = await tx
        .update(crawlPages)
        .set({ status, error, updatedAt: sql`now()` })
        .where(and(eq(crawlPages.runId, runId), eq(crawlPages.url, url), eq(crawlPages.status, 'pending')))
        .returning({ url: crawlPages.url });
      if (settled.length === 0) return null;
      // Each page settles exactly once, so the run is over when the count reaches the total.
      const [counted] = await tx
        .update(crawlRuns)
        .set({
          pagesDone: sql`${crawlRuns.pagesDone} + 1`,
          ...(stored
            ? {
                jobsNew: sql`${crawlRuns.jobsNew} + ${stored.new}`,
                jobsChanged: sql`${crawlRuns.jobsChanged} + ${stored.changed}`,
                jobsUnchanged: sql`${crawlRuns.jobsUnchanged} + ${stored.unchanged}`,
              }
            : {}),
          ...(status === 'failed'
            ? {
                jobsFailed: sql`${crawlRuns.jobsFailed} + 1`,
                errors: sql`${crawlRuns.errors} || ${JSON.stringify([`${url}: ${error}`])}::jsonb`,
              }
            : {}),
        })
        .where(eq(crawlRuns.id, runId))
        .returning({ done: crawlRuns.pagesDone, total: crawlRuns.pagesTotal });
      return counted ?? null;
    });
    if (counts && counts.done >= counts.total) await finish(runId, run.complete);
  }

  async function runStatus(runId: string): Promise<CrawlRun | null> {
    const [run] = await db.select().from(crawlRuns).where(eq(crawlRuns.id, runId));
    return run ?? null;
  }

  return { crawlSource, crawlPage, finish, runStatus };
}

export type Crawler = ReturnType<typeof createCrawler>;
