import { and, desc, eq, getTableColumns, gte, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { jobs } from '../../db/schema.ts';
import { defineTool } from '../tool.ts';
import { jobViewSchema, renderJobLine, toJobView } from './job-view.ts';
import type { SalaryToUsdYear } from './store.ts';
import { remoteModeSchema, senioritySchema } from './types.ts';

export const MAX_SEARCH_RESULTS = 100;

export const searchJobsInput = z.object({
  query: z.string().max(500).optional().describe('full-text query, e.g. "kubernetes platform engineer"'),
  remote: remoteModeSchema.optional().describe('only remote, hybrid or onsite jobs'),
  location: z.string().max(200).optional().describe('city, region or country (name or ISO code)'),
  minSalary: z
    .object({
      amount: z.number().positive(),
      currency: z.string().length(3).default('USD'),
      period: z.enum(['year', 'month', 'week', 'day', 'hour']).default('year'),
    })
    .optional()
    .describe('drop jobs whose top of range is below this'),
  seniority: z.array(senioritySchema).optional(),
  company: z.string().max(200).optional(),
  postedSince: z.iso.date().or(z.iso.datetime()).optional().describe('ISO date'),
  includeClosed: z.boolean().default(false),
  limit: z.number().int().min(1).max(MAX_SEARCH_RESULTS).default(20),
});

export const searchJobsOutput = z.object({ total: z.number(), jobs: z.array(jobViewSchema) });

export function jobFilters(input: z.infer<typeof searchJobsInput>, toUsdYear: SalaryToUsdYear): SQL[] {
  const where: SQL[] = [];
  if (!input.includeClosed) where.push(isNull(jobs.closedAt));
  if (input.remote) where.push(eq(jobs.remote, input.remote));
  if (input.location) {
    const like = `%${input.location.replace(/[%_]/g, '')}%`;
    where.push(
      or(
        ilike(jobs.city, like),
        ilike(jobs.region, like),
        ilike(jobs.locationText, like),
        sql`lower(${jobs.country}) = lower(${input.location})`,
      )!,
    );
  }
  if (input.minSalary) {
    const floor = toUsdYear(input.minSalary.amount, input.minSalary.currency, input.minSalary.period);
    if (floor !== null) where.push(or(isNull(jobs.salaryMaxUsdYear), gte(jobs.salaryMaxUsdYear, floor))!);
  }
  if (input.seniority?.length)
    where.push(sql`${jobs.seniority} = any(${sql.param(input.seniority)}::text[])`);
  if (input.company) where.push(ilike(jobs.company, `%${input.company.replace(/[%_]/g, '')}%`));
  if (input.postedSince) {
    const since = new Date(input.postedSince);
    where.push(sql`coalesce(${jobs.postedAt}, ${jobs.firstSeen}) >= ${since.toISOString()}`);
  }
  if (input.query?.trim()) where.push(sql`${jobs.search} @@ websearch_to_tsquery('english', ${input.query})`);
  return where;
}

export function createSearchJobsTool(deps: { db: Database; toUsdYear: SalaryToUsdYear }) {
  return defineTool({
    id: 'search_jobs',
    title: 'Search jobs',
    description:
      'Search the stored jobs by full text and filters (remote, location, minimum salary, seniority, company, posted since). Closed jobs are left out unless includeClosed is true.',
    inputSchema: searchJobsInput,
    outputSchema: searchJobsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async execute(input) {
      const where = and(...jobFilters(input, deps.toUsdYear));
      const rank = input.query?.trim()
        ? sql`ts_rank(${jobs.search}, websearch_to_tsquery('english', ${input.query}))`
        : sql`0::real`;
      const { embedding: _e, search: _s, ...columns } = getTableColumns(jobs);
      const rows = await deps.db
        .select(columns)
        .from(jobs)
        .where(where)
        .orderBy(desc(rank), desc(sql`coalesce(${jobs.postedAt}, ${jobs.firstSeen})`))
        .limit(input.limit);
      const [count] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(where);
      return { total: Number(count?.n ?? 0), jobs: rows.map(toJobView) };
    },
    render: (out) =>
      out.jobs.length === 0
        ? 'No jobs match.'
        : [
            `${out.total} job(s) match; showing ${out.jobs.length}:`,
            ...out.jobs.map((j, i) => `${i + 1}. ${renderJobLine(j)}`),
          ].join('\n'),
  });
}
