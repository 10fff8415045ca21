import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '../../cli/main.ts');

function jobhound(args: string[], env: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'jh-digest-'));
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATA_DIR: join(cwd, 'data'), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('jobhound digest and bot', () => {
  it('prints the local user digest, and names the problem with --send without a bot token', () => {
    const text = jobhound(['digest']);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Nothing new at or above 50 for \d{4}-\d{2}-\d{2}\./);
    const send = jobhound(['digest', '--send', '--user', 'local']);
    expect(send.code).toBe(1);
    expect(send.stderr).toContain('--send needs TELEGRAM_BOT_TOKEN');
  }, 150_000);

  it('prints a one-time link code, and refuses to run the bot without a token', () => {
    const link = jobhound(['bot', 'link']);
    expect(link.code).toBe(0);
    expect(link.stdout.trim()).toMatch(/^[0-9A-F]{12}$/);
    expect(link.stderr).toMatch(/Send "\/start [0-9A-F]{12}" to the bot within 15 minutes/);
    const run = jobhound(['bot']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('set TELEGRAM_BOT_TOKEN to run the bot');
  }, 150_000);
});
