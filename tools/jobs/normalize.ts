import { createHash } from 'node:crypto';
import { canonicalUrl, jobIdFromUrl } from './canonical-url.ts';
import { dedupKey } from './dedup-key.ts';
import { htmlToMarkdown, markdownToText } from './description.ts';
import { inferEmploymentType } from './employment-type.ts';
import { type ParsedLocation, parseLocation } from './location.ts';
import { normalizeSalary, type ParsedSalary, parseSalaryText } from './salary.ts';
import { inferSeniority } from './seniority.ts';
import { type NormalizedJob, type RawPosting, rawPostingSchema } from './types.ts';

export { dedupKey } from './dedup-key.ts';

export interface NormalizeDeps {
  /** Skill names found in a posting's title and description (tools/skills). */
  extractSkills: (text: string) => string[];
}

/** A posting that does not meet the RawPosting contract; `issues` name each field and what is wrong. */
export class InvalidPostingError extends Error {
  readonly issues: ReadonlyArray<{ field: string; reason: string }>;
  constructor(issues: ReadonlyArray<{ field: string; reason: string }>, url?: unknown) {
    const where = typeof url === 'string' ? ` (${url})` : '';
    super(`Invalid job posting${where}: ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`);
    this.name = 'InvalidPostingError';
    this.issues = issues;
  }
}

function validate(raw: unknown): RawPosting {
  const result = rawPostingSchema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(posting)',
    reason: issue.message,
  }));
  const url = typeof raw === 'object' && raw !== null ? (raw as { url?: unknown }).url : undefined;
  throw new InvalidPostingError(issues, url);
}

function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** ISO 8601 (or epoch milliseconds/seconds, as some ATS APIs send) to a Date; null when unreadable. */
export function parsePostedAt(value: string | undefined): Date | null {
  const text = value?.trim();
  if (!text) return null;
  const epoch = /^\d{10}(\d{3})?$/.test(text) ? Number(text) * (text.length === 10 ? 1000 : 1) : null;
  const date = new Date(epoch ?? text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The location part of a dedup key: "Berlin, Germany" and "Berlin" are the same place. */
function locationKey(location: ParsedLocation): string {
  if (location.city) return `${location.city} ${location.country ?? ''}`;
  if (location.country) return `${location.remote ?? ''} ${location.country}`;
  return location.text ?? location.remote ?? '';
}

interface VisibleContent {
  title: string;
  company: string;
  location: ParsedLocation;
  employmentType: string | null;
  salary: ParsedSalary | null;
  descriptionMd: string;
}

/** sha256 over what a person reading the posting would see change; fixed key order keeps it stable. */
export function contentHash(content: VisibleContent): string {
  const { location, salary } = content;
  const visible = {
    title: content.title,
    company: content.company,
    location: [location.text, location.city, location.region, location.country],
    remote: location.remote,
    employmentType: content.employmentType,
    salary: salary ? [salary.min, salary.max, salary.currency, salary.period] : null,
    description: content.descriptionMd.replace(/\s+/g, ' ').trim(),
  };
  return createHash('sha256').update(JSON.stringify(visible)).digest('hex');
}

/**
 * Turns what an adapter found into the job the store keeps: canonical URL and id, Markdown description,
 * salary, location, employment type, seniority, skills, content hash and dedup key.
 * Throws InvalidPostingError naming each bad field.
 */
export function normalizePosting(raw: RawPosting, deps: NormalizeDeps): NormalizedJob {
  const posting = validate(raw);
  const canonical = canonicalUrl(posting.url);
  const title = singleLine(posting.title);
  const company = singleLine(posting.company);
  const descriptionMd = posting.descriptionMarkdown?.trim()
    ? posting.descriptionMarkdown.trim()
    : htmlToMarkdown(posting.descriptionHtml ?? '');
  const descriptionText = markdownToText(descriptionMd);
  const location = parseLocation(posting.locationText, {
    remote: posting.remote,
    description: descriptionText,
  });
  const salaryOptions = { country: location.country };
  const salary =
    normalizeSalary(posting.salary, posting.salaryText, salaryOptions) ??
    parseSalaryText(descriptionText, salaryOptions);
  const employmentType = inferEmploymentType(posting.employmentType, descriptionText, title);
  const skills = [...new Set(deps.extractSkills(`${title}\n${descriptionText}`))];
  return {
    id: jobIdFromUrl(canonical),
    canonicalUrl: canonical,
    url: posting.url,
    applyUrl: posting.applyUrl ?? null,
    company,
    title,
    locationText: location.text,
    city: location.city,
    region: location.region,
    country: location.country,
    remote: location.remote,
    employmentType,
    seniority: inferSeniority(title, descriptionText),
    salaryMin: salary?.min ?? null,
    salaryMax: salary?.max ?? null,
    salaryCurrency: salary?.currency ?? null,
    salaryPeriod: salary?.period ?? null,
    descriptionMd,
    skills,
    postedAt: parsePostedAt(posting.postedAt),
    contentHash: contentHash({ title, company, location, employmentType, salary, descriptionMd }),
    dedupKey: dedupKey(company, title, locationKey(location)),
  };
}
