import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AtsFixtureServer, startAtsFixtureServer } from '../fixtures/ats/server.ts';

const MAIN = join(import.meta.dirname, '../../cli/main.ts');

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('jobhound crawl and jobs list', () => {
  let ats: AtsFixtureServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    ats = await startAtsFixtureServer();
    env = {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'jh-crawl-cli-')),
      SOURCE_BASE_URL: ats.baseUrl,
      CRAWL_ALLOW_HOSTS: '127.0.0.1',
      ...(process.env.TEST_DATABASE_URL ? {} : {}),
    };
  });
  afterAll(async () => ats?.close());

  it('crawls two boards, reports a bad one, and lists the jobs as JSON', async () => {
    const crawl = await run(
      ['crawl', 'greenhouse:acme', 'recruitee:acme', 'monster:acme', '--wait', '--json'],
      env,
    );
    expect(crawl.code).toBe(0);
    const summary = JSON.parse(crawl.stdout) as {
      crawls: Array<{ source: string; state: string; jobs: { new: number } }>;
      failures: Array<{ source: string; error: string }>;
    };
    expect(summary.crawls.map((c) => c.source).sort()).toEqual(['greenhouse:acme', 'recruitee:acme']);
    for (const c of summary.crawls) {
      expect(c.state).toBe('done');
      expect(c.jobs.new).toBeGreaterThan(0);
    }
    expect(summary.failures).toEqual([
      { source: 'monster:acme', error: expect.stringMatching(/unknown provider/) },
    ]);

    const list = await run(['jobs', 'list', '--json'], env);
    expect(list.code).toBe(0);
    const jobs = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    const expected = ats.getJobs('greenhouse', 'acme').length + ats.getJobs('recruitee', 'acme').length;
    expect(jobs).toHaveLength(expected);
    expect(Object.keys(jobs[0]!).sort()).toEqual(
      [
        'closedAt',
        'company',
        'contentHash',
        'employmentType',
        'firstSeen',
        'id',
        'lastSeen',
        'location',
        'remote',
        'salary',
        'seniority',
        'sightings',
        'skills',
        'title',
        'url',
      ].sort(),
    );
    expect((jobs[0]!.sightings as string[]).length).toBeGreaterThan(0);
  });
});
