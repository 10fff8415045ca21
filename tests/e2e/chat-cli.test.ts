import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `jobhound chat` as a person uses it, with lines typed on standard input.

const MAIN = join(import.meta.dirname, '../../cli/main.ts');
const cwd = mkdtempSync(join(tmpdir(), 'jh-chat-cli-'));

function jobhoundChat(args: string[], input: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, 'chat', '--no-worker', ...args], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'silent',
        DATA_DIR: join(cwd, 'data'),
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

describe('jobhound chat', () => {
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('answers each line typed, in one conversation that a later session continues', async () => {
    const first = await jobhoundChat([], 'add greenhouse:acme\nlist my sources\n');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/jobhound> Added source `greenhouse:acme`/);
    expect(first.stdout).toMatch(/jobhound> You have 1 source:/);
    expect(first.stderr).toContain('· scraper: add_source');
    const threadId = first.stderr.match(/\(conversation ([0-9a-f-]{36})\)/)?.[1];
    expect(threadId).toBeDefined();

    const again = await jobhoundChat(['--thread', threadId!], 'list my sources\n/exit\nlist my sources\n');
    expect(again.code).toBe(0);
    expect(again.stdout.match(/jobhound> You have 1 source:/g)).toHaveLength(1);
    expect(again.stderr).not.toContain('(conversation');
  }, 120_000);

  it('refuses a conversation id it does not know, with exit code 1', async () => {
    const r = await jobhoundChat(['--thread', '00000000-0000-4000-8000-000000000000'], 'hello\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("thread '00000000-0000-4000-8000-000000000000' was not found");
  }, 60_000);
});
