import { z } from 'zod';

// The contract between whatever finds a posting (ATS adapter, JSON-LD reader, HTML extractor,
// browser render) and the normaliser. Adapters fill what they know; the normaliser derives the rest.
export const remoteModeSchema = z.enum(['remote', 'hybrid', 'onsite']);
export type RemoteMode = z.infer<typeof remoteModeSchema>;

export const salaryPeriodSchema = z.enum(['year', 'month', 'week', 'day', 'hour']);
export type SalaryPeriod = z.infer<typeof salaryPeriodSchema>;

export const rawSalarySchema = z.object({
  min: z.number().nullable().optional(),
  max: z.number().nullable().optional(),
  currency: z.string().nullable().optional(),
  period: salaryPeriodSchema.nullable().optional(),
});
export type RawSalary = z.infer<typeof rawSalarySchema>;

export const rawPostingSchema = z.object({
  /** Public URL of the posting (the detail page a person would open). */
  url: z.string().url(),
  applyUrl: z.string().url().optional(),
  title: z.string().min(1),
  company: z.string().min(1),
  /** Free-text location as the source wrote it ("Berlin, Germany", "Remote - US"). */
  locationText: z.string().optional(),
  /** Structured remote hint when the source gives one. */
  remote: remoteModeSchema.optional(),
  employmentType: z.string().optional(),
  department: z.string().optional(),
  /** ISO 8601 date or date-time. */
  postedAt: z.string().optional(),
  descriptionHtml: z.string().optional(),
  descriptionMarkdown: z.string().optional(),
  salary: rawSalarySchema.nullable().optional(),
  /** Salary as free text when no structured field exists ("$120k–$150k"). */
  salaryText: z.string().optional(),
  /** The provider's own id for the posting, when it has one. */
  externalId: z.string().optional(),
});
export type RawPosting = z.infer<typeof rawPostingSchema>;

export const employmentTypeSchema = z.enum(['full_time', 'part_time', 'contract', 'internship', 'temporary']);
export type EmploymentType = z.infer<typeof employmentTypeSchema>;

export const seniorityLevels = [
  'intern',
  'junior',
  'mid',
  'senior',
  'staff',
  'principal',
  'lead',
  'manager',
  'director',
  'executive',
] as const;
export const senioritySchema = z.enum(seniorityLevels);
export type Seniority = z.infer<typeof senioritySchema>;

/** A posting after normalisation: what the store keeps (minus timestamps and embedding). */
export interface NormalizedJob {
  id: string;
  canonicalUrl: string;
  url: string;
  applyUrl: string | null;
  company: string;
  title: string;
  locationText: string | null;
  city: string | null;
  region: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  remote: RemoteMode | null;
  employmentType: EmploymentType | null;
  seniority: Seniority | null;
  salaryMin: number | null;
  salaryMax: number | null;
  /** ISO 4217. */
  salaryCurrency: string | null;
  salaryPeriod: SalaryPeriod | null;
  descriptionMd: string;
  skills: string[];
  postedAt: Date | null;
  contentHash: string;
  /** company + normalised title + location: finds the same job seen at different URLs. */
  dedupKey: string;
}
