import { z } from 'zod';
import type { Fetcher } from '../../crawl/types.ts';
import type { RawPosting, RemoteMode } from '../../jobs/types.ts';
import {
  employmentTypeFrom,
  humanizeBoard,
  joinLocation,
  joinLocations,
  toIsoDate,
} from './field-mapping.ts';
import { type AtsRequestContext, collectPostings, describeSkipped, fetchAtsJson } from './request.ts';
import type { AtsFetchOptions, AtsResult } from './types.ts';

// Workable: we read the job widget endpoint,
//   GET https://apply.workable.com/api/v1/widget/accounts/{account}?details=true
// because it is the one Workable documents for showing an account's jobs on another site: it needs
// no API token (the SPI v3 API needs a per-account token we never have), returns every published
// job in one response with the company name, and details=true adds each job's HTML description.
// The JSON behind apply.workable.com's own careers page (api/v3) is undocumented and
// cursor-paginated, so it would break without notice.
const API = 'https://apply.workable.com/api/v1/widget/accounts';

const jobSchema = z.looseObject({
  title: z.string(),
  shortcode: z.string(),
  code: z.string().nullish(),
  employment_type: z.string().nullish(),
  telecommuting: z.boolean().nullish(),
  workplace_type: z.string().nullish(),
  department: z.string().nullish(),
  url: z.string(),
  shortlink: z.string().nullish(),
  application_url: z.string().nullish(),
  published_on: z.string().nullish(),
  created_at: z.string().nullish(),
  country: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  locations: z
    .array(
      z.looseObject({
        country: z.string().nullish(),
        countryCode: z.string().nullish(),
        city: z.string().nullish(),
        region: z.string().nullish(),
      }),
    )
    .nullish(),
  description: z.string().nullish(),
});
type WorkableJob = z.infer<typeof jobSchema>;

const accountSchema = z.looseObject({ name: z.string().nullish(), jobs: z.array(z.unknown()) });

const WORKPLACE: Record<string, RemoteMode> = { remote: 'remote', hybrid: 'hybrid', onsite: 'onsite' };

export async function fetchWorkableJobs(
  fetcher: Fetcher,
  account: string,
  options: AtsFetchOptions = {},
): Promise<AtsResult> {
  const ctx: AtsRequestContext = { fetcher, provider: 'workable', board: account, signal: options.signal };
  const url = `${API}/${encodeURIComponent(account)}?details=true`;
  const data = await fetchAtsJson(ctx, url, accountSchema);
  const company = data.name?.trim() || humanizeBoard(account);
  const { postings, skipped } = collectPostings(data.jobs, 'jobs', jobSchema, (job) =>
    mapWorkableJob(job, company),
  );
  options.onProgress?.(data.jobs.length, data.jobs.length);
  const incompleteReason = describeSkipped(skipped);
  return { postings, complete: incompleteReason === undefined, incompleteReason };
}

function mapWorkableJob(job: WorkableJob, company: string): RawPosting {
  const listed = (job.locations ?? []).map((l) => joinLocation([l.city, l.region, l.country]));
  const workplace = job.workplace_type?.toLowerCase().replace(/[^a-z]/g, '');
  return {
    url: job.url,
    applyUrl: job.application_url ?? undefined,
    title: job.title.trim(),
    company,
    locationText: joinLocations(
      listed.length > 0 ? listed : [joinLocation([job.city, job.state, job.country])],
    ),
    remote: (workplace ? WORKPLACE[workplace] : undefined) ?? (job.telecommuting ? 'remote' : undefined),
    employmentType: employmentTypeFrom(job.employment_type),
    department: job.department?.trim() || undefined,
    postedAt: toIsoDate(job.published_on ?? job.created_at),
    descriptionHtml: job.description ?? undefined,
    externalId: job.shortcode,
  };
}
