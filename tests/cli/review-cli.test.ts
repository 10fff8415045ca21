import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../cli/runtime.ts';
import { loadConfig } from '../../config/config.ts';
import { silentLogger } from '../../config/logger.ts';
import { insertJob } from '../mcp-server/jobhound-fixture.ts';

const MAIN = join(import.meta.dirname, '../../cli/main.ts');
const JOB_ID = '6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';

const RESUME = `Dana Okafor | Berlin | dana.okafor@example.com | +49 30 1234567

SUMMARY
Backend engineer with 7 years of experience building payment systems.

EXPERIENCE
Senior Backend Engineer - Paylane GmbH, Berlin - Mar 2020 to present
- Cut p99 latency by 40% on the ledger service
- Wrote Go services for card settlement
- Ran everything on k8s with Helm

Software Engineer - Brightcart, Hamburg - Jan 2017 to Feb 2020
- Built the checkout API in Python and Postgres, serving 2M orders a year

EDUCATION
BSc Computer Science - TU Berlin, 2016

SKILLS
Go, Python, Kubernetes, Helm, PostgreSQL, gRPC`;

const JOB = `Senior Backend Engineer (Go)

## Requirements
- 5+ years of backend experience
- Go in production
- Kubernetes
- PostgreSQL

## Nice to have
- Kafka
- Rust`;

function jobhound(cwd: string, args: string[]) {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATA_DIR: join(cwd, 'data') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let cwd: string;

beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'jh-review-'));
  writeFileSync(join(cwd, 'resume.txt'), RESUME);
  writeFileSync(join(cwd, 'job.txt'), JOB);
  writeFileSync(join(cwd, 'recipe.txt'), 'Preheat the oven. Mix flour, sugar and eggs. Bake for 40 minutes.');
  const runtime = await createRuntime(loadConfig({ DATA_DIR: join(cwd, 'data') }), silentLogger(), {
    schedule: false,
  });
  await insertJob(runtime.handle.db, {
    id: JOB_ID,
    title: 'Senior Backend Engineer',
    company: 'Lumen Ledger',
    description: JOB.split('\n').slice(1).join('\n'),
    skills: ['go', 'kubernetes', 'postgresql', 'apache kafka', 'rust'],
    remote: 'remote',
  });
  await runtime.close();
}, 60_000);

describe('jobhound review', () => {
  it('reviews a resume file against a pasted posting, counting abbreviations', () => {
    const r = jobhound(cwd, ['review', 'resume.txt', 'job.txt', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const review = JSON.parse(r.stdout) as {
      score: number;
      matchedSkills: { required: string[] };
      missingSkills: { preferred: string[] };
    };
    expect(review.score).toBeGreaterThan(50);
    expect(review.matchedSkills.required).toEqual(expect.arrayContaining(['go', 'kubernetes', 'postgresql']));
    expect(review.missingSkills.preferred).toEqual(expect.arrayContaining(['rust']));
  });

  it('reviews against a stored job by id, in readable text', () => {
    const r = jobhound(cwd, ['review', 'resume.txt', JOB_ID]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ATS score \d+\/100/);
    expect(r.stdout).toMatch(/missing \(preferred\):.*rust/i);
  });

  it('names a resume file that does not exist', () => {
    const r = jobhound(cwd, ['review', 'nope.pdf', 'job.txt']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read nope\.pdf/);
  });

  it('refuses a text that is not a job posting instead of inventing a score', () => {
    const r = jobhound(cwd, ['review', 'resume.txt', 'recipe.txt']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/job posting/i);
    expect(r.stdout).toBe('');
  });
});

describe('jobhound tailor', () => {
  it('writes a tailored resume (Markdown and PDF) and a cover letter that claim nothing new', () => {
    expect(jobhound(cwd, ['resume', 'add', 'resume.txt']).code).toBe(0);
    const out = join(cwd, 'out');
    const r = jobhound(cwd, ['tailor', JOB_ID, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Gaps to address honestly \(not claimed\):.*Rust/);
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      'lumen-ledger-senior-backend-engineer-cover-letter.md',
      'lumen-ledger-senior-backend-engineer-resume.md',
      'lumen-ledger-senior-backend-engineer-resume.pdf',
    ]);
    const resume = readFileSync(join(out, files[1]!), 'utf8');
    const letter = readFileSync(join(out, files[0]!), 'utf8');
    expect(readFileSync(join(out, files[2]!)).subarray(0, 5).toString()).toBe('%PDF-');
    for (const text of [resume, letter]) {
      expect(text).not.toMatch(/\bRust\b|\bKafka\b/);
      expect(text).toContain('Paylane GmbH');
    }
    // The Go work comes before the other bullets of that role.
    expect(resume.indexOf('Wrote Go services')).toBeLessThan(resume.indexOf('Cut p99 latency'));
  });

  it('rejects something that is not a job id', () => {
    const r = jobhound(cwd, ['tailor', 'job.txt']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/'job\.txt' is not a job id/);
    expect(existsSync(join(cwd, 'job.txt-resume.md'))).toBe(false);
  });
});
