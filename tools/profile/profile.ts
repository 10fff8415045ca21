import { z } from 'zod';
import { employmentTypeSchema, senioritySchema } from '../jobs/types.ts';

/** A user's preferences: the one schema for tools, REST, the bot and the matcher. */
export const minSalarySchema = z.object({
  amount: z.number().positive(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  period: z.enum(['year', 'month', 'week', 'day', 'hour']).default('year'),
});

const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Europe/Berlin' },
);

/** The most matches one digest may hold. */
export const DIGEST_SIZE_MAX = 20;

/** An address to send e-mail digests to (stored on the user, not the profile). */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an e-mail address such as ada@example.com' }));

const fields = {
  roles: z.array(z.string().min(1).max(100)).max(20).describe('target roles, e.g. "backend engineer"'),
  locations: z.array(z.string().min(1).max(100)).max(20).describe('cities, regions or countries'),
  remote: z.enum(['any', 'remote', 'hybrid', 'onsite']),
  minSalary: minSalarySchema.nullable(),
  needsSponsorship: z.boolean(),
  seniority: z.array(senioritySchema),
  employmentTypes: z.array(employmentTypeSchema),
  excludedCompanies: z.array(z.string().min(1).max(200)).max(200),
  excludedKeywords: z.array(z.string().min(1).max(100)).max(100),
  digestHour: z.number().int().min(0).max(23).describe('local hour of the daily digest'),
  timeZone: timeZoneSchema,
  scoreThreshold: z.number().int().min(0).max(100).describe('digest only matches scoring at least this'),
  digestSize: z.number().int().min(1).max(DIGEST_SIZE_MAX).describe('matches in each daily digest (1–20)'),
  digestEmptyNotice: z
    .boolean()
    .describe('on a day with nothing new, send a short "nothing new" note instead of staying quiet'),
  digestEmail: z.boolean().describe('also send the digest by e-mail (needs an e-mail address)'),
};

export const DEFAULT_PROFILE = {
  roles: [] as string[],
  locations: [] as string[],
  remote: 'any' as const,
  minSalary: null,
  needsSponsorship: false,
  seniority: [],
  employmentTypes: [],
  excludedCompanies: [] as string[],
  excludedKeywords: [] as string[],
  digestHour: 8,
  timeZone: 'UTC',
  scoreThreshold: 50,
  digestSize: 5,
  digestEmptyNotice: false,
  digestEmail: true,
};

export const profileSchema = z.object(fields);
export type Profile = z.infer<typeof profileSchema>;

/** A partial update: only the fields given change. */
export const profilePatchSchema = z.object(fields).partial().strict();

/** What get_profile and update_profile show: the preferences and the user's e-mail address. */
export const profileViewSchema = profileSchema.extend({
  // Not re-validated on the way out: an address stored before validation must not hide the profile.
  email: z.string().nullable().describe('where e-mail digests go; null when not given'),
});
export type ProfileView = z.infer<typeof profileViewSchema>;

/** update_profile's input: a profile patch, and the e-mail address (null removes it). */
export const profileUpdateSchema = profilePatchSchema.extend({
  email: emailSchema
    .nullable()
    .optional()
    .describe('your e-mail address for e-mail digests; null removes it'),
});
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

/** A stored or partial profile completed with the defaults. */
export const completeProfile = (partial: Partial<Profile>): Profile =>
  profileSchema.parse({ ...DEFAULT_PROFILE, ...partial });
