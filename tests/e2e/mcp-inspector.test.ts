import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../config/logger.ts';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { profiles } from '../../db/schema.ts';
import { createDbResourceProvider } from '../../mcp-server/resources.ts';
import { createApp } from '../../server/app.ts';
import { listen, type RunningServer } from '../../server/listen.ts';
import { createMcpRoute, type McpRoute } from '../../server/mcp.ts';
import { createMetrics } from '../../server/metrics.ts';
import { createAccounts } from '../../tools/users/accounts.ts';
import { createJobhoundFixture, insertJob, type JobhoundFixture } from '../mcp-server/jobhound-fixture.ts';

const ROOT = join(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'cli/main.ts');
const INSPECTOR = join(ROOT, 'node_modules/.bin/mcp-inspector');
const run = promisify(execFile);
const STARTUP_MS = 120_000;
const SLOW = STARTUP_MS + 60_000;

/** Runs the Inspector CLI; `--cli` has to come first. Returns its parsed JSON answer. */
async function inspector(args: string[], cwd: string): Promise<unknown> {
  // A cold start (embedded database, migrations, queue) on a busy 2-core machine can pass 15 s.
  const { stdout } = await run(INSPECTOR, ['--cli', ...args, '--connect-timeout', String(STARTUP_MS)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, MCP_CATALOG_PATH: join(cwd, 'catalog.json') },
    timeout: STARTUP_MS + 30_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

describe('the MCP Inspector against jobhound mcp over stdio', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jh-mcp-stdio-'));
  const jobId = randomUUID();
  const stdio = ['node', MAIN, 'mcp', '-e', `DATA_DIR=${dataDir}`, '-e', 'LOG_LEVEL=warn', '--cwd', dataDir];

  beforeAll(async () => {
    // The same embedded database the CLI will open: one job and the local user's profile.
    const handle = await openDatabase({ dataDir });
    try {
      await migrateDatabase(handle);
      await insertJob(handle.db, {
        id: jobId,
        title: 'Backend Engineer',
        company: 'Inspector Labs',
        description: 'Write TypeScript services.',
        skills: ['typescript'],
        remote: 'remote',
      });
      const userId = await createAccounts(handle.db).localUser();
      await handle.db.insert(profiles).values({ userId, roles: ['backend engineer'], remote: 'remote' });
    } finally {
      await handle.close();
    }
  }, 60_000);

  it(
    'lists search_jobs among the tools',
    async () => {
      const out = (await inspector([...stdio, '--method', 'tools/list'], dataDir)) as {
        tools: Array<{ name: string }>;
      };
      expect(out.tools.map((t) => t.name)).toContain('search_jobs');
    },
    SLOW,
  );

  it(
    'calls search_jobs and finds the stored job',
    async () => {
      const out = (await inspector(
        [...stdio, '--method', 'tools/call', '--tool-name', 'search_jobs', '--tool-arg', 'query=engineer'],
        dataDir,
      )) as {
        structuredContent: { total: number; jobs: Array<{ id: string }> };
        content: Array<{ text: string }>;
      };
      expect(out.structuredContent.jobs.map((j) => j.id)).toEqual([jobId]);
      expect(out.content[0]!.text).toMatch(/Backend Engineer — Inspector Labs/);
    },
    SLOW,
  );

  it(
    "reads the local user's profile and a job as resources",
    async () => {
      const profile = (await inspector(
        [...stdio, '--method', 'resources/read', '--uri', 'jobhound://profile'],
        dataDir,
      )) as {
        contents: Array<{ text: string }>;
      };
      expect(JSON.parse(profile.contents[0]!.text)).toMatchObject({
        roles: ['backend engineer'],
        remote: 'remote',
      });
      const job = (await inspector(
        [...stdio, '--method', 'resources/read', '--uri', `jobhound://jobs/${jobId}`],
        dataDir,
      )) as {
        contents: Array<{ text: string; mimeType: string }>;
      };
      expect(job.contents[0]!.mimeType).toBe('application/json');
      expect(JSON.parse(job.contents[0]!.text)).toMatchObject({ id: jobId, company: 'Inspector Labs' });
    },
    2 * SLOW,
  );
});

describe('jobhound mcp', () => {
  it(
    'stops with a one-line error when JOBHOUND_TOKEN is not a valid token',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'jh-mcp-token-'));
      const failed = run(process.execPath, [MAIN, 'mcp'], {
        cwd: dataDir,
        env: {
          PATH: process.env.PATH ?? '',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'silent',
          JOBHOUND_TOKEN: 'jh_wrong',
        },
        timeout: STARTUP_MS,
      });
      await expect(failed).rejects.toMatchObject({
        code: 1,
        stdout: '',
        stderr: expect.stringMatching(/^jobhound: the API token given in JOBHOUND_TOKEN is not valid.*\n$/),
      });
    },
    SLOW,
  );
});

describe('the MCP Inspector against /mcp over HTTP', () => {
  let fx: JobhoundFixture;
  let route: McpRoute;
  let running: RunningServer;
  let token: string;
  const cwd = mkdtempSync(join(tmpdir(), 'jh-mcp-http-'));

  beforeAll(async () => {
    fx = await createJobhoundFixture();
    const accounts = createAccounts(fx.db);
    token = await accounts.issueToken((await accounts.createUser('inspector')).id);
    route = createMcpRoute({
      registryFor: () => fx.registry,
      resources: createDbResourceProvider(fx.db),
      accounts,
      logger: silentLogger(),
      host: '127.0.0.1',
    });
    const app = createApp({
      logger: silentLogger(),
      metrics: createMetrics(),
      health: [],
      routes: [{ path: '/mcp', app: route }],
    });
    running = await listen(app, '127.0.0.1', 0);
  }, 60_000);

  afterAll(async () => {
    await route?.closeSessions();
    await running?.close();
    await fx?.close();
  });

  const http = () => [
    `${running.url}/mcp`,
    '--transport',
    'http',
    '--header',
    `Authorization: Bearer ${token}`,
  ];

  it(
    'lists and calls the tools with a bearer token',
    async () => {
      const list = (await inspector([...http(), '--method', 'tools/list'], cwd)) as {
        tools: Array<{ name: string }>;
      };
      expect(list.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['search_jobs', 'get_job']));
      const call = (await inspector(
        [
          ...http(),
          '--method',
          'tools/call',
          '--tool-name',
          'get_job',
          '--tool-arg',
          `jobId=${fx.jobIds.designer}`,
        ],
        cwd,
      )) as { structuredContent: { title: string } };
      expect(call.structuredContent.title).toBe('Product Designer');
    },
    SLOW,
  );

  it(
    'is refused without the token',
    async () => {
      await expect(
        inspector([`${running.url}/mcp`, '--transport', 'http', '--method', 'tools/list'], cwd),
      ).rejects.toThrow();
    },
    SLOW,
  );
});
