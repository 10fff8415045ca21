import { z } from 'zod';
import type { Fetcher } from '../../crawl/types.ts';
import type { RawPosting, RemoteMode } from '../../jobs/types.ts';
import {
  employmentTypeFrom,
  escapeHtml,
  humanizeBoard,
  joinLocations,
  salaryPeriodFrom,
  toIsoDate,
} from './field-mapping.ts';
import { paginate } from './pagination.ts';
import {
  type AtsRequestContext,
  collectPostings,
  dedupePostings,
  describeSkipped,
  fetchAtsJson,
} from './request.ts';
import type { AtsFetchOptions, AtsResult } from './types.ts';

// Lever Postings API: https://github.com/lever/postings-api
// GET /v0/postings/{site}?mode=json&skip=N&limit=M returns a JSON array of published postings;
// a page shorter than the limit is the last one. The API gives no company name.
const API = 'https://api.lever.co/v0/postings';
export const LEVER_PAGE_SIZE = 100;
const MAX_PAGES = 200;

const postingSchema = z.looseObject({
  id: z.string(),
  text: z.string(),
  hostedUrl: z.string(),
  applyUrl: z.string().nullish(),
  categories: z
    .looseObject({
      location: z.string().nullish(),
      commitment: z.string().nullish(),
      team: z.string().nullish(),
      department: z.string().nullish(),
      allLocations: z.array(z.string()).nullish(),
    })
    .nullish(),
  workplaceType: z.string().nullish(),
  salaryRange: z
    .looseObject({
      min: z.number().nullish(),
      max: z.number().nullish(),
      currency: z.string().nullish(),
      interval: z.string().nullish(),
    })
    .nullish(),
  salaryDescriptionPlain: z.string().nullish(),
  description: z.string().nullish(),
  lists: z.array(z.looseObject({ text: z.string().nullish(), content: z.string().nullish() })).nullish(),
  additional: z.string().nullish(),
  createdAt: z.number().nullish(),
});
type LeverPosting = z.infer<typeof postingSchema>;

const pageSchema = z.array(z.unknown());

const WORKPLACE: Record<string, RemoteMode> = { remote: 'remote', hybrid: 'hybrid', 'on-site': 'onsite' };

export async function fetchLeverJobs(
  fetcher: Fetcher,
  site: string,
  options: AtsFetchOptions = {},
): Promise<AtsResult> {
  const ctx: AtsRequestContext = { fetcher, provider: 'lever', board: site, signal: options.signal };
  const listing = await paginate<unknown>({
    maxPages: MAX_PAGES,
    signal: options.signal,
    onPage: (done) => options.onProgress?.(done),
    fetchPage: async (pageIndex) => {
      const skip = pageIndex * LEVER_PAGE_SIZE;
      const url = `${API}/${encodeURIComponent(site)}?mode=json&skip=${skip}&limit=${LEVER_PAGE_SIZE}`;
      const items = await fetchAtsJson(ctx, url, pageSchema);
      return { items, last: items.length < LEVER_PAGE_SIZE };
    },
  });
  const company = humanizeBoard(site);
  const { postings, skipped } = collectPostings(listing.items, 'postings', postingSchema, (p) =>
    mapLeverPosting(p, company),
  );
  const reasons = [listing.incompleteReason, describeSkipped(skipped)].filter((r) => r !== undefined);
  return {
    postings: dedupePostings(postings),
    complete: reasons.length === 0,
    incompleteReason: reasons.join('; ') || undefined,
  };
}

function mapLeverPosting(p: LeverPosting, company: string): RawPosting {
  const all = p.categories?.allLocations ?? [];
  const salary = p.salaryRange;
  return {
    url: p.hostedUrl,
    applyUrl: p.applyUrl ?? undefined,
    title: p.text.trim(),
    company,
    locationText: joinLocations(all.length > 0 ? all : [p.categories?.location]),
    remote: p.workplaceType ? WORKPLACE[p.workplaceType] : undefined,
    employmentType: employmentTypeFrom(p.categories?.commitment),
    department: p.categories?.department ?? p.categories?.team ?? undefined,
    postedAt: toIsoDate(p.createdAt),
    descriptionHtml: leverDescription(p),
    salary: salary
      ? {
          min: salary.min ?? null,
          max: salary.max ?? null,
          currency: salary.currency ?? null,
          period: salaryPeriodFrom(salary.interval),
        }
      : undefined,
    salaryText: !salary && p.salaryDescriptionPlain?.trim() ? p.salaryDescriptionPlain.trim() : undefined,
    externalId: p.id,
  };
}

// Lever splits a posting into an opening, titled lists (whose content is bare <li> items) and a
// closing section; a reader wants them as one document in that order.
function leverDescription(p: LeverPosting): string | undefined {
  const parts: string[] = [];
  if (p.description?.trim()) parts.push(p.description);
  for (const list of p.lists ?? []) {
    if (!list.content?.trim()) continue;
    const heading = list.text?.trim() ? `<h3>${escapeHtml(list.text.trim())}</h3>\n` : '';
    parts.push(`${heading}<ul>${list.content}</ul>`);
  }
  if (p.additional?.trim()) parts.push(p.additional);
  return parts.length > 0 ? parts.join('\n') : undefined;
}
