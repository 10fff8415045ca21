// /api/chat under load with the offline local model: a server process on a seeded PGlite (synthetic
// jobs with embeddings, a resume, a source), and a client here holding N connections busy with a
// mix of requests. Prints requests/s and time to first token (first text-delta in the stream) as
// one JSON line, then a table, with the CPU time per request of the server and of the client, the
// CPU time of one turn of each message run in the server process without HTTP (what the agents,
// the model and the database cost) and, for scale, that of one bare Mastra Agent.stream call. The
// server runs in a child process so the client's parsing does not share its event loop.
// --backend postgres runs the server on a fresh database on BENCH_DATABASE_URL / TEST_DATABASE_URL.
//   node bench/chat.ts [--requests 2000] [--concurrency 10] [--jobs 2000] [--backend pglite|postgres]
//                      [--mix mixed|light] [--cpu-prof DIR]
// --cpu-prof DIR writes a V8 CPU profile of the server process during the measured requests (not
// the seeding or warm-up) into DIR (open it in Chrome DevTools).
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChatService } from '../agents/chat.ts';
import { createRuntime } from '../cli/runtime.ts';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../config/logger.ts';
import { jobs } from '../db/schema.ts';
import { createApp } from '../server/app.ts';
import { createChatRoute } from '../server/chat.ts';
import { listen } from '../server/listen.ts';
import { createLocalEmbedder } from '../tools/match/local-embedder.ts';
import { createSkillExtractor } from '../tools/skills/extract.ts';
import { callTool } from '../tools/tool.ts';
import { positiveInt } from './args.ts';
import { freshPostgres } from './fresh-postgres.ts';
import { mastraStreamFloorMs } from './mastra-floor.ts';
import { createSyntheticJobs, embeddedJobRows } from './synthetic-jobs.ts';

const WARMUP = 50;
/** In-process turns per message: warm-up, then measured. */
const TURN_WARMUP = 30;
const TURN_RUNS = 200;
const BATCH = 500;

/**
 * `mixed`: what people send most — matches (with filters), help, sources, a job search.
 * `light`: turns whose tools are cheap, which shows the cost of the chat path itself.
 */
const MIXES: Record<string, string[]> = {
  mixed: [
    'show my matches',
    'show remote matches paying over 80k',
    'help',
    'list my sources',
    'find backend jobs in Berlin',
    'show my best matches in London',
  ],
  light: ['help', 'list my sources', 'what can you do?', 'show my profile'],
};

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '10' },
    jobs: { type: 'string', default: '2000' },
    backend: { type: 'string', default: 'pglite' },
    mix: { type: 'string', default: 'mixed' },
    /** Internal: run as the server process, on this database URL ('' for PGlite). */
    server: { type: 'boolean', default: false },
    'database-url': { type: 'string', default: '' },
    verbose: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string', default: '' },
  },
});
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The child: seed a database, serve /api/chat on loopback as the local user, report the URL. */
async function serve(jobCount: number, databaseUrl: string): Promise<void> {
  const config = loadConfig({
    LOG_LEVEL: values.verbose ? 'info' : 'error',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const logger = createLogger(config);
  const runtime = await createRuntime(config, logger, {
    schedule: false,
    dataDir: 'memory://',
    browser: null,
  });
  const extractor = createSkillExtractor();
  const embedder = createLocalEmbedder({ extractSkills: (text) => extractor.skills(text) });
  const gen = createSyntheticJobs(42);
  for (let start = 0; start < jobCount; start += BATCH) {
    const rows = embeddedJobRows(gen, embedder, start, Math.min(start + BATCH, jobCount));
    await runtime.handle.db.insert(jobs).values(rows);
  }
  const userId = await runtime.services.accounts.localUser();
  const call = (tool: string, args: unknown) => callTool(runtime.tools.require(tool), args, { userId });
  await call('upload_resume', { text: gen.seeker(0, 0).text });
  await call('add_source', { spec: 'greenhouse:acme' });
  const app = createApp({
    logger,
    metrics: runtime.metrics,
    health: [],
    routes: [
      {
        path: '/api/chat',
        app: createChatRoute({
          chat: runtime.chat,
          accounts: runtime.services.accounts,
          logger,
          host: '127.0.0.1',
        }),
      },
    ],
  });
  const server = await listen(app, '127.0.0.1', 0);
  // The parent marks the measured phase: the server reports its CPU time over it (and, with
  // --cpu-prof, a profile of it).
  const profiler = new Session();
  let cpuAtStart = process.cpuUsage();
  process.on('message', (m: { phase?: Phase; dir?: string; messages?: string[] }) => {
    void (async () => {
      if (m.phase === 'turns') {
        process.send?.({ turnCpuMs: await turnCosts(runtime.chat, userId, m.messages ?? []) });
      } else if (m.phase === 'start') {
        cpuAtStart = process.cpuUsage();
        if (m.dir) {
          profiler.connect();
          await profiler.post('Profiler.enable');
          await profiler.post('Profiler.start');
        }
      } else if (m.phase === 'stop') {
        const cpu = process.cpuUsage(cpuAtStart);
        process.send?.({ serverCpuMs: (cpu.user + cpu.system) / 1000 });
        if (m.dir) {
          const { profile } = await profiler.post('Profiler.stop');
          mkdirSync(m.dir, { recursive: true });
          const file = join(m.dir, `chat-${Date.now()}.cpuprofile`);
          writeFileSync(file, JSON.stringify(profile));
          process.send?.({ profileFile: file });
        }
      }
      process.send?.({ marked: m.phase });
    })();
  });
  process.send?.({ url: server.url });
  process.on('disconnect', () => {
    void server.close().then(() => runtime.close().finally(() => process.exit(0)));
  });
}

type Phase = 'start' | 'stop' | 'turns';

/**
 * The CPU time of one chat turn for each message, run in this process with no HTTP around it:
 * what the agents, the model and the database cost, and so the most turns per second one core
 * can answer.
 */
async function turnCosts(chat: ChatService, userId: string, messages: string[]) {
  const out: Record<string, number> = {};
  for (const message of messages) {
    const turn = async () => {
      const started = await chat.chat({ userId, message });
      for await (const _ of started.events);
    };
    for (let i = 0; i < TURN_WARMUP; i++) await turn();
    const start = process.cpuUsage();
    for (let i = 0; i < TURN_RUNS; i++) await turn();
    const used = process.cpuUsage(start);
    out[message] = Math.round(((used.user + used.system) / 1000 / TURN_RUNS) * 100) / 100;
  }
  return out;
}

interface Sample {
  ttftMs: number;
  totalMs: number;
  ok: boolean;
}

/**
 * One POST /api/chat over a kept-alive connection, read to the end; the time to the first
 * text-delta and to the end. Plain node:http rather than fetch: the client should spend as
 * little of the machine's CPU as it can (fetch costs about three times as much per request).
 */
function one(agent: Agent, url: URL, message: string): Promise<Sample> {
  const started = performance.now();
  const body = JSON.stringify({ message });
  return new Promise((resolve) => {
    let ttftMs = Number.NaN;
    let ok = true;
    let tail = '';
    const finish = () =>
      resolve({ ttftMs, totalMs: performance.now() - started, ok: ok && !Number.isNaN(ttftMs) });
    const req = request(
      url,
      {
        agent,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        ok = res.statusCode === 200;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          // The marker may straddle two chunks: keep the end of the previous one.
          const text = tail + chunk;
          if (Number.isNaN(ttftMs) && text.includes('"type":"text-delta"'))
            ttftMs = performance.now() - started;
          if (text.includes('"type":"error"')) ok = false;
          tail = chunk.slice(-32);
        });
        res.on('end', finish);
        res.on('error', () => {
          ok = false;
          finish();
        });
      },
    );
    req.on('error', () => {
      ok = false;
      finish();
    });
    req.end(body);
  });
}

async function load(
  url: string,
  messages: string[],
  total: number,
  concurrency: number,
): Promise<{ samples: Sample[]; seconds: number }> {
  let next = 0;
  const samples: Sample[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const endpoint = new URL('/api/chat', url);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        samples.push(await one(agent, endpoint, messages[i % messages.length]!));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { samples, seconds };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (n: number) => Math.round(n * 10) / 10;

if (values.server) {
  await serve(positiveInt('jobs', values.jobs), values['database-url']);
} else {
  const requests = positiveInt('requests', values.requests);
  const concurrency = positiveInt('concurrency', values.concurrency);
  const jobCount = positiveInt('jobs', values.jobs);
  if (!['pglite', 'postgres'].includes(values.backend)) {
    throw new Error(`--backend must be pglite or postgres, got '${values.backend}'`);
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (values.backend === 'postgres' && !adminUrl) {
    throw new Error('--backend postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
  }
  const messages = MIXES[values.mix];
  if (!messages) throw new Error(`--mix must be ${Object.keys(MIXES).join(' or ')}, got '${values.mix}'`);
  const database = values.backend === 'postgres' ? await freshPostgres(adminUrl!) : null;
  log(`seeding ${jobCount} jobs on ${values.backend} and starting the server…`);
  const child = fork(
    import.meta.filename,
    [
      '--server',
      '--jobs',
      String(jobCount),
      '--database-url',
      database?.url ?? '',
      ...(values.verbose ? ['--verbose'] : []),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const profileDir = values['cpu-prof'];
  let serverCpuMs = Number.NaN;
  let turnCpuMs: Record<string, number> = {};
  const mark = (phase: Phase) =>
    new Promise<void>((resolve) => {
      const onMessage = (m: {
        marked?: string;
        profileFile?: string;
        serverCpuMs?: number;
        turnCpuMs?: Record<string, number>;
      }) => {
        if (m.profileFile) log(`CPU profile of the server: ${m.profileFile}`);
        if (m.serverCpuMs !== undefined) serverCpuMs = m.serverCpuMs;
        if (m.turnCpuMs) turnCpuMs = m.turnCpuMs;
        if (m.marked !== phase) return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      child.send({ phase, messages, ...(profileDir && phase !== 'turns' ? { dir: profileDir } : {}) });
    });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the server process exited (${code}) before listening`)));
  });
  try {
    log(`warming up with ${WARMUP} requests against ${url}`);
    await load(url, messages, WARMUP, concurrency);
    log(`${requests} requests, ${concurrency} at a time`);
    await mark('start');
    const clientCpu0 = process.cpuUsage();
    const { samples, seconds } = await load(url, messages, requests, concurrency);
    const clientCpu = process.cpuUsage(clientCpu0);
    await mark('stop');
    log('timing one turn of each message in the server process, without HTTP');
    await mark('turns');
    const turnMean = messages.reduce((sum, m) => sum + (turnCpuMs[m] ?? Number.NaN), 0) / messages.length;
    const floorMs = await mastraStreamFloorMs();
    const ttft = samples
      .filter((s) => s.ok)
      .map((s) => s.ttftMs)
      .sort((a, b) => a - b);
    const totals = samples.map((s) => s.totalMs).sort((a, b) => a - b);
    const result = {
      bench: 'chat',
      model: 'local',
      backend: values.backend,
      mix: values.mix,
      jobs: jobCount,
      requests,
      concurrency,
      failed: samples.filter((s) => !s.ok).length,
      requestsPerSec: round(requests / seconds),
      ttftP50Ms: round(percentile(ttft, 50)),
      ttftP95Ms: round(percentile(ttft, 95)),
      totalP50Ms: round(percentile(totals, 50)),
      totalP95Ms: round(percentile(totals, 95)),
      /** CPU time per request: of the server process, and of this client. */
      serverCpuMsPerRequest: Math.round((serverCpuMs / requests) * 100) / 100,
      /** CPU time of one turn per message in the server process, without HTTP. */
      turnCpuMs,
      /** The most turns per second one core could answer at the mix's mean in-process cost. */
      turnsPerCoreSecond: round(1000 / turnMean),
      /** One bare Mastra Agent.stream call (no tools, instant model), for scale. */
      mastraStreamCpuMs: Math.round(floorMs * 100) / 100,
      clientCpuMsPerRequest: Math.round(((clientCpu.user + clientCpu.system) / 1000 / requests) * 100) / 100,
      load1: round(loadavg()[0]!),
    };
    console.log(JSON.stringify(result));
    console.log('\ntargets: ≥ 200 requests/s at 10 connections, first token p50 ≤ 50 ms');
    console.log(
      'backend/mix      requests  conc  failed   req/s  ttft p50  ttft p95  total p50  total p95  server cpu/req',
    );
    console.log(
      `${values.backend}/${values.mix}`.padEnd(15) +
        [
          result.requests,
          result.concurrency,
          result.failed,
          result.requestsPerSec,
          result.ttftP50Ms,
          result.ttftP95Ms,
          result.totalP50Ms,
          result.totalP95Ms,
          `${result.serverCpuMsPerRequest} ms`,
        ]
          .map((c, i) => String(c).padStart([10, 6, 8, 8, 10, 10, 11, 11, 16][i]!))
          .join(''),
    );
    console.log('\none turn in the server process, without HTTP (CPU ms):');
    for (const m of messages) console.log(`  ${m.padEnd(40)}${String(turnCpuMs[m]).padStart(8)}`);
    console.log(
      `  mean ${round(turnMean)} ms: at most ${result.turnsPerCoreSecond} turns/s on one core before any HTTP`,
    );
    console.log(
      `one bare Mastra Agent.stream call: ${result.mastraStreamCpuMs} ms CPU; a delegated turn makes two, each with two model steps`,
    );
  } finally {
    child.disconnect();
    await new Promise((resolve) => child.once('exit', resolve));
    await database?.drop();
  }
}
