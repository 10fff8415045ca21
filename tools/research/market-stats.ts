import { and, count, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { jobs } from '../../db/schema.ts';
import { convert, isKnownCurrency, RATES_TO_USD } from '../jobs/currency.ts';
import { jobFilters, searchJobsInput } from '../jobs/search-jobs.ts';
import type { SalaryToUsdYear } from '../jobs/store.ts';
import { remoteModeSchema } from '../jobs/types.ts';
import { defineTool, readOnly, ToolInputError } from '../tool.ts';
import { companyKey } from './company-names.ts';
import { byCountThenLabel, formatAmount, formatShare, round } from './stats.ts';

/** Words that name the kind of thing asked for rather than the role ("backend engineer jobs"). */
const FILLER_WORDS = new Set([
  'job',
  'jobs',
  'role',
  'roles',
  'position',
  'positions',
  'opening',
  'openings',
  'vacancy',
  'vacancies',
]);

export const marketStatsInput = z.object({
  role: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe(
      'job title words, e.g. "backend engineer"; every word must start a word of the title ("engineer" also finds "Engineering Manager")',
    ),
  location: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('city, region or country (name or ISO code)'),
  remote: remoteModeSchema.optional().describe('only remote, hybrid or onsite jobs'),
  currency: z
    .string()
    .trim()
    .length(3)
    .default('USD')
    .transform((c) => c.toUpperCase())
    .describe('ISO 4217 currency for the salary figures (default USD)'),
  includeClosed: z.boolean().default(false).describe('also count jobs that are no longer listed'),
  topSkills: z.number().int().min(1).max(50).default(15),
  topCompanies: z.number().int().min(1).max(50).default(10),
});

export const marketStatsOutput = z.object({
  role: z.string(),
  location: z.string().nullable(),
  remote: remoteModeSchema.nullable(),
  includeClosed: z.boolean(),
  jobs: z.number().int().describe('matching jobs (open ones unless includeClosed)'),
  skills: z
    .array(z.object({ skill: z.string(), jobs: z.number().int(), share: z.number() }))
    .describe('most demanded skills, with the share (0..1) of matching jobs naming each'),
  salary: z
    .object({
      currency: z.string(),
      period: z.literal('year'),
      basis: z.string(),
      jobsWithSalary: z.number().int(),
      p25: z.number(),
      p50: z.number(),
      p75: z.number(),
      min: z.number(),
      max: z.number(),
    })
    .nullable()
    .describe('null when no matching job states a salary in a known currency'),
  companies: z
    .array(z.object({ company: z.string(), jobs: z.number().int() }))
    .describe('top companies hiring'),
});
export type MarketStats = z.infer<typeof marketStatsOutput>;

const RATE_DATE = '2025-06-01';

/** A Postgres ARE that finds `word` at the start of a word of the title. */
function titleWordPattern(word: string): string {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // \m (start of word) only helps before an ASCII word character; "c++" and ".net" match as written.
  return /^[a-z0-9_]/i.test(word) ? `\\m${escaped}` : escaped;
}

/** The words of a role query that must all appear in a title. */
export function roleWords(role: string): string[] {
  const words = role
    .toLowerCase()
    .split(/[\s,/]+/)
    .map((w) => w.replace(/^[("'“]+|[)"'”:;!?]+$/g, ''))
    .filter((w) => w !== '' && !FILLER_WORDS.has(w));
  return [...new Set(words)];
}

function salaryBasis(currency: string): string {
  return (
    `midpoint of each posted range as a yearly amount (hour × 2080, day × 260, week × 52, month × 12), ` +
    `in ${currency} at the fixed rates of ${RATE_DATE} (tools/jobs/currency.ts); percentiles interpolate linearly`
  );
}

export function createMarketStatsTool(deps: { db: Database; toUsdYear: SalaryToUsdYear }) {
  return defineTool({
    id: 'market_stats',
    title: 'Market stats',
    description:
      'Demand and pay for a role from the stored jobs: how many jobs match the title words (optionally in a location or work mode), the skills they ask for most with their share of jobs, salary percentiles p25/p50/p75 as yearly amounts in one currency, and the companies hiring most.',
    inputSchema: marketStatsInput,
    outputSchema: marketStatsOutput,
    annotations: readOnly,
    async execute(input) {
      if (!isKnownCurrency(input.currency)) {
        throw new ToolInputError(
          `unknown currency '${input.currency}'; use one of ${Object.keys(RATES_TO_USD).join(', ')}`,
          'currency',
        );
      }
      const words = roleWords(input.role);
      if (words.length === 0)
        throw new ToolInputError(`give the role as title words, e.g. "backend engineer"`, 'role');

      const filters: SQL[] = jobFilters(
        searchJobsInput.parse({
          includeClosed: input.includeClosed,
          ...(input.location ? { location: input.location } : {}),
          ...(input.remote ? { remote: input.remote } : {}),
        }),
        deps.toUsdYear,
      );
      for (const word of words) filters.push(sql`${jobs.title} ~* ${titleWordPattern(word)}`);
      const where = and(...filters)!;

      const [total] = await deps.db.select({ n: count() }).from(jobs).where(where);
      const jobCount = Number(total?.n ?? 0);

      const skillRows = await deps.db.execute<{ skill: string; n: number }>(sql`
        select skill, count(distinct id)::int as n
        from (select ${jobs.id} as id, unnest(${jobs.skills}) as skill from ${jobs} where ${where}) as t
        group by skill`);
      const skills = skillRows.rows
        .map((r) => ({ skill: r.skill, jobs: Number(r.n) }))
        .sort(
          byCountThenLabel(
            (s) => s.jobs,
            (s) => s.skill,
          ),
        )
        .slice(0, input.topSkills)
        .map((s) => ({ ...s, share: round(s.jobs / jobCount, 3) }));

      const companyRows = await deps.db
        .select({ company: jobs.company, n: count() })
        .from(jobs)
        .where(where)
        .groupBy(jobs.company);
      // One entry per company however its name is spelled, shown with its most common spelling.
      const byKey = new Map<string, { spellings: Array<{ company: string; n: number }>; jobs: number }>();
      for (const row of companyRows) {
        const key = companyKey(row.company) || row.company;
        const entry = byKey.get(key) ?? { spellings: [], jobs: 0 };
        entry.spellings.push({ company: row.company, n: Number(row.n) });
        entry.jobs += Number(row.n);
        byKey.set(key, entry);
      }
      const companies = [...byKey.values()]
        .map((e) => ({
          company: e.spellings.sort(
            byCountThenLabel(
              (s) => s.n,
              (s) => s.company,
            ),
          )[0]!.company,
          jobs: e.jobs,
        }))
        .sort(
          byCountThenLabel(
            (c) => c.jobs,
            (c) => c.company,
          ),
        )
        .slice(0, input.topCompanies);

      const mid = sql`coalesce((${jobs.salaryMinUsdYear} + ${jobs.salaryMaxUsdYear}) / 2, ${jobs.salaryMinUsdYear}, ${jobs.salaryMaxUsdYear})`;
      const pay = await deps.db.execute<{
        n: number;
        p25: number | null;
        p50: number | null;
        p75: number | null;
        lo: number | null;
        hi: number | null;
      }>(sql`
        select count(v)::int as n,
          percentile_cont(0.25) within group (order by v) as p25,
          percentile_cont(0.5) within group (order by v) as p50,
          percentile_cont(0.75) within group (order by v) as p75,
          min(v) as lo, max(v) as hi
        from (select ${mid} as v from ${jobs} where ${where}) as t
        where v is not null`);
      const stats = pay.rows[0];
      const inCurrency = (usd: number | null) => Math.round(convert(Number(usd), 'USD', input.currency)!);
      const salary =
        stats && Number(stats.n) > 0
          ? {
              currency: input.currency,
              period: 'year' as const,
              basis: salaryBasis(input.currency),
              jobsWithSalary: Number(stats.n),
              p25: inCurrency(stats.p25),
              p50: inCurrency(stats.p50),
              p75: inCurrency(stats.p75),
              min: inCurrency(stats.lo),
              max: inCurrency(stats.hi),
            }
          : null;

      return {
        role: input.role,
        location: input.location ?? null,
        remote: input.remote ?? null,
        includeClosed: input.includeClosed,
        jobs: jobCount,
        skills,
        salary,
        companies,
      };
    },
    render: (m) => renderMarketStats(m),
  });
}

export function renderMarketStats(m: MarketStats): string {
  const where = [m.location ? `in ${m.location}` : '', m.remote ? `(${m.remote})` : '']
    .filter(Boolean)
    .join(' ');
  const subject = `'${m.role}'${where ? ` ${where}` : ''}`;
  const kind = m.includeClosed ? 'stored' : 'open';
  if (m.jobs === 0) return `No ${kind} jobs match ${subject}.`;
  const lines = [`${m.jobs} ${kind} job(s) match ${subject}.`, '', 'Skills in demand:'];
  lines.push(
    ...(m.skills.length
      ? m.skills.map((s) => `- ${s.skill}: ${formatShare(s.share)} of jobs (${s.jobs})`)
      : ['- none named']),
  );
  lines.push('');
  if (m.salary) {
    const s = m.salary;
    lines.push(
      `Salary per year in ${s.currency} (${s.jobsWithSalary} job(s) with a salary): p25 ${formatAmount(s.p25)}, median ${formatAmount(s.p50)}, p75 ${formatAmount(s.p75)} (range ${formatAmount(s.min)}–${formatAmount(s.max)})`,
      `  basis: ${s.basis}`,
    );
  } else {
    lines.push('Salary: no matching job states one.');
  }
  lines.push('', 'Top companies hiring:');
  lines.push(...m.companies.map((c) => `- ${c.company}: ${c.jobs}`));
  return lines.join('\n');
}
