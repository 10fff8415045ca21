import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../cli/runtime.ts';
import { loadConfig } from '../../config/config.ts';
import { silentLogger } from '../../config/logger.ts';
import { users } from '../../db/schema.ts';

const MAIN = join(import.meta.dirname, '../../cli/main.ts');

function jobhound(args: string[], env: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'jh-cli-'));
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATA_DIR: join(cwd, 'data'), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the jobhound command', () => {
  it('prints help for every command', () => {
    const top = jobhound(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of [
      'serve',
      'worker',
      'db',
      'tasks',
      'source',
      'crawl',
      'jobs',
      'resume',
      'match',
      'review',
      'tailor',
      'user',
      'mcp',
    ])
      expect(top.stdout).toContain(cmd);
    expect(jobhound(['tasks', '--help']).stdout).toMatch(/redrive/);
  });

  it('stops with exit code 2 and one message listing every bad variable', () => {
    const r = jobhound(['serve'], { PORT: 'abc', LOG_LEVEL: 'chatty' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Invalid configuration:/);
    expect(r.stderr).toMatch(/PORT:/);
    expect(r.stderr).toMatch(/LOG_LEVEL:/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('names an unreachable database in one line', () => {
    const r = jobhound(['db', 'migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot connect to DATABASE_URL \(postgres:\/\/nobody@127\.0\.0\.1:1\/none\)/);
  });

  it('names a DATA_DIR that cannot be written', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jh-cli-')), 'a-file');
    writeFileSync(file, 'x');
    const r = jobhound(['db', 'migrate'], { DATA_DIR: join(file, 'data') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/DATA_DIR '.*a-file\/data' is not writable/);
  });

  it('names a port already in use', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const cwd = mkdtempSync(join(tmpdir(), 'jh-cli-'));
        const child = spawn(process.execPath, [MAIN, 'serve'], {
          cwd,
          env: {
            PATH: process.env.PATH ?? '',
            LOG_LEVEL: 'silent',
            PORT: String(port),
            DATA_DIR: join(cwd, 'data'),
          },
        });
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        child.on('exit', (code) => resolve({ code, stderr }));
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('serves /health and shuts down cleanly on SIGTERM', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'jh-cli-'));
    const child = spawn(process.execPath, [MAIN, 'serve'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', PORT: '0', DATA_DIR: join(cwd, 'data') },
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        const m = /listening on (http:\/\/\S+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`serve exited: ${stderr}`)));
    });
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    const started = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('the embedded database', () => {
  it('keeps data across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jh-restart-'));
    const config = loadConfig({ DATA_DIR: dir });
    const first = await createRuntime(config, silentLogger(), { schedule: false });
    await first.handle.db.insert(users).values({ name: 'persistent ada' });
    await first.close();

    const second = await createRuntime(config, silentLogger(), { schedule: false });
    try {
      const rows = await second.handle.db.select().from(users).where(sql`${users.name} = 'persistent ada'`);
      expect(rows).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
