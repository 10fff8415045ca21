// Crawl throughput. With no --url it serves the fixture site from a child process (so the site's
// CPU is not billed to the crawler) and measures static pages/s, browser pages/s, end-to-end
// jobs/min on PGlite and peak RSS, printing one JSON line per phase and a table against targets.
//   node bench/crawl.ts [--static-pages 2000] [--js-pages 200] [--latency 20] [--in-process]
//   node bench/crawl.ts --url <listing URL> --mode static|js [--allow-host 127.0.0.1] [--concurrency 64]
//   node bench/crawl.ts --serve-fixture [--serve-seconds 3600]   (prints {"baseUrl": ...})
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createRuntime } from '../cli/runtime.ts';
import { loadConfig } from '../config/config.ts';
import { silentLogger } from '../config/logger.ts';
import { jobs } from '../db/schema.ts';
import { startWorkers } from '../queue/worker.ts';
import { type BrowserPool, createBrowserPool, findChromium } from '../tools/crawl/browser-pool.ts';
import { waitForCrawl } from '../tools/crawl/crawl-source.ts';
import { CRAWL_PAGE, CRAWL_SOURCE } from '../tools/crawl/crawl-tasks.ts';
import { extractPage } from '../tools/crawl/extract-page.ts';
import { discoverListing } from '../tools/crawl/listing.ts';
import { createFetcher } from '../tools/crawl/safe-fetch.ts';
import { createSsrfGuard } from '../tools/crawl/ssrf-guard.ts';
import type { Fetcher } from '../tools/crawl/types.ts';
import { callTool } from '../tools/tool.ts';
import { fixtureSiteUrls, startFixtureSite } from './crawl-fixture-site.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    mode: { type: 'string', default: 'static' },
    'allow-host': { type: 'string', multiple: true, default: [] },
    concurrency: { type: 'string', default: '64' },
    'browser-size': { type: 'string', default: '4' },
    'static-pages': { type: 'string', default: '2000' },
    'js-pages': { type: 'string', default: '200' },
    latency: { type: 'string', default: '20' },
    'in-process': { type: 'boolean', default: false },
    'serve-fixture': { type: 'boolean', default: false },
    'serve-seconds': { type: 'string', default: '3600' },
    phases: { type: 'string', default: 'static,browser,e2e' },
  },
});

function intFlag(name: keyof typeof values, min: number): number {
  const raw = String(values[name]);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be an integer >= ${min} (got '${raw}')`);
  return n;
}

const STATIC_PAGES = intFlag('static-pages', 1);
const JS_PAGES = intFlag('js-pages', 1);
const LATENCY_MS = intFlag('latency', 0);
const CONCURRENCY = intFlag('concurrency', 1);
const BROWSER_SIZE = intFlag('browser-size', 1);
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const round = (n: number, digits = 1) => Number(n.toFixed(digits));
// The machine is shared: the 1-minute load average says how much of it the bench really had.
const footprint = () => ({ peakRssMB: peakRssMB(), loadAvg: round(loadavg()[0]!) });

/** Runs fn over items with at most `limit` in flight. */
async function runPool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Wall seconds and the share of one core this process used over fn. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; cpuPct: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { value, seconds, cpuPct: Math.round(((cpu.user + cpu.system) / 1e6 / seconds) * 100) };
}

function requireChromium(): string {
  const path = findChromium(process.env);
  if (!path) throw new Error('No Chromium found: set CHROMIUM_PATH or install chromium-headless-shell');
  return path;
}

// ---------- default mode: the phases ----------

interface CallProbe {
  calls: number;
  ms: number;
  inFlight: number;
  maxInFlight: number;
}
const newProbe = (): CallProbe => ({ calls: 0, ms: 0, inFlight: 0, maxInFlight: 0 });

/** Wraps fn to count its calls, their total time and how many overlap. */
function probed<A extends unknown[], R>(fn: (...args: A) => Promise<R>, probe: CallProbe) {
  return async (...args: A): Promise<R> => {
    const t0 = performance.now();
    probe.maxInFlight = Math.max(probe.maxInFlight, ++probe.inFlight);
    try {
      return await fn(...args);
    } finally {
      probe.inFlight--;
      probe.calls++;
      probe.ms += performance.now() - t0;
    }
  };
}

async function measureStatic(urls: string[]) {
  const fetcher = createFetcher({ allowHosts: ['127.0.0.1'], globalConcurrency: 64, perHostConcurrency: 64 });
  const fetches = newProbe();
  const fetchText = probed(fetcher.fetchText, fetches);
  let found = 0;
  let extractMs = 0;
  const tiers: Record<string, number> = {};
  const run = await timed(() =>
    runPool(urls, 64, async (url) => {
      const page = await fetchText(url);
      const e0 = performance.now();
      const extraction = extractPage(page.body, page.finalUrl);
      extractMs += performance.now() - e0;
      tiers[extraction.tier] = (tiers[extraction.tier] ?? 0) + 1;
      if (extraction.postings.length > 0) found++;
    }),
  );
  fetcher.close();
  return {
    phase: 'static',
    pages: urls.length,
    postings: found,
    seconds: round(run.seconds, 2),
    pagesPerSec: Math.round(urls.length / run.seconds),
    fetchMsAvg: round(fetches.ms / fetches.calls),
    extractMsPerPage: round(extractMs / urls.length, 3),
    cpuPct: run.cpuPct,
    tiers,
    ...footprint(),
  };
}

async function measureBrowser(urls: string[], warmUrl: string, waitFor?: string) {
  const pool = createBrowserPool({
    size: BROWSER_SIZE,
    executablePath: requireChromium(),
    logger: silentLogger(),
  });
  try {
    const launch = await timed(() => pool.render(warmUrl)); // launch is paid once per process
    let found = 0;
    const run = await timed(() =>
      runPool(urls, BROWSER_SIZE, async (url) => {
        const rendered = await pool.render(url, waitFor ? { waitFor } : {});
        if (extractPage(rendered.html, url).postings.length > 0) found++;
      }),
    );
    return {
      phase: waitFor ? 'browser-waitFor' : 'browser',
      pages: urls.length,
      postings: found,
      poolSize: BROWSER_SIZE,
      ...(waitFor ? { waitFor } : {}),
      launchSeconds: round(launch.seconds, 2),
      seconds: round(run.seconds, 2),
      pagesPerSec: round(found / run.seconds),
      msPerPage: Math.round((run.seconds * 1000 * BROWSER_SIZE) / urls.length),
      cpuPct: run.cpuPct,
      pagesCreated: pool.stats().pagesCreated,
      ...footprint(),
    };
  } finally {
    await pool.close();
  }
}

/**
 * crawl_source through the real queue on in-memory PGlite. The crawler looks its fetcher's and
 * job store's methods up on the shared service objects at call time, so they can be timed here.
 * perHost sets CRAWL_PER_HOST_CONCURRENCY (default 4, polite to other people's sites).
 */
async function measureEndToEnd(listingUrl: string, variant: { perHost?: number; crawlOnly?: boolean } = {}) {
  const { perHost, crawlOnly } = variant;
  const config = loadConfig({
    CRAWL_ALLOW_HOSTS: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ...(perHost ? { CRAWL_PER_HOST_CONCURRENCY: String(perHost), CRAWL_CONCURRENCY: '64' } : {}),
  });
  const options = { schedule: false, dataDir: 'memory://', browser: null };
  const runtime = await createRuntime(config, silentLogger(), options);
  const { fetcher, jobStore } = runtime.services;
  const fetches = newProbe();
  const upserts = newProbe();
  fetcher.fetchText = probed(fetcher.fetchText, fetches);
  jobStore.upsert = probed(jobStore.upsert, upserts);
  try {
    // crawlOnly leaves the embed-jobs tasks that stored jobs enqueue waiting, to isolate their cost.
    if (crawlOnly) await startWorkers(runtime.queue, silentLogger(), { kinds: [CRAWL_SOURCE, CRAWL_PAGE] });
    else await runtime.startWorkers();
    const userId = await runtime.services.accounts.localUser();
    const tool = runtime.tools.require('crawl_source');
    const run = await timed(async () => {
      const out = (await callTool(tool, { source: listingUrl }, { userId })) as { taskId: string };
      const deps = { db: runtime.handle.db, queue: runtime.queue };
      return waitForCrawl(deps, out.taskId, { maxMs: 15 * 60_000 });
    });
    const [row] = await runtime.handle.db.select({ n: sql<number>`count(*)::int` }).from(jobs);
    const stored = Number(row?.n ?? 0);
    return {
      phase: `e2e${perHost ? `-perHost${perHost}` : ''}${crawlOnly ? '' : '+embed'}`,
      state: run.value?.state ?? 'unknown',
      pagesDone: run.value?.pagesDone ?? 0,
      jobs: stored,
      failed: run.value?.jobs.failed ?? 0,
      seconds: round(run.seconds, 2),
      jobsPerMin: Math.round((stored / run.seconds) * 60),
      perHostConcurrency: perHost ?? 4,
      maxFetchesInFlight: fetches.maxInFlight,
      fetchMsAvg: round(fetches.ms / Math.max(1, fetches.calls)),
      upsertMsAvg: round(upserts.ms / Math.max(1, upserts.calls)),
      upsertSharePct: Math.round((upserts.ms / 1000 / run.seconds) * 100),
      cpuPct: run.cpuPct,
      ...footprint(),
    };
  } finally {
    await runtime.close();
  }
}

/** The fixture in a child process; resolves with its base URL and a stop function. */
async function spawnFixture(): Promise<{ baseUrl: string; stop(): void }> {
  const flags = { 'static-pages': STATIC_PAGES, 'js-pages': JS_PAGES, latency: LATENCY_MS };
  const args = Object.entries(flags).flatMap(([name, value]) => [`--${name}`, String(value)]);
  const child = spawn(process.execPath, [import.meta.filename, '--serve-fixture', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fixture site exited early (code ${code})`)));
  });
  return { baseUrl: (JSON.parse(first) as { baseUrl: string }).baseUrl, stop: () => child.kill('SIGTERM') };
}

// phase (prefix) → the measured field, its unit and the issue's target
const TARGETS: Array<[string, string, string, number]> = [
  ['static', 'pagesPerSec', 'pages/s', 500],
  ['browser', 'pagesPerSec', 'pages/s', 12],
  ['e2e', 'jobsPerMin', 'jobs/min', 6000],
];

function printTable(rows: Array<Record<string, unknown>>): void {
  const cell = (name: string, measured: string, target: string, verdict: string) =>
    `${name.padEnd(24)} ${measured.padStart(16)}   ${target.padEnd(18)} ${verdict}`;
  const out = ['', cell('phase', 'measured', 'target', '')];
  for (const row of rows) {
    const phase = String(row.phase);
    const [, key, unit, min] = TARGETS.find(([prefix]) => phase.startsWith(prefix))!;
    const value = Number(row[key]);
    if (phase.endsWith('+embed')) out.push(cell(phase, `${value} ${unit}`, '(no target)', ''));
    else out.push(cell(phase, `${value} ${unit}`, `>= ${min} ${unit}`, value >= min ? 'ok' : 'MISSED'));
  }
  for (const row of rows) out.push(cell(`peak RSS after ${row.phase}`, `${row.peakRssMB} MB`, '', ''));
  console.log(out.join('\n'));
}

async function runDefault(): Promise<void> {
  const fixture = values['in-process']
    ? await startFixtureSite({ staticPages: STATIC_PAGES, jsPages: JS_PAGES, latencyMs: LATENCY_MS })
    : await spawnFixture();
  const site = fixtureSiteUrls(fixture.baseUrl, STATIC_PAGES, JS_PAGES);
  const stop = async () => ('close' in fixture ? fixture.close() : fixture.stop());
  const rows: Array<Record<string, unknown>> = [];
  const report = (row: Record<string, unknown>) => {
    rows.push(row);
    console.log(JSON.stringify(row));
  };
  try {
    log(
      `fixture site at ${site.baseUrl}: ${STATIC_PAGES} static + ${JS_PAGES} JS pages, ${LATENCY_MS} ms latency`,
    );
    const phases = new Set(String(values.phases).split(','));
    if (phases.has('static')) report(await measureStatic(site.staticJobUrls));
    if (phases.has('browser')) {
      report(await measureBrowser(site.jsJobUrls, site.jsListingUrl));
      report(await measureBrowser(site.jsJobUrls, site.jsListingUrl, 'script[type="application/ld+json"]'));
    }
    if (phases.has('e2e')) {
      // The issue's end to end: fetch → extract → normalise → dedup → store, with the default
      // politeness (4 requests per host at a time); then the same with embedding and matching
      // running alongside, which is what a live instance does (reported, no target).
      report(await measureEndToEnd(site.staticListingUrl, { crawlOnly: true }));
      report(await measureEndToEnd(site.staticListingUrl, { perHost: 64, crawlOnly: true }));
      report(await measureEndToEnd(site.staticListingUrl));
    }
  } finally {
    await stop();
  }
  printTable(rows);
}

// ---------- --url mode ----------

/** A Fetcher that reads pages through the browser, so discoverListing walks rendered listings. */
function renderingFetcher(pool: BrowserPool): Fetcher {
  return {
    async fetchText(url) {
      const rendered = await pool.render(url);
      return {
        url,
        finalUrl: rendered.finalUrl,
        status: rendered.status,
        contentType: 'text/html',
        body: rendered.html,
      };
    },
    async fetchJson() {
      throw new Error('the js mode reads HTML pages only');
    },
  };
}

async function runUrl(url: string, mode: string): Promise<void> {
  if (mode !== 'static' && mode !== 'js') throw new Error(`--mode must be 'static' or 'js' (got '${mode}')`);
  const allowHosts = values['allow-host'] ?? [];
  const fetcher = createFetcher({
    allowHosts,
    globalConcurrency: CONCURRENCY,
    perHostConcurrency: CONCURRENCY,
  });
  const guard = createSsrfGuard({ allowHosts });
  const pool =
    mode === 'js'
      ? createBrowserPool({
          size: BROWSER_SIZE,
          executablePath: requireChromium(),
          logger: silentLogger(),
          guard: (u) => guard.check(u),
        })
      : null;
  const reader = pool ? renderingFetcher(pool) : fetcher;
  const seen = new Set<string>();
  let pages = 0;
  let failed = 0;
  try {
    const run = await timed(async () => {
      const listing = await discoverListing(url, { fetcher: reader, browser: null, logger: silentLogger() });
      pages += listing.pagesRead;
      for (const posting of listing.postings) seen.add(posting.url);
      const links = listing.jobLinks.filter((link) => !seen.has(link));
      log(`${listing.pagesRead} listing pages, ${links.length} job links`);
      await runPool(links, pool ? BROWSER_SIZE : CONCURRENCY, async (link) => {
        try {
          const page = await reader.fetchText(link);
          pages++;
          for (const posting of extractPage(page.body, page.finalUrl).postings) seen.add(posting.url);
        } catch (error) {
          failed++;
          log(`failed ${link}: ${(error as Error).message}`);
        }
      });
    });
    if (failed > 0) log(`${failed} pages failed`);
    const seconds = round(run.seconds, 2);
    console.log(
      JSON.stringify({
        pages,
        jobs: seen.size,
        seconds,
        pagesPerSec: round(pages / run.seconds),
        peakRssMB: peakRssMB(),
      }),
    );
  } finally {
    fetcher.close();
    await pool?.close();
  }
}

async function serveFixture(): Promise<void> {
  const site = await startFixtureSite({
    staticPages: STATIC_PAGES,
    jsPages: JS_PAGES,
    latencyMs: LATENCY_MS,
  });
  console.log(
    JSON.stringify({
      baseUrl: site.baseUrl,
      staticListingUrl: site.staticListingUrl,
      jsListingUrl: site.jsListingUrl,
    }),
  );
  const stop = () => void site.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Never left serving forever if whoever started it forgets to stop it.
  setTimeout(stop, intFlag('serve-seconds', 1) * 1000).unref();
  await new Promise(() => {});
}

try {
  if (values['serve-fixture']) await serveFixture();
  else if (values.url) await runUrl(values.url, String(values.mode));
  else await runDefault();
  process.exit(0);
} catch (error) {
  log(`crawl bench failed: ${(error as Error).message}`);
  process.exit(1);
}
