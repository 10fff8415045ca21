import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import type { Fetcher } from '../../crawl/types.ts';
import type { RawPosting } from '../../jobs/types.ts';
import { SourceResponseError } from '../errors.ts';
import {
  employmentTypeFrom,
  humanizeBoard,
  joinLocations,
  sectionsToHtml,
  toIsoDate,
} from './field-mapping.ts';
import {
  type AtsRequestContext,
  collectPostings,
  describeSkipped,
  fetchAtsText,
  validateAts,
} from './request.ts';
import type { AtsFetchOptions, AtsResult } from './types.ts';

// Personio XML feed: https://developer.personio.de/docs/retrieving-open-job-positions
// GET https://{company}.jobs.personio.de/xml?language=en →
// <workzag-jobs><position>…<jobDescriptions><jobDescription><name/><value>(CDATA HTML)</value>…
// The feed has no posting URL: the public page is https://{company}.jobs.personio.de/job/{id}.

const ARRAY_PATHS = new Set([
  'workzag-jobs.position',
  'workzag-jobs.position.jobDescriptions.jobDescription',
  'workzag-jobs.position.additionalOffices.office',
]);

const text = z.string().nullish();

const positionSchema = z.looseObject({
  id: z.string().min(1),
  subcompany: text,
  office: text,
  additionalOffices: z
    .union([z.looseObject({ office: z.array(z.string()).nullish() }), z.literal('')])
    .nullish(),
  department: text,
  recruitingCategory: text,
  name: z.string().min(1),
  jobDescriptions: z
    .union([
      z.looseObject({ jobDescription: z.array(z.looseObject({ name: text, value: text })).nullish() }),
      z.literal(''),
    ])
    .nullish(),
  employmentType: text,
  seniority: text,
  schedule: text,
  createdAt: text,
});
type PersonioPosition = z.infer<typeof positionSchema>;

// An empty <workzag-jobs/> parses to "", a feed with positions to an object.
const feedSchema = z.looseObject({
  'workzag-jobs': z.union([z.looseObject({ position: z.array(z.unknown()).nullish() }), z.literal('')]),
});

const SPECIFIC_TYPES = new Set(['intern', 'trainee', 'freelance', 'temporary']);

export async function fetchPersonioJobs(
  fetcher: Fetcher,
  company: string,
  options: AtsFetchOptions = {},
): Promise<AtsResult> {
  const ctx: AtsRequestContext = { fetcher, provider: 'personio', board: company, signal: options.signal };
  const host = `https://${encodeURIComponent(company)}.jobs.personio.de`;
  const url = `${host}/xml?language=en`;
  const xml = await fetchAtsText(ctx, url, 'application/xml, text/xml');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new SourceResponseError('personio', company, url, '', `is not well-formed XML (${valid.err.msg})`);
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    // Ids and years must stay strings ("007" is not 7).
    parseTagValue: false,
    trimValues: true,
    isArray: (_name, jpath) => typeof jpath === 'string' && ARRAY_PATHS.has(jpath),
  });
  const feed = validateAts(ctx, url, feedSchema, parser.parse(xml));
  const root = feed['workzag-jobs'];
  const positions = root === '' ? [] : (root.position ?? []);
  const fallbackCompany = humanizeBoard(company);
  const { postings, skipped } = collectPostings(
    positions,
    'workzag-jobs.position',
    positionSchema,
    (position) => mapPosition(position, host, fallbackCompany),
  );
  options.onProgress?.(positions.length, positions.length);
  const incompleteReason = describeSkipped(skipped);
  return { postings, complete: incompleteReason === undefined, incompleteReason };
}

function mapPosition(p: PersonioPosition, host: string, fallbackCompany: string): RawPosting {
  const extraOffices = p.additionalOffices === '' ? [] : (p.additionalOffices?.office ?? []);
  const descriptions = p.jobDescriptions === '' ? [] : (p.jobDescriptions?.jobDescription ?? []);
  return {
    url: `${host}/job/${encodeURIComponent(p.id)}`,
    title: p.name.trim(),
    company: p.subcompany?.trim() || fallbackCompany,
    locationText: joinLocations([p.office, ...extraOffices]),
    employmentType: personioEmploymentType(p),
    department: p.department?.trim() || undefined,
    postedAt: toIsoDate(p.createdAt),
    descriptionHtml: sectionsToHtml(descriptions.map((d) => ({ title: d.name, html: d.value }))),
    externalId: p.id,
  };
}

// "permanent" (and "working_student") say nothing precise about hours; the schedule ("full-time")
// does. The other types (intern, freelance…) are more telling than the schedule.
function personioEmploymentType(p: PersonioPosition): string | undefined {
  const type = p.employmentType?.trim().toLowerCase();
  if (type && SPECIFIC_TYPES.has(type)) return employmentTypeFrom(type);
  return employmentTypeFrom(p.schedule) ?? employmentTypeFrom(p.employmentType);
}
