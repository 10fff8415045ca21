import { z } from 'zod';
import type { Fetcher } from '../../crawl/types.ts';
import type { RawPosting, RawSalary } from '../../jobs/types.ts';
import { humanizeBoard, salaryPeriodFrom, toIsoDate, unescapeHtml } from './field-mapping.ts';
import { type AtsRequestContext, collectPostings, describeSkipped, fetchAtsJson } from './request.ts';
import type { AtsFetchOptions, AtsResult } from './types.ts';

// Greenhouse Job Board API: https://developers.greenhouse.io/job-board.html
// GET /v1/boards/{board}/jobs?content=true lists every published job (no pagination) with its
// description; GET /v1/boards/{board} gives the board's (company's) name.
const API = 'https://boards-api.greenhouse.io/v1/boards';

const named = z.looseObject({ name: z.string().nullish() });

const jobSchema = z.looseObject({
  id: z.union([z.number(), z.string()]),
  title: z.string(),
  absolute_url: z.string(),
  location: named.nullish(),
  updated_at: z.string().nullish(),
  first_published: z.string().nullish(),
  content: z.string().nullish(),
  departments: z.array(named).nullish(),
  offices: z.array(z.looseObject({ name: z.string().nullish(), location: z.string().nullish() })).nullish(),
  metadata: z.array(z.looseObject({ name: z.string().nullish(), value: z.unknown() })).nullish(),
  pay_input_ranges: z
    .array(
      z.looseObject({
        min_cents: z.number().nullish(),
        max_cents: z.number().nullish(),
        currency_type: z.string().nullish(),
        title: z.string().nullish(),
      }),
    )
    .nullish(),
});
type GreenhouseJob = z.infer<typeof jobSchema>;

const listSchema = z.looseObject({
  jobs: z.array(z.unknown()),
  meta: z.looseObject({ total: z.number().nullish() }).nullish(),
});

const boardSchema = z.looseObject({ name: z.string().nullish() });

export async function fetchGreenhouseJobs(
  fetcher: Fetcher,
  board: string,
  options: AtsFetchOptions = {},
): Promise<AtsResult> {
  const ctx: AtsRequestContext = { fetcher, provider: 'greenhouse', board, signal: options.signal };
  const base = `${API}/${encodeURIComponent(board)}`;
  const listUrl = `${base}/jobs?content=true`;
  // The board name is a nicety: a failure there must not fail the crawl.
  const [list, info] = await Promise.all([
    fetchAtsJson(ctx, listUrl, listSchema),
    fetchAtsJson(ctx, base, boardSchema).catch(() => undefined),
  ]);
  const company = info?.name?.trim() || humanizeBoard(board);
  const { postings, skipped } = collectPostings(list.jobs, 'jobs', jobSchema, (job) =>
    mapGreenhouseJob(job, company),
  );
  const total = list.meta?.total ?? undefined;
  options.onProgress?.(list.jobs.length, total ?? list.jobs.length);
  const reasons = [describeSkipped(skipped)];
  if (total !== undefined && list.jobs.length < total) {
    reasons.push(`greenhouse reported ${total} jobs but listed ${list.jobs.length}`);
  }
  const incompleteReason = reasons.filter((r) => r !== undefined).join('; ') || undefined;
  return { postings, complete: incompleteReason === undefined, incompleteReason };
}

function mapGreenhouseJob(job: GreenhouseJob, company: string): RawPosting {
  return {
    url: job.absolute_url,
    title: job.title.trim(),
    company,
    locationText: job.location?.name?.trim() || undefined,
    employmentType: employmentTypeFromMetadata(job.metadata),
    department: job.departments?.find((d) => d.name)?.name ?? undefined,
    postedAt: toIsoDate(job.first_published ?? job.updated_at),
    descriptionHtml: job.content ? unescapeHtml(job.content) : undefined,
    salary: salaryFromPayRanges(job.pay_input_ranges),
    externalId: String(job.id),
  };
}

// Greenhouse has no employment-type field; boards that track one put it in custom metadata.
function employmentTypeFromMetadata(metadata: GreenhouseJob['metadata']): string | undefined {
  const entry = metadata?.find((m) => m.name && /employment\s*type|job\s*type/i.test(m.name));
  return typeof entry?.value === 'string' && entry.value.trim() !== '' ? entry.value.trim() : undefined;
}

function salaryFromPayRanges(ranges: GreenhouseJob['pay_input_ranges']): RawSalary | undefined {
  const range = ranges?.find((r) => r.min_cents != null || r.max_cents != null);
  if (!range) return undefined;
  return {
    min: range.min_cents != null ? range.min_cents / 100 : null,
    max: range.max_cents != null ? range.max_cents / 100 : null,
    currency: range.currency_type ?? null,
    period: salaryPeriodFrom(range.title),
  };
}
