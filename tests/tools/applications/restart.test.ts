import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../config/config.ts';
import { silentLogger } from '../../../config/logger.ts';
import { type DbHandle, migrateDatabase, openDatabase } from '../../../db/client.ts';
import type { TaskQueue } from '../../../queue/manager.ts';
import { pendingApprovals } from '../../../tools/applications/approve.ts';
import { createApplicationTasks } from '../../../tools/applications/reminder-task.ts';
import { createSubmitApplicationTool } from '../../../tools/applications/submit-application.ts';
import type { SubmitRequest } from '../../../tools/applications/submitter.ts';
import { createToolRegistry } from '../../../tools/index.ts';
import { createServices, type Services } from '../../../tools/services.ts';
import { callTool, type ToolRegistry } from '../../../tools/tool.ts';
import { createAccounts } from '../../../tools/users/accounts.ts';
import { createPostgresDatabase, dropPostgresDatabase } from '../../helpers/db.ts';
import { startTestQueue } from '../../helpers/queue.ts';
import { insertJob } from '../../mcp-server/jobhound-fixture.ts';
import { PRIYA } from '../review/review-fixture.ts';
import { ANSWERS } from './applications-fixture.ts';

// A real restart between preparation and approval: every process part is closed and opened again
// on the same database (PGlite files on disk, or a Postgres database when TEST_DATABASE_URL is set).

vi.mock('../../../tools/crawl/browser-pool.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../tools/crawl/browser-pool.ts')>()),
  findChromium: () => null,
}));

const dir = mkdtempSync(join(tmpdir(), 'jobhound-restart-'));
let postgresUrl: string | undefined;
afterAll(async () => {
  if (postgresUrl) await dropPostgresDatabase(postgresUrl);
  rmSync(dir, { recursive: true, force: true });
});

/** One process's worth of Jobhound: database, queue, services and tools. */
async function start(): Promise<{
  handle: DbHandle;
  queue: TaskQueue;
  services: Services;
  tools: ToolRegistry;
  stop(): Promise<void>;
}> {
  const handle = await openDatabase(
    postgresUrl ? { databaseUrl: postgresUrl, poolMax: 5 } : { dataDir: dir },
  );
  await migrateDatabase(handle);
  const db = handle.db;
  const queue = await startTestQueue(handle, createApplicationTasks({ db }).tasks);
  const config = loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent' });
  const services = createServices({ config, logger: silentLogger(), db, browser: null });
  return {
    handle,
    queue,
    services,
    tools: createToolRegistry({ ...services, queue }),
    async stop() {
      await services.close();
      await queue.stop({ graceful: false, timeoutMs: 1000 }).catch(() => {});
      await handle.close();
    },
  };
}

describe('a restart while a package awaits approval', () => {
  it('loses nothing: the approval is still waiting afterwards, and approving and submitting work', async () => {
    if (process.env.TEST_DATABASE_URL) postgresUrl = await createPostgresDatabase();
    const jobId = randomUUID();
    const before = await start();
    const userId = (await createAccounts(before.handle.db).createUser('restart')).id;
    await insertJob(before.handle.db, {
      id: jobId,
      title: 'Senior Backend Engineer',
      company: 'Acme Robotics',
      description: 'Requirements\n- Kubernetes\n- PostgreSQL',
      skills: ['kubernetes', 'postgresql'],
      remote: 'remote',
    });
    const call = (tools: ToolRegistry, id: string, args: unknown) =>
      callTool(tools.require(id), args, { userId }) as Promise<Record<string, unknown>>;
    await before.services.resumes.add(userId, { kind: 'text', text: PRIYA, name: 'priya.txt' });
    await call(before.tools, 'save_answers', { answers: ANSWERS });
    const prepared = await call(before.tools, 'prepare_application', { jobId });
    expect(prepared.status).toBe('ready');
    await before.stop();

    const after = await start();
    try {
      const waiting = await pendingApprovals(after.handle.db, userId);
      expect(waiting.map((w) => [w.approvalId, w.applicationId])).toEqual([
        [prepared.approvalId, prepared.applicationId],
      ]);
      const approved = await call(after.tools, 'approve_application', { approvalId: prepared.approvalId });
      expect(approved.valuesHash).toBe(prepared.valuesHash);
      const sent: SubmitRequest[] = [];
      const submit = createSubmitApplicationTool({
        db: after.handle.db,
        queue: after.queue,
        logger: after.services.logger,
        config: after.services.config,
        submitter: {
          async submit(request) {
            sent.push(request);
            return { outcome: 'submitted', url: 'https://jobs.example.com/apply', message: 'sent' };
          },
        },
      });
      const out = (await callTool(submit, { approvalId: prepared.approvalId }, { userId })) as {
        outcome: string;
        status: string;
      };
      expect(out).toMatchObject({ outcome: 'submitted', status: 'applied' });
      expect(sent.map((r) => r.package.valuesHash)).toEqual([prepared.valuesHash]);
    } finally {
      await after.stop();
    }
  }, 120_000);
});
