// Match retrieval at scale: loads N synthetic jobs into PGlite and (when BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set) into a fresh PostgreSQL database, times the production hybrid retrieval
// under realistic hard filters, and measures the HNSW recall@10 against an exact scan with the same
// filters. Prints one JSON line per backend, then a table.
//   node bench/match.ts [--jobs 100000] [--queries 50] [--backend both|pglite|postgres] [--verbose]
//                       [--keep-db] [--reuse-db <postgres url of a database a --keep-db run kept>]
//                       [--warmup 100]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type DbHandle, migrateDatabase, openDatabase, redactUrl } from '../db/client.ts';
import { jobs } from '../db/schema.ts';
import { jobEmbeddingText, toVectorLiteral } from '../tools/match/embed-text.ts';
import { createLocalEmbedder, type LocalEmbedder } from '../tools/match/local-embedder.ts';
import { type HardFilters, hardFilterSql, retrieveCandidates, roleText } from '../tools/match/retrieve.ts';
import { createSkillExtractor } from '../tools/skills/extract.ts';
import { positiveInt } from './args.ts';
import { freshPostgres } from './fresh-postgres.ts';
import { createSyntheticJobs, embeddedJobRows, type SyntheticJobs, seededRandom } from './synthetic-jobs.ts';

const BATCH = 500;
const K = 10;
const EMBED_SAMPLE = 5000;
// HNSW builds crawl once the graph outgrows maintenance_work_mem (64MB by default); 100k × 384-dim
// needs a few hundred MB. Session-only: the index definition is the migration's.
const BUILD_MEM = { postgres: '1GB', pglite: '512MB' } as const;

interface Query {
  vector: number[];
  text: string;
  filters: HardFilters;
  label: string;
}

type Result = Awaited<ReturnType<typeof run>>;

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '50' },
    backend: { type: 'string', default: 'both' },
    seed: { type: 'string', default: '42' },
    verbose: { type: 'boolean', default: false },
    'keep-db': { type: 'boolean', default: false },
    'reuse-db': { type: 'string', default: '' },
    warmup: { type: 'string', default: '100' },
  },
});
const JOBS = positiveInt('jobs', values.jobs);
const QUERIES = positiveInt('queries', values.queries);
const SEED = positiveInt('seed', values.seed);
/**
 * Other queries run first, as on a server that has been answering for a while: a new Postgres
 * connection pays page faults on every shared buffer it touches for the first time, which makes
 * its first few dozen queries several times slower. `--warmup 0` measures that cold start.
 */
const WARMUP = Number.parseInt(values.warmup, 10);
if (!Number.isInteger(WARMUP) || WARMUP < 0)
  throw new Error(`--warmup must be 0 or more, got '${values.warmup}'`);
if (!['both', 'pglite', 'postgres'].includes(values.backend)) {
  throw new Error(`--backend must be both, pglite or postgres, got '${values.backend}'`);
}
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Drops the HNSW index, inserts the jobs in multi-row batches with vectors, then rebuilds the index. */
async function load(handle: DbHandle, gen: SyntheticJobs, embedder: LocalEmbedder) {
  const { db } = handle;
  await db.execute(sql`drop index if exists jobs_embedding_hnsw`);
  const t0 = performance.now();
  for (let start = 0; start < JOBS; start += BATCH) {
    const rows = embeddedJobRows(gen, embedder, start, Math.min(start + BATCH, JOBS));
    await db.insert(jobs).values(rows);
    if ((start / BATCH) % 40 === 39) log(`  ${handle.kind}: loaded ${start + rows.length} jobs`);
  }
  const t1 = performance.now();
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local maintenance_work_mem = '${BUILD_MEM[handle.kind]}'`));
    await tx.execute(sql`create index jobs_embedding_hnsw on jobs using hnsw (embedding vector_cosine_ops)`);
  });
  // A live database is vacuumed by autovacuum; after a bulk load, do it now (GIN pending lists, stats).
  await db.execute(sql`vacuum analyze jobs, job_titles`);
  const t2 = performance.now();
  return {
    loadJobsPerSec: Math.round(JOBS / ((t1 - t0) / 1000)),
    indexSeconds: Number(((t2 - t1) / 1000).toFixed(1)),
  };
}

/** Filters in the HardFilters shape, drawn so that every kind appears alone and in combination. */
function randomFilters(gen: SyntheticJobs, rnd: () => number): HardFilters {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const some = <T>(xs: readonly T[], max: number) =>
    Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(xs));
  const r = rnd();
  const remote = r < 0.25 ? 'remote' : r < 0.35 ? 'hybrid' : 'any';
  let locations: string[] = [];
  if (remote !== 'remote' && rnd() < 0.6) {
    locations =
      rnd() < 0.5 ? some(gen.places, 2).map((p) => p.countryName) : some(gen.places, 3).map((p) => p.city);
  }
  const seniorityChoices = [
    ['junior', 'mid'],
    ['mid', 'senior'],
    ['senior', 'staff', 'principal'],
    ['lead', 'manager'],
  ];
  return {
    remote,
    locations: [...new Set(locations)],
    minSalaryUsdYear: rnd() < 0.4 ? 60_000 + 10_000 * Math.floor(rnd() * 10) : null,
    needsSponsorship: false,
    seniority: rnd() < 0.5 ? pick(seniorityChoices) : [],
    employmentTypes: rnd() < 0.2 ? ['full_time'] : [],
    excludedCompanies: rnd() < 0.3 ? some(gen.companies, 3) : [],
    excludedKeywords: [],
  };
}

function describeFilters(f: HardFilters): string {
  const parts = [
    f.remote !== 'any' ? f.remote : '',
    f.locations.join('/'),
    f.minSalaryUsdYear ? `≥$${f.minSalaryUsdYear / 1000}k` : '',
  ];
  parts.push(
    f.seniority.join('/'),
    f.employmentTypes.join('/'),
    f.excludedCompanies.length ? `-${f.excludedCompanies.length} cos` : '',
  );
  return parts.filter(Boolean).join(' ') || 'none';
}

/** Synthetic seekers, one role family after another, each with a resume-like text and random filters. */
function makeQueries(gen: SyntheticJobs, embedder: LocalEmbedder, count: number): Query[] {
  const rnd = seededRandom(SEED ^ 0xf17e4);
  return Array.from({ length: count }, (_, i) => {
    const seeker = gen.seeker(i % gen.families.length, i);
    return {
      vector: embedder.embedText(seeker.text),
      text: roleText([], seeker.titles),
      filters: randomFilters(gen, rnd),
      label: gen.families[seeker.family]!.titles[0]!,
    };
  });
}

/** The true top k under the same filters: `+ 0` keeps the planner off the HNSW index. */
async function exactTopK(handle: DbHandle, query: Query) {
  const where = sql.join(hardFilterSql(query.filters), sql` and `);
  const q = toVectorLiteral(query.vector);
  const top = await handle.db.execute<{ id: string }>(
    sql`select j.id from jobs j where ${where} order by (j.embedding <=> ${q}::vector) + 0 limit ${K}`,
  );
  const count = await handle.db.execute<{ n: number }>(
    sql`select count(*)::int as n from jobs j where ${where}`,
  );
  return { ids: top.rows.map((r) => r.id), matching: Number(count.rows[0]?.n ?? 0) };
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return [percentile(sorted, 50), percentile(sorted, 95)].map((x) => Number(x.toFixed(2))) as [
    number,
    number,
  ];
};

/**
 * Times the production call, and the same call with no text (which skips the full-text leg) to
 * split the vector leg out; recall is taken from the vector leg against the exact scan. The exact
 * scans run after every timed query: each one reads every stored vector, which would evict the
 * index from the buffer cache before the next timed query (no real workload scans like that).
 */
async function measure(handle: DbHandle, queries: Query[], warmups: Query[]) {
  for (const query of warmups) await retrieveCandidates(handle.db, { ...query, k: K });
  const full: number[] = [];
  const vectorOnly: number[] = [];
  const found: string[][] = [];
  for (const query of queries) {
    let t0 = performance.now();
    await retrieveCandidates(handle.db, { ...query, k: K });
    full.push(performance.now() - t0);
    t0 = performance.now();
    const candidates = await retrieveCandidates(handle.db, { ...query, text: '', k: K });
    vectorOnly.push(performance.now() - t0);
    found.push(candidates.filter((c) => c.vectorRank !== null).map((c) => c.jobId));
  }
  const recalls: number[] = [];
  for (const [i, query] of queries.entries()) {
    const approx = found[i]!;
    const exact = await exactTopK(handle, query);
    const hits = exact.ids.filter((id) => approx.includes(id)).length;
    if (exact.ids.length > 0) recalls.push(hits / exact.ids.length);
    if (values.verbose) {
      const recall = exact.ids.length ? (hits / exact.ids.length).toFixed(2) : '-';
      const times = `${full[i]!.toFixed(1).padStart(7)} ms (vector ${vectorOnly[i]!.toFixed(1)} ms)`;
      log(
        `  ${times}  recall ${recall}  vector hits ${approx.length}/${K}  matching ${exact.matching}  ${query.label}; ${describeFilters(query.filters)}`,
      );
    }
  }
  const [p50Ms, p95Ms] = stats(full);
  const [vectorP50Ms, vectorP95Ms] = stats(vectorOnly);
  const recallAt10 = Number((recalls.reduce((s, r) => s + r, 0) / Math.max(1, recalls.length)).toFixed(3));
  return { p50Ms, p95Ms, recallAt10, vectorP50Ms, vectorP95Ms };
}

/** The local embedder alone on job texts, after a short warm-up so the JIT has settled. */
function embeddingsPerSec(gen: SyntheticJobs, embedder: LocalEmbedder): number {
  const texts = Array.from({ length: EMBED_SAMPLE + 500 }, (_, i) => {
    const job = gen.job(JOBS + i);
    return jobEmbeddingText({ ...job, skills: job.skills ?? [] });
  });
  for (const text of texts.slice(EMBED_SAMPLE)) embedder.embedText(text);
  const t0 = performance.now();
  for (const text of texts.slice(0, EMBED_SAMPLE)) embedder.embedText(text);
  return Math.round(EMBED_SAMPLE / ((performance.now() - t0) / 1000));
}

async function run(backend: 'pglite' | 'postgres', handle: DbHandle, queries: Query[], reuse = false) {
  await migrateDatabase(handle);
  if (reuse) {
    const [row] = (await handle.db.execute<{ n: number }>(sql`select count(*)::int as n from jobs`)).rows;
    if (Number(row?.n) !== JOBS) throw new Error(`--reuse-db holds ${row?.n} jobs, not ${JOBS}`);
  }
  log(
    `${backend}: loading ${JOBS} jobs (load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  const loaded = reuse ? { loadJobsPerSec: 0, indexSeconds: 0 } : await load(handle, gen, embedder);
  log(
    `${backend}: ${loaded.loadJobsPerSec} jobs/s, index ${loaded.indexSeconds}s; ${WARMUP} warm-up queries, then ${QUERIES} timed`,
  );
  const { vectorP50Ms, vectorP95Ms, ...timing } = await measure(
    handle,
    queries.slice(0, QUERIES),
    queries.slice(QUERIES),
  );
  log(
    `${backend}: done (load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  return {
    backend,
    jobs: JOBS,
    ...loaded,
    queries: QUERIES,
    warmupQueries: WARMUP,
    ...timing,
    embeddingsPerSec: perSec,
    vectorP50Ms,
    vectorP95Ms,
  };
}

const extractor = createSkillExtractor();
const embedder = createLocalEmbedder({ extractSkills: (text) => extractor.skills(text) });
const gen = createSyntheticJobs(SEED);
const queries = makeQueries(gen, embedder, QUERIES + WARMUP);
const perSec = embeddingsPerSec(gen, embedder);
const results: Result[] = [];
if (values.backend !== 'postgres' && !values['reuse-db']) {
  const handle = await openDatabase({ dataDir: 'memory://' });
  await run('pglite', handle, queries)
    .then((r) => results.push(r))
    .finally(() => handle.close());
}
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (values.backend !== 'pglite' && !pgUrl)
  log('postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
if (values['reuse-db']) {
  // Measures again on a database a --keep-db run loaded (same --jobs and --seed), skipping the load.
  const handle = await openDatabase({ databaseUrl: values['reuse-db'] });
  await run('postgres', handle, queries, true)
    .then((r) => results.push(r))
    .finally(() => handle.close());
} else if (values.backend !== 'pglite' && pgUrl) {
  const fresh = await freshPostgres(pgUrl);
  log(`postgres: using ${redactUrl(fresh.url)}`);
  try {
    const handle = await openDatabase({ databaseUrl: fresh.url });
    await run('postgres', handle, queries)
      .then((r) => results.push(r))
      .finally(() => handle.close());
  } finally {
    if (values['keep-db']) log(`postgres: kept ${redactUrl(fresh.url)}`);
    else await fresh.drop();
  }
}
for (const r of results) console.log(JSON.stringify(r));
console.log('\ntargets: postgres p50 ≤ 10 ms, p95 ≤ 25 ms, recall@10 ≥ 0.95; pglite p50 ≤ 25 ms');
console.log(
  'backend      jobs   load/s  index s  queries   p50 ms   p95 ms  recall@10   embed/s  vec p50  vec p95',
);
for (const r of results) {
  const cells = [r.jobs, r.loadJobsPerSec, r.indexSeconds, r.queries, r.p50Ms, r.p95Ms, r.recallAt10];
  const widths = [7, 8, 8, 8, 8, 8, 10, 9, 8, 8];
  const row = [...cells, r.embeddingsPerSec, r.vectorP50Ms, r.vectorP95Ms].map((c, i) =>
    String(c).padStart(widths[i]! + 1),
  );
  console.log(`${r.backend.padEnd(9)}${row.join('')}`);
}
