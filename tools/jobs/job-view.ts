import { z } from 'zod';
import type { jobs } from '../../db/schema.ts';
import { remoteModeSchema } from './types.ts';

/** How a job is shown on every surface (tools, REST, MCP resources, CLI --json). */
export const jobViewSchema = z.object({
  id: z.string().uuid(),
  url: z.string(),
  applyUrl: z.string().nullable(),
  title: z.string(),
  company: z.string(),
  location: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  remote: remoteModeSchema.nullable(),
  salary: z
    .object({
      min: z.number().nullable(),
      max: z.number().nullable(),
      currency: z.string().nullable(),
      period: z.string().nullable(),
    })
    .nullable(),
  employmentType: z.string().nullable(),
  seniority: z.string().nullable(),
  skills: z.array(z.string()),
  postedAt: z.string().nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  closedAt: z.string().nullable(),
  contentHash: z.string(),
});
export type JobView = z.infer<typeof jobViewSchema>;

export const jobDetailSchema = jobViewSchema.extend({
  description: z.string(),
  sightings: z.array(
    z.object({ url: z.string(), sourceId: z.string().nullable(), lastSeen: z.string(), gone: z.boolean() }),
  ),
});
export type JobDetail = z.infer<typeof jobDetailSchema>;

type JobRow = typeof jobs.$inferSelect;

export function toJobView(row: Omit<JobRow, 'embedding' | 'search'>): JobView {
  const hasSalary = row.salaryMin !== null || row.salaryMax !== null;
  return {
    id: row.id,
    url: row.url,
    applyUrl: row.applyUrl,
    title: row.title,
    company: row.company,
    location: row.locationText,
    city: row.city,
    country: row.country,
    remote: (row.remote as JobView['remote']) ?? null,
    salary: hasSalary
      ? { min: row.salaryMin, max: row.salaryMax, currency: row.salaryCurrency, period: row.salaryPeriod }
      : null,
    employmentType: row.employmentType,
    seniority: row.seniority,
    skills: row.skills,
    postedAt: row.postedAt?.toISOString() ?? null,
    firstSeen: row.firstSeen.toISOString(),
    lastSeen: row.lastSeen.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    contentHash: row.contentHash,
  };
}

/** "€60,000–80,000 / year" */
export function formatSalary(salary: JobView['salary']): string | null {
  if (!salary || (salary.min === null && salary.max === null)) return null;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const range =
    salary.min !== null && salary.max !== null && salary.min !== salary.max
      ? `${fmt(salary.min)}–${fmt(salary.max)}`
      : fmt((salary.max ?? salary.min)!);
  return `${salary.currency ?? ''} ${range}${salary.period ? ` / ${salary.period}` : ''}`.trim();
}

export function renderJobLine(job: JobView): string {
  const where = [job.location, job.remote].filter(Boolean).join(', ');
  const salary = formatSalary(job.salary);
  return `${job.title} — ${job.company}${where ? ` (${where})` : ''}${salary ? ` · ${salary}` : ''} · ${job.url}`;
}
