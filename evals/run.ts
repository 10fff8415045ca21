// The eval runner: `npm run eval -- <suite|all> [--dataset <dir>] [--json]`.
// Exits 1 when a suite misses a threshold, 2 on bad usage.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { judge, type Suite, type SuiteResult } from './suite.ts';
import { SUITES } from './suites/index.ts';

export function formatResult(r: SuiteResult): string {
  const lines: string[] = [];
  lines.push(`suite ${r.suite} — ${r.passed ? 'PASS' : 'FAIL'} (${r.dataset})`);
  if (r.model) lines.push(`model: ${r.model}`);
  const columns = r.cases.length > 0 ? Object.keys(r.cases[0]!) : [];
  if (columns.length > 0) {
    const cell = (v: string | number | undefined) => (typeof v === 'number' ? v.toFixed(3) : String(v ?? ''));
    const widths = columns.map((c) =>
      Math.min(40, Math.max(c.length, ...r.cases.map((row) => cell(row[c]).length))),
    );
    lines.push(columns.map((c, i) => c.padEnd(widths[i]!)).join('  '));
    for (const row of r.cases)
      lines.push(columns.map((c, i) => cell(row[c]).slice(0, 40).padEnd(widths[i]!)).join('  '));
  }
  lines.push('');
  for (const [name, value] of Object.entries(r.metrics)) {
    const t = r.thresholds.find((x) => x.metric === name);
    lines.push(
      `${name.padEnd(14)} ${Number.isInteger(value) ? value : value.toFixed(3)}${t ? `   (threshold ${t.kind === 'min' ? '≥' : '≤'} ${t.value})` : ''}`,
    );
  }
  for (const f of r.failures) lines.push(`FAILED: ${f}`);
  return lines.join('\n');
}

export async function runSuite(suite: Suite, datasetDir: string): Promise<SuiteResult> {
  return judge(await suite.run(datasetDir), suite.thresholds);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { dataset: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const name = positionals[0];
  const known = Object.keys(SUITES);
  if (!name || (name !== 'all' && !SUITES[name])) {
    process.stderr.write(
      `usage: npm run eval -- <${[...known, 'all'].join('|')}> [--dataset <dir>] [--json]\n`,
    );
    return 2;
  }
  if (name === 'all' && values.dataset) {
    process.stderr.write('--dataset takes one suite, not all\n');
    return 2;
  }
  const chosen = name === 'all' ? Object.values(SUITES) : [SUITES[name]!];
  const results: SuiteResult[] = [];
  for (const suite of chosen) {
    const dir = resolve(values.dataset ?? join(import.meta.dirname, 'datasets', suite.name));
    if (!existsSync(dir)) {
      process.stderr.write(`dataset folder ${dir} does not exist\n`);
      return 2;
    }
    const result = await runSuite(suite, dir);
    results.push(result);
    if (!values.json) process.stdout.write(`${formatResult(result)}\n\n`);
  }
  if (values.json)
    process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
  return results.every((r) => r.passed) ? 0 : 1;
}

if (import.meta.main) {
  process.exitCode = await main().catch((error: unknown) => {
    process.stderr.write(`eval failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  });
}
