import { count, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { jobs } from '../../db/schema.ts';
import { defineTool, NotFoundError, readOnly } from '../tool.ts';
import { closeCompanyNames, companyKey } from './company-names.ts';
import { hiringTrend } from './hiring-trend.ts';
import { byCountThenLabel, formatAmount, formatShare, median, round } from './stats.ts';

export const MAX_TREND_PERIODS = 104;

/** No stored job has this company; the message names the closest stored spellings. */
export class CompanyNotFoundError extends NotFoundError {
  readonly suggestions: string[];
  constructor(company: string, suggestions: string[]) {
    super('company', company, 'company');
    this.suggestions = suggestions;
    this.message =
      suggestions.length > 0
        ? `No stored jobs from a company named '${company}'. Did you mean: ${suggestions.join(', ')}?`
        : `No stored jobs from a company named '${company}'. Add and crawl its careers page or job board first (add_source, crawl_source).`;
  }
}

export const companyProfileInput = z.object({
  company: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('company name; case, spacing, punctuation and a legal form like "Inc." or "GmbH" are ignored'),
  includeClosed: z
    .boolean()
    .default(false)
    .describe('also count closed jobs in roles, locations, skills and salaries (the trend always has both)'),
  trend: z.enum(['month', 'week']).default('month').describe('bucket size of the hiring trend'),
  periods: z
    .number()
    .int()
    .min(1)
    .max(MAX_TREND_PERIODS)
    .default(12)
    .describe('how many months or weeks of hiring trend, ending with the current one'),
});

const countedSchema = z.object({ count: z.number().int() });

export const companyProfileOutput = z.object({
  company: z.string().describe('the most common stored spelling'),
  names: z.array(z.string()).describe('every stored spelling that matched'),
  jobs: z.object({ total: z.number().int(), open: z.number().int(), closed: z.number().int() }),
  scope: z.enum(['open', 'all']).describe('which jobs the roles, locations, skills and salaries cover'),
  roles: z.array(countedSchema.extend({ title: z.string() })).describe('job titles, most common first'),
  roleCount: z.number().int().describe('distinct titles (roles lists at most 50)'),
  locations: z.array(countedSchema.extend({ location: z.string() })),
  workModes: z.object({
    remote: z.number().int(),
    hybrid: z.number().int(),
    onsite: z.number().int(),
    unknown: z.number().int(),
  }),
  seniority: z.array(countedSchema.extend({ level: z.string() })),
  skills: z
    .array(countedSchema.extend({ skill: z.string(), share: z.number() }))
    .describe('skills named in the jobs, with the share of jobs naming each'),
  salaries: z.object({
    basis: z.string(),
    jobsWithSalary: z.number().int(),
    ranges: z.array(
      z.object({
        currency: z.string().nullable(),
        period: z.string().nullable(),
        jobs: z.number().int(),
        min: z.number(),
        max: z.number(),
        median: z.number().describe('median of the midpoints of the posted ranges'),
      }),
    ),
  }),
  trend: z.object({
    bucket: z.enum(['month', 'week']),
    basis: z.string(),
    points: z.array(
      z.object({
        period: z.string().describe('"2025-05" or ISO week "2025-W19"'),
        start: z.string().describe('first day of the period (UTC)'),
        opened: z.number().int(),
        closed: z.number().int(),
        openAtEnd: z.number().int().describe('jobs open at the end of the period (now, for the current one)'),
      }),
    ),
  }),
  firstSeen: z.string().describe('when we first saw any of its jobs'),
  lastSeen: z.string().describe('when we last saw any of its jobs'),
});
export type CompanyProfile = z.infer<typeof companyProfileOutput>;

const SALARY_BASIS =
  'as posted, grouped by currency and pay period (not converted); median is of each range midpoint';
const TREND_BASIS =
  'a job opens at its posting date, or when first seen if that is earlier or it has none; it closes when no source lists it any more';
const MAX_ROLES = 50;
const MAX_LOCATIONS = 20;
const MAX_SKILLS = 25;

interface Row {
  title: string;
  locationText: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  remote: string | null;
  seniority: string | null;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string | null;
  salaryPeriod: string | null;
  skills: string[];
  postedAt: Date | null;
  firstSeen: Date;
  lastSeen: Date;
  closedAt: Date | null;
}

/**
 * Counts items by a label. Labels that normalise alike count together, shown with their most common
 * spelling (ties: code-point order), so the answer does not depend on row order.
 */
function tally<T>(items: readonly T[], labelOf: (item: T) => string | null, normalise = (s: string) => s) {
  const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const item of items) {
    const label = labelOf(item);
    if (label === null) continue;
    const key = normalise(label);
    let group = groups.get(key);
    if (!group) {
      group = { count: 0, spellings: new Map() };
      groups.set(key, group);
    }
    group.count++;
    group.spellings.set(label, (group.spellings.get(label) ?? 0) + 1);
  }
  const bySpelling = byCountThenLabel<[string, number]>(
    ([, n]) => n,
    ([label]) => label,
  );
  return [...groups.values()]
    .map((g) => ({ label: [...g.spellings].sort(bySpelling)[0]![0], count: g.count }))
    .sort(
      byCountThenLabel(
        (e) => e.count,
        (e) => e.label,
      ),
    );
}

function placeOf(row: Row): string {
  const country = row.country ?? null;
  if (row.city) return [row.city, country ?? row.region].filter(Boolean).join(', ');
  if (row.region) return [row.region, country].filter(Boolean).join(', ');
  if (country) return country;
  if (row.locationText?.trim()) return row.locationText.trim();
  return row.remote === 'remote' ? 'Remote' : 'Unspecified';
}

function salaryRanges(rows: readonly Row[]): CompanyProfile['salaries'] {
  const groups = new Map<
    string,
    { currency: string | null; period: string | null; lows: number[]; highs: number[]; mids: number[] }
  >();
  let jobsWithSalary = 0;
  for (const row of rows) {
    const low = row.salaryMin ?? row.salaryMax;
    const high = row.salaryMax ?? row.salaryMin;
    if (low === null || high === null) continue;
    jobsWithSalary++;
    const currency = row.salaryCurrency?.toUpperCase() ?? null;
    const key = `${currency ?? ''}|${row.salaryPeriod ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { currency, period: row.salaryPeriod, lows: [], highs: [], mids: [] };
      groups.set(key, group);
    }
    group.lows.push(low);
    group.highs.push(high);
    group.mids.push((low + high) / 2);
  }
  const ranges = [...groups.values()]
    .map((g) => ({
      currency: g.currency,
      period: g.period,
      jobs: g.mids.length,
      min: g.lows.reduce((a, b) => Math.min(a, b)),
      max: g.highs.reduce((a, b) => Math.max(a, b)),
      median: round(median(g.mids)!, 2),
    }))
    .sort(
      byCountThenLabel(
        (r) => r.jobs,
        (r) => `${r.currency ?? '~'}|${r.period ?? '~'}`,
      ),
    );
  return { basis: SALARY_BASIS, jobsWithSalary, ranges };
}

/** Every stored spelling of a company name with its job count. */
async function storedCompanies(db: Database): Promise<Array<{ company: string; n: number }>> {
  const rows = await db.select({ company: jobs.company, n: count() }).from(jobs).groupBy(jobs.company);
  return rows.map((r) => ({ company: r.company, n: Number(r.n) }));
}

export function createCompanyProfileTool(deps: { db: Database; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return defineTool({
    id: 'company_profile',
    title: 'Company profile',
    description:
      'What the stored jobs say about one company: open roles, locations and work modes, seniority, skills and stack mentioned, salary ranges as posted, and the hiring trend (jobs opened and closed per month or week).',
    inputSchema: companyProfileInput,
    outputSchema: companyProfileOutput,
    annotations: readOnly,
    async execute(input) {
      const key = companyKey(input.company);
      // Most common spelling first, so it is the one shown for a company and in suggestions.
      const stored = (await storedCompanies(deps.db)).sort(
        byCountThenLabel(
          (c) => c.n,
          (c) => c.company,
        ),
      );
      const names = stored.filter((c) => key !== '' && companyKey(c.company) === key).map((c) => c.company);
      if (names.length === 0) {
        throw new CompanyNotFoundError(
          input.company,
          closeCompanyNames(
            input.company,
            stored.map((c) => c.company),
          ),
        );
      }
      const rows: Row[] = await deps.db
        .select({
          title: jobs.title,
          locationText: jobs.locationText,
          city: jobs.city,
          region: jobs.region,
          country: jobs.country,
          remote: jobs.remote,
          seniority: jobs.seniority,
          salaryMin: jobs.salaryMin,
          salaryMax: jobs.salaryMax,
          salaryCurrency: jobs.salaryCurrency,
          salaryPeriod: jobs.salaryPeriod,
          skills: jobs.skills,
          postedAt: jobs.postedAt,
          firstSeen: jobs.firstSeen,
          lastSeen: jobs.lastSeen,
          closedAt: jobs.closedAt,
        })
        .from(jobs)
        .where(inArray(jobs.company, names));
      if (rows.length === 0) throw new CompanyNotFoundError(input.company, []);

      const openRows = rows.filter((r) => r.closedAt === null);
      const scoped = input.includeClosed ? rows : openRows;
      const roles = tally(
        scoped,
        (r) => r.title.replace(/\s+/g, ' ').trim(),
        (t) => t.toLowerCase(),
      );
      const skills = tally(
        scoped.flatMap((r) => [...new Set(r.skills)]),
        (s) => s,
      );
      const workModes = { remote: 0, hybrid: 0, onsite: 0, unknown: 0 };
      for (const r of scoped) {
        if (r.remote === 'remote' || r.remote === 'hybrid' || r.remote === 'onsite') workModes[r.remote]++;
        else workModes.unknown++;
      }
      const firstSeen = rows.reduce((t, r) => Math.min(t, r.firstSeen.getTime()), Number.POSITIVE_INFINITY);
      const lastSeen = rows.reduce((t, r) => Math.max(t, r.lastSeen.getTime()), Number.NEGATIVE_INFINITY);
      return {
        company: names[0]!,
        names,
        jobs: { total: rows.length, open: openRows.length, closed: rows.length - openRows.length },
        scope: input.includeClosed ? ('all' as const) : ('open' as const),
        roles: roles.slice(0, MAX_ROLES).map((e) => ({ title: e.label, count: e.count })),
        roleCount: roles.length,
        locations: tally(scoped, placeOf)
          .slice(0, MAX_LOCATIONS)
          .map((e) => ({ location: e.label, count: e.count })),
        workModes,
        seniority: tally(scoped, (r) => r.seniority).map((e) => ({ level: e.label, count: e.count })),
        skills: skills.slice(0, MAX_SKILLS).map((e) => ({
          skill: e.label,
          count: e.count,
          share: round(e.count / scoped.length, 3),
        })),
        salaries: salaryRanges(scoped),
        trend: {
          bucket: input.trend,
          basis: TREND_BASIS,
          points: hiringTrend(rows, input.trend, input.periods, now()),
        },
        firstSeen: new Date(firstSeen).toISOString(),
        lastSeen: new Date(lastSeen).toISOString(),
      };
    },
    render: (p) => renderCompanyProfile(p),
  });
}

export function renderCompanyProfile(p: CompanyProfile): string {
  const scope = p.scope === 'open' ? 'open jobs' : 'all jobs';
  const lines = [
    `${p.company}: ${p.jobs.open} open job(s), ${p.jobs.closed} closed (${p.jobs.total} stored)`,
  ];
  if (p.names.length > 1) lines.push(`Also stored as: ${p.names.slice(1).join(', ')}`);
  lines.push('', `Roles (${scope}, ${p.roleCount} distinct):`);
  lines.push(...(p.roles.length ? p.roles.map((r) => `- ${r.title} × ${r.count}`) : ['- none']));
  lines.push('', 'Locations:');
  lines.push(...(p.locations.length ? p.locations.map((l) => `- ${l.location}: ${l.count}`) : ['- none']));
  const w = p.workModes;
  lines.push(`Work modes: remote ${w.remote}, hybrid ${w.hybrid}, onsite ${w.onsite}, unknown ${w.unknown}`);
  if (p.seniority.length)
    lines.push(`Seniority: ${p.seniority.map((s) => `${s.level} ${s.count}`).join(', ')}`);
  lines.push('', 'Skills and stack mentioned:');
  lines.push(
    ...(p.skills.length
      ? p.skills.map((s) => `- ${s.skill}: ${s.count} job(s) (${formatShare(s.share)})`)
      : ['- none']),
  );
  lines.push('', `Salaries (${p.salaries.jobsWithSalary} job(s) with a salary; ${p.salaries.basis}):`);
  lines.push(
    ...(p.salaries.ranges.length
      ? p.salaries.ranges.map(
          (r) =>
            `- ${r.currency ?? 'currency unstated'} per ${r.period ?? 'unstated period'}: ${formatAmount(r.min)}–${formatAmount(r.max)}, median ${formatAmount(r.median)} (${r.jobs} job(s))`,
        )
      : ['- none posted']),
  );
  lines.push('', `Hiring trend by ${p.trend.bucket} (opened / closed / open at end):`);
  lines.push(...p.trend.points.map((t) => `- ${t.period}: ${t.opened} / ${t.closed} / ${t.openAtEnd}`));
  return lines.join('\n');
}
