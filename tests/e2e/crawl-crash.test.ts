import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { type AtsFixtureServer, startAtsFixtureServer } from '../fixtures/ats/server.ts';
import { careerJobs, installCareerSite } from '../fixtures/career-site.ts';
import { createPostgresDatabase, defaultBackend, dropPostgresDatabase } from '../helpers/db.ts';

const WORKER = join(import.meta.dirname, '../fixtures/crawl-worker.ts');
const PAGES = 40;

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [WORKER], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => lines.push(...d.split('\n').filter(Boolean)));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const until = (test: (line: string) => boolean, timeoutMs = 90_000) =>
    new Promise<string>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const tick = () => {
        const hit = lines.find(test);
        if (hit) return resolve(hit);
        if (child.exitCode !== null || Date.now() > deadline) {
          return reject(
            new Error(
              `worker gave no matching line; last: ${lines.slice(-3).join(' | ')}; stderr: ${stderr.slice(-1500)}`,
            ),
          );
        }
        setTimeout(tick, 50);
      };
      tick();
    });
  return { child, lines, until };
}

describe('a crawl whose worker is killed', () => {
  let ats: AtsFixtureServer;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    ats = await startAtsFixtureServer({ latencyMs: 250 });
  });
  afterEach(() => {
    for (const c of children) c.kill('SIGKILL');
  });
  afterAll(async () => ats?.close());

  it('finishes after a restart with every job stored exactly once', { timeout: 180_000 }, async () => {
    const site = installCareerSite(ats, {
      host: 'careers.crashy.test',
      company: 'Crashy',
      jobs: careerJobs(PAGES, 'cr'),
      perPage: 50,
    });
    const pgUrl = defaultBackend() === 'postgres' ? await createPostgresDatabase() : undefined;
    const dbEnv: Record<string, string> = pgUrl
      ? { CRAWL_DB_URL: pgUrl }
      : { CRAWL_DATA_DIR: mkdtempSync(join(tmpdir(), 'jh-crawl-crash-')) };
    try {
      const first = start({
        ...dbEnv,
        SOURCE_BASE_URL: ats.baseUrl,
        CRAWL_MODE: 'start',
        CRAWL_SOURCE: site.listingUrl,
      });
      children.push(first.child);
      const queued = await first.until((l) => l.startsWith('queued '));
      const sourceId = queued.split(' ')[1]!;
      await first.until((l) => {
        const m = /^progress running (\d+)\//.exec(l);
        return Boolean(m && Number(m[1]) >= 4);
      });
      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.once('exit', r));
      expect(first.lines.some((l) => l.startsWith('done'))).toBe(false);

      const second = start({
        ...dbEnv,
        SOURCE_BASE_URL: ats.baseUrl,
        CRAWL_MODE: 'resume',
        CRAWL_SOURCE_ID: sourceId,
      });
      children.push(second.child);
      const done = await second.until((l) => l.startsWith('done '), 150_000);
      const status = JSON.parse(done.slice(5)) as {
        state: string;
        pagesDone: number;
        pagesTotal: number;
        jobs: { new: number };
      };
      expect(status).toMatchObject({ state: 'done', pagesDone: PAGES, pagesTotal: PAGES });
      await new Promise((r) => second.child.once('exit', r));

      const handle = await openDatabase({ databaseUrl: pgUrl, dataDir: dbEnv.CRAWL_DATA_DIR });
      try {
        const rows = await handle.db.execute<{ jobs: number; keys: number; urls: number }>(
          sql`select count(*)::int as jobs, count(distinct dedup_key)::int as keys, count(distinct canonical_url)::int as urls from jobs where company = 'Crashy'`,
        );
        expect(rows.rows[0]).toEqual({ jobs: PAGES, keys: PAGES, urls: PAGES });
      } finally {
        await handle.close();
      }
    } finally {
      if (pgUrl) await dropPostgresDatabase(pgUrl);
    }
  });
});
