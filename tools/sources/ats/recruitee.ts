import { z } from 'zod';
import type { Fetcher } from '../../crawl/types.ts';
import type { RawPosting, RawSalary } from '../../jobs/types.ts';
import {
  employmentTypeFrom,
  humanizeBoard,
  joinLocation,
  remoteFromFlags,
  salaryPeriodFrom,
  sectionsToHtml,
  toIsoDate,
  toNumber,
} from './field-mapping.ts';
import { type AtsRequestContext, collectPostings, describeSkipped, fetchAtsJson } from './request.ts';
import type { AtsFetchOptions, AtsResult } from './types.ts';

// Recruitee Careers Site API: https://docs.recruitee.com/reference/offers
// GET https://{company}.recruitee.com/api/offers/ returns every published offer in one response.
// Salary min/max come as numbers or numeric strings ("18.50").

const numeric = z.union([z.number(), z.string()]).nullish();

const offerSchema = z.looseObject({
  id: z.union([z.number(), z.string()]),
  slug: z.string().nullish(),
  title: z.string(),
  description: z.string().nullish(),
  requirements: z.string().nullish(),
  location: z.string().nullish(),
  city: z.string().nullish(),
  country: z.string().nullish(),
  country_code: z.string().nullish(),
  remote: z.boolean().nullish(),
  hybrid: z.boolean().nullish(),
  on_site: z.boolean().nullish(),
  employment_type_code: z.string().nullish(),
  department: z.string().nullish(),
  careers_url: z.string(),
  careers_apply_url: z.string().nullish(),
  published_at: z.string().nullish(),
  created_at: z.string().nullish(),
  salary: z
    .looseObject({ min: numeric, max: numeric, currency: z.string().nullish(), period: z.string().nullish() })
    .nullish(),
  company_name: z.string().nullish(),
});
type RecruiteeOffer = z.infer<typeof offerSchema>;

const listSchema = z.looseObject({ offers: z.array(z.unknown()) });

export async function fetchRecruiteeJobs(
  fetcher: Fetcher,
  company: string,
  options: AtsFetchOptions = {},
): Promise<AtsResult> {
  const ctx: AtsRequestContext = { fetcher, provider: 'recruitee', board: company, signal: options.signal };
  const url = `https://${encodeURIComponent(company)}.recruitee.com/api/offers/`;
  const data = await fetchAtsJson(ctx, url, listSchema);
  const fallbackCompany = humanizeBoard(company);
  const { postings, skipped } = collectPostings(data.offers, 'offers', offerSchema, (offer) =>
    mapRecruiteeOffer(offer, fallbackCompany),
  );
  options.onProgress?.(data.offers.length, data.offers.length);
  const incompleteReason = describeSkipped(skipped);
  return { postings, complete: incompleteReason === undefined, incompleteReason };
}

function mapRecruiteeOffer(offer: RecruiteeOffer, fallbackCompany: string): RawPosting {
  return {
    url: offer.careers_url,
    applyUrl: offer.careers_apply_url ?? undefined,
    title: offer.title.trim(),
    company: offer.company_name?.trim() || fallbackCompany,
    locationText: offer.location?.trim() || joinLocation([offer.city, offer.country]),
    remote: remoteFromFlags({ remote: offer.remote, hybrid: offer.hybrid, onsite: offer.on_site }),
    employmentType: employmentTypeFrom(offer.employment_type_code),
    department: offer.department?.trim() || undefined,
    postedAt: toIsoDate(offer.published_at ?? offer.created_at),
    descriptionHtml: sectionsToHtml([
      { html: offer.description },
      { title: 'Requirements', html: offer.requirements },
    ]),
    salary: salaryFrom(offer.salary),
    externalId: String(offer.id),
  };
}

function salaryFrom(salary: RecruiteeOffer['salary']): RawSalary | undefined {
  const min = toNumber(salary?.min);
  const max = toNumber(salary?.max);
  if (!salary || (min === null && max === null)) return undefined;
  return { min, max, currency: salary.currency ?? null, period: salaryPeriodFrom(salary.period) };
}
