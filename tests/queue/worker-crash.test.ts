import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { createPostgresDatabase, dropPostgresDatabase, testBackends } from '../helpers/db.ts';
import { effectCount } from '../helpers/queue.ts';

const WORKER = join(import.meta.dirname, '../fixtures/crash-worker.ts');

function startWorker(env: Record<string, string>): {
  child: ChildProcess;
  lines: string[];
  waitFor(re: RegExp): Promise<string>;
} {
  const child = spawn(process.execPath, [WORKER], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  const waiters: Array<{ re: RegExp; resolve: (line: string) => void }> = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      lines.push(line);
      for (const w of [...waiters]) if (w.re.test(line)) w.resolve(line);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return {
    child,
    lines,
    waitFor(re) {
      const seen = lines.find((l) => re.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${re} from worker; stderr: ${stderr.slice(-2000)}`)),
          30_000,
        );
        waiters.push({
          re,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        child.once('exit', (code) =>
          reject(new Error(`worker exited (${code}) before ${re}; stderr: ${stderr.slice(-2000)}`)),
        );
      });
    },
  };
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

describe.each(testBackends())('a worker killed mid-task on %s', (backend) => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children) c.kill('SIGKILL');
  });

  it('gets the task delivered again and completed once by a new worker', async () => {
    let dbEnv: Record<string, string>;
    let url: string | undefined;
    if (backend === 'postgres') {
      url = await createPostgresDatabase();
      dbEnv = { CRASH_DB_URL: url };
    } else {
      dbEnv = { CRASH_DATA_DIR: mkdtempSync(join(tmpdir(), 'jh-crash-')) };
    }
    try {
      const first = startWorker({ ...dbEnv, CRASH_MODE: 'hang', CRASH_ENQUEUE: 'k1' });
      children.push(first.child);
      const startedLine = await first.waitFor(/^started /);
      const taskId = startedLine.split(' ')[1];
      first.child.kill('SIGKILL');
      await exited(first.child);

      const second = startWorker({ ...dbEnv, CRASH_MODE: 'finish' });
      children.push(second.child);
      const done = await second.waitFor(new RegExp(`^completed ${taskId} `));
      expect(Number(done.split(' ')[2])).toBeGreaterThanOrEqual(1);
      second.child.kill('SIGTERM');
      await exited(second.child);

      const handle = await openDatabase({ databaseUrl: url, dataDir: dbEnv.CRASH_DATA_DIR });
      try {
        expect(await effectCount(handle, 'done:k1')).toBe(1);
      } finally {
        await handle.close();
      }
      expect(second.lines.filter((l) => l.startsWith('completed'))).toHaveLength(1);
    } finally {
      if (url) await dropPostgresDatabase(url);
    }
  });
});
