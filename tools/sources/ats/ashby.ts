import { z } from 'zod';
import type { Fetcher } from '../../crawl/types.ts';
import type { RawPosting, RawSalary, RemoteMode } from '../../jobs/types.ts';
import {
  employmentTypeFrom,
  humanizeBoard,
  joinLocation,
  joinLocations,
  salaryPeriodFrom,
  toIsoDate,
} from './field-mapping.ts';
import { type AtsRequestContext, collectPostings, describeSkipped, fetchAtsJson } from './request.ts';
import type { AtsFetchOptions, AtsResult } from './types.ts';

// Ashby public Job Postings API: https://developers.ashbyhq.com/docs/public-job-posting-api
// GET /posting-api/job-board/{org}?includeCompensation=true returns every posting of the board in
// one response. Unlisted postings (isListed=false) are reachable by link only and are skipped.
const API = 'https://api.ashbyhq.com/posting-api/job-board';

const postalAddress = z
  .looseObject({
    postalAddress: z
      .looseObject({
        addressLocality: z.string().nullish(),
        addressRegion: z.string().nullish(),
        addressCountry: z.string().nullish(),
      })
      .nullish(),
  })
  .nullish();

const jobSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  location: z.string().nullish(),
  secondaryLocations: z
    .array(z.looseObject({ location: z.string().nullish(), address: postalAddress }))
    .nullish(),
  department: z.string().nullish(),
  team: z.string().nullish(),
  isRemote: z.boolean().nullish(),
  workplaceType: z.string().nullish(),
  employmentType: z.string().nullish(),
  descriptionHtml: z.string().nullish(),
  publishedAt: z.string().nullish(),
  jobUrl: z.string(),
  applyUrl: z.string().nullish(),
  isListed: z.boolean().nullish(),
  address: postalAddress,
  compensation: z
    .looseObject({
      compensationTierSummary: z.string().nullish(),
      summaryComponents: z
        .array(
          z.looseObject({
            compensationType: z.string().nullish(),
            interval: z.string().nullish(),
            currencyCode: z.string().nullish(),
            minValue: z.number().nullish(),
            maxValue: z.number().nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});
type AshbyJob = z.infer<typeof jobSchema>;

const boardSchema = z.looseObject({ jobs: z.array(z.unknown()) });

const WORKPLACE: Record<string, RemoteMode> = { remote: 'remote', hybrid: 'hybrid', onsite: 'onsite' };

export async function fetchAshbyJobs(
  fetcher: Fetcher,
  org: string,
  options: AtsFetchOptions = {},
): Promise<AtsResult> {
  const ctx: AtsRequestContext = { fetcher, provider: 'ashby', board: org, signal: options.signal };
  const url = `${API}/${encodeURIComponent(org)}?includeCompensation=true`;
  const board = await fetchAtsJson(ctx, url, boardSchema);
  const listed = board.jobs.filter((job) => !isUnlisted(job));
  const company = humanizeBoard(org);
  const { postings, skipped } = collectPostings(listed, 'jobs(listed)', jobSchema, (job) =>
    mapAshbyJob(job, company),
  );
  options.onProgress?.(listed.length, listed.length);
  const incompleteReason = describeSkipped(skipped);
  return { postings, complete: incompleteReason === undefined, incompleteReason };
}

function isUnlisted(job: unknown): boolean {
  return typeof job === 'object' && job !== null && (job as { isListed?: unknown }).isListed === false;
}

function mapAshbyJob(job: AshbyJob, company: string): RawPosting {
  const address = job.address?.postalAddress;
  const primary = joinLocation([job.location, address?.addressRegion, address?.addressCountry]);
  const salary = salaryFromCompensation(job.compensation);
  const workplace = job.workplaceType?.toLowerCase().replace(/[^a-z]/g, '');
  return {
    url: job.jobUrl,
    applyUrl: job.applyUrl ?? undefined,
    title: job.title.trim(),
    company,
    locationText: joinLocations([primary, ...(job.secondaryLocations ?? []).map((s) => s.location)]),
    remote: (workplace ? WORKPLACE[workplace] : undefined) ?? (job.isRemote ? 'remote' : undefined),
    employmentType: employmentTypeFrom(job.employmentType),
    department: job.department ?? job.team ?? undefined,
    postedAt: toIsoDate(job.publishedAt),
    descriptionHtml: job.descriptionHtml ?? undefined,
    salary,
    salaryText: salary ? undefined : job.compensation?.compensationTierSummary?.trim() || undefined,
    externalId: job.id,
  };
}

function salaryFromCompensation(compensation: AshbyJob['compensation']): RawSalary | undefined {
  const component = compensation?.summaryComponents?.find(
    (c) => c.compensationType?.toLowerCase() === 'salary' && (c.minValue != null || c.maxValue != null),
  );
  if (!component) return undefined;
  return {
    min: component.minValue ?? null,
    max: component.maxValue ?? null,
    currency: component.currencyCode ?? null,
    period: salaryPeriodFrom(component.interval),
  };
}
