import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redeemLinkCode } from '../../bots/telegram/link.ts';
import { openDatabase } from '../../db/client.ts';
import { startFakeBotApi } from '../fixtures/telegram/fake-bot-api.ts';

const MAIN = join(import.meta.dirname, '../../cli/main.ts');

function jobhound(args: string[], env: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'jh-digest-'));
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATA_DIR: join(cwd, 'data'), ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI without blocking this process (a fixture server here must answer it). */
function jobhoundAsync(cwd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      {
        cwd,
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATA_DIR: join(cwd, 'data'), ...env },
        encoding: 'utf8',
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        if (error && typeof error.code !== 'number') stderr += `\n${error.message}`;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('jobhound digest and bot', () => {
  it('prints the local user digest, and names the problem with --send without a bot token', () => {
    const text = jobhound(['digest']);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Nothing new at or above 50 for \d{4}-\d{2}-\d{2}\./);
    const send = jobhound(['digest', '--send', '--user', 'local']);
    expect(send.code).toBe(1);
    expect(send.stderr).toContain('--send needs TELEGRAM_BOT_TOKEN or SMTP_URL');
  }, 300_000);

  it('prints a one-time link code, and refuses to run the bot without a token', () => {
    const link = jobhound(['bot', 'link']);
    expect(link.code).toBe(0);
    expect(link.stdout.trim()).toMatch(/^[0-9A-F]{12}$/);
    expect(link.stderr).toMatch(/Send "\/start [0-9A-F]{12}" to the bot within 15 minutes/);
    const run = jobhound(['bot']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('set TELEGRAM_BOT_TOKEN to run the bot');
  }, 300_000);

  it('prints a one-time link code for a user, with the t.me deep link when the bot is known', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'jh-link-'));
    const fake = await startFakeBotApi();
    try {
      expect((await jobhoundAsync(cwd, ['user', 'add', 'ada'])).code).toBe(0);

      const plain = await jobhoundAsync(cwd, ['user', 'link', 'ada']);
      expect(plain.code).toBe(0);
      const [code, instruction] = plain.stdout.trim().split('\n');
      expect(code).toMatch(/^[0-9A-F]{12}$/);
      expect(instruction).toBe(`/start ${code}`);
      expect(plain.stderr).toContain('within 15 minutes');

      const bot = { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot };
      const deep = await jobhoundAsync(cwd, ['user', 'link', 'ada'], bot);
      expect(deep.code).toBe(0);
      const [deepCode, link] = deep.stdout.trim().split('\n');
      expect(link).toBe(`https://t.me/jobhound_test_bot?start=${deepCode}`);
      expect(fake.callsOf('getMe')).toHaveLength(1);

      const unknown = await jobhoundAsync(cwd, ['user', 'link', 'nobody']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("<user>: no user with id or name 'nobody'");

      // The printed code links a chat to ada, once.
      const handle = await openDatabase({ dataDir: join(cwd, 'data') });
      try {
        const ada = await redeemLinkCode(handle.db, deepCode!, 5150);
        expect(ada).toMatch(/^[0-9a-f-]{36}$/);
        expect(await redeemLinkCode(handle.db, deepCode!, 5151)).toBeNull();
        expect(await redeemLinkCode(handle.db, code!, 5152)).toBe(ada);
      } finally {
        await handle.close();
      }
    } finally {
      await fake.close();
    }
  }, 480_000);

  it("sets a user's e-mail address, refusing one that is not an address", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'jh-email-'));
    const bad = await jobhoundAsync(cwd, ['user', 'email', 'local', 'not-an-address']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("<address>: 'not-an-address' must be an e-mail address");
    const set = await jobhoundAsync(cwd, ['user', 'email', 'local', 'ada@example.com']);
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('E-mail digests for local go to ada@example.com.');
    const list = await jobhoundAsync(cwd, ['user', 'list']);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout).toMatch(/ local <ada@example\.com>/);
  }, 480_000);
});
