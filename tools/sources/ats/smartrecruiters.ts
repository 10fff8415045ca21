import { z } from 'zod';
import type { Fetcher } from '../../crawl/types.ts';
import type { RawPosting } from '../../jobs/types.ts';
import { SourceNotFoundError } from '../errors.ts';
import { mapWithConcurrency } from './concurrency.ts';
import {
  employmentTypeFrom,
  humanizeBoard,
  joinLocation,
  remoteFromFlags,
  sectionsToHtml,
  toIsoDate,
} from './field-mapping.ts';
import { paginate } from './pagination.ts';
import {
  type AtsRequestContext,
  collectPostings,
  dedupePostings,
  describeSkipped,
  fetchAtsJson,
  validateItems,
} from './request.ts';
import type { AtsFetchOptions, AtsResult } from './types.ts';

// SmartRecruiters Posting API: https://developers.smartrecruiters.com/docs/posting-api
// GET /v1/companies/{company}/postings?limit=100&offset=N lists postings (offset paging, with
// totalFound); the description is only in GET /v1/companies/{company}/postings/{id}.
const API = 'https://api.smartrecruiters.com/v1/companies';
export const SMARTRECRUITERS_PAGE_SIZE = 100;
export const SMARTRECRUITERS_DETAIL_CONCURRENCY = 8;
const MAX_PAGES = 100;

const labelled = z.looseObject({ label: z.string().nullish() }).nullish();

const summarySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  company: z.looseObject({ name: z.string().nullish() }).nullish(),
  releasedDate: z.string().nullish(),
  location: z
    .looseObject({
      city: z.string().nullish(),
      region: z.string().nullish(),
      country: z.string().nullish(),
      remote: z.boolean().nullish(),
      hybrid: z.boolean().nullish(),
      fullLocation: z.string().nullish(),
    })
    .nullish(),
  typeOfEmployment: labelled,
  experienceLevel: labelled,
  department: labelled,
});
type Summary = z.infer<typeof summarySchema>;

const section = z.looseObject({ title: z.string().nullish(), text: z.string().nullish() }).nullish();
const detailSchema = z.looseObject({
  postingUrl: z.string().nullish(),
  applyUrl: z.string().nullish(),
  jobAd: z
    .looseObject({
      sections: z
        .looseObject({
          companyDescription: section,
          jobDescription: section,
          qualifications: section,
          additionalInformation: section,
        })
        .nullish(),
    })
    .nullish(),
});
type Detail = z.infer<typeof detailSchema>;

const pageSchema = z.looseObject({
  offset: z.number().nullish(),
  limit: z.number().nullish(),
  totalFound: z.number().nullish(),
  content: z.array(z.unknown()),
});

type DetailOutcome =
  | { kind: 'found'; detail: Detail }
  | { kind: 'gone' }
  | { kind: 'failed'; reason: string };

export async function fetchSmartRecruitersJobs(
  fetcher: Fetcher,
  company: string,
  options: AtsFetchOptions = {},
): Promise<AtsResult> {
  const ctx: AtsRequestContext = {
    fetcher,
    provider: 'smartrecruiters',
    board: company,
    signal: options.signal,
  };
  const base = `${API}/${encodeURIComponent(company)}/postings`;
  let total: number | undefined;
  const listing = await paginate<unknown>({
    maxPages: MAX_PAGES,
    signal: options.signal,
    fetchPage: async (pageIndex) => {
      const offset = pageIndex * SMARTRECRUITERS_PAGE_SIZE;
      const page = await fetchAtsJson(
        ctx,
        `${base}?limit=${SMARTRECRUITERS_PAGE_SIZE}&offset=${offset}`,
        pageSchema,
      );
      total = page.totalFound ?? total;
      const seen = offset + page.content.length;
      const last = page.content.length < SMARTRECRUITERS_PAGE_SIZE || (total !== undefined && seen >= total);
      return { items: page.content, last };
    },
  });
  const summaries = validateItems(listing.items, 'content', summarySchema);
  let done = 0;
  const outcomes = await mapWithConcurrency(
    summaries.valid,
    SMARTRECRUITERS_DETAIL_CONCURRENCY,
    async (summary) => {
      const outcome = await fetchDetail(ctx, `${base}/${encodeURIComponent(summary.id)}`);
      options.onProgress?.(++done, summaries.valid.length);
      return { summary, outcome };
    },
    options.signal,
  );
  // A posting whose detail is gone closed between the listing and the detail request.
  const open = outcomes.filter((o) => o.outcome.kind !== 'gone');
  const failures = open.flatMap((o) =>
    o.outcome.kind === 'failed' ? [`${o.summary.id}: ${o.outcome.reason}`] : [],
  );
  const { postings, skipped } = collectPostings(open, 'content', z.custom<(typeof open)[number]>(), (o) =>
    mapPosting(o.summary, o.outcome.kind === 'found' ? o.outcome.detail : undefined, company),
  );
  const reasons = [listing.incompleteReason, describeSkipped([...summaries.skipped, ...skipped])];
  if (failures.length > 0) {
    // The posting is kept from the listing, but without its description the crawl is partial.
    reasons.push(`${failures.length} posting detail(s) failed: ${failures.slice(0, 3).join('; ')}`);
  }
  const kept = reasons.filter((r) => r !== undefined);
  return {
    postings: dedupePostings(postings),
    complete: kept.length === 0,
    incompleteReason: kept.join('; ') || undefined,
  };
}

async function fetchDetail(ctx: AtsRequestContext, url: string): Promise<DetailOutcome> {
  try {
    return { kind: 'found', detail: await fetchAtsJson(ctx, url, detailSchema) };
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    if (err instanceof SourceNotFoundError) return { kind: 'gone' };
    return { kind: 'failed', reason: err instanceof Error ? err.message : String(err) };
  }
}

function mapPosting(s: Summary, detail: Detail | undefined, board: string): RawPosting {
  const loc = s.location;
  const sections = detail?.jobAd?.sections;
  // Both flags present and false is SmartRecruiters saying "on-site"; a missing flag says nothing.
  const onsite = loc?.remote === false && loc?.hybrid === false;
  return {
    url:
      detail?.postingUrl ??
      `https://jobs.smartrecruiters.com/${encodeURIComponent(board)}/${encodeURIComponent(s.id)}`,
    applyUrl: detail?.applyUrl ?? undefined,
    title: s.name.trim(),
    company: s.company?.name?.trim() || humanizeBoard(board),
    locationText: loc?.fullLocation?.trim() || joinLocation([loc?.city, loc?.region, loc?.country]),
    remote: remoteFromFlags({ remote: loc?.remote, hybrid: loc?.hybrid, onsite }),
    employmentType: employmentTypeFrom(s.typeOfEmployment?.label),
    department: s.department?.label ?? undefined,
    postedAt: toIsoDate(s.releasedDate),
    descriptionHtml: sections
      ? sectionsToHtml(
          [
            sections.companyDescription,
            sections.jobDescription,
            sections.qualifications,
            sections.additionalInformation,
          ].map((sec) => ({ title: sec?.title, html: sec?.text })),
        )
      : undefined,
    externalId: s.id,
  };
}
