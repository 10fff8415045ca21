import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { profiles, users } from '../../db/schema.ts';
import { NotFoundError } from '../tool.ts';
import { completeProfile, type Profile, type ProfileView, profileSchema } from './profile.ts';

type ProfileRow = typeof profiles.$inferSelect;

function fromRow(row: ProfileRow): Profile {
  return profileSchema.parse({
    roles: row.roles,
    locations: row.locations,
    remote: row.remote,
    minSalary:
      row.minSalaryAmount !== null && row.minSalaryCurrency
        ? {
            amount: row.minSalaryAmount,
            currency: row.minSalaryCurrency,
            period: row.minSalaryPeriod ?? 'year',
          }
        : null,
    needsSponsorship: row.needsSponsorship,
    seniority: row.seniority,
    employmentTypes: row.employmentTypes,
    excludedCompanies: row.excludedCompanies,
    excludedKeywords: row.excludedKeywords,
    digestHour: row.digestHour,
    timeZone: row.timeZone,
    scoreThreshold: row.scoreThreshold,
    digestSize: row.digestSize,
    digestEmptyNotice: row.digestEmptyNotice,
    digestEmail: row.digestEmail,
  });
}

function toRow(profile: Profile) {
  return {
    roles: profile.roles,
    locations: profile.locations,
    remote: profile.remote,
    minSalaryAmount: profile.minSalary?.amount ?? null,
    minSalaryCurrency: profile.minSalary?.currency.toUpperCase() ?? null,
    minSalaryPeriod: profile.minSalary?.period ?? null,
    needsSponsorship: profile.needsSponsorship,
    seniority: profile.seniority,
    employmentTypes: profile.employmentTypes,
    excludedCompanies: profile.excludedCompanies,
    excludedKeywords: profile.excludedKeywords,
    digestHour: profile.digestHour,
    timeZone: profile.timeZone,
    scoreThreshold: profile.scoreThreshold,
    digestSize: profile.digestSize,
    digestEmptyNotice: profile.digestEmptyNotice,
    digestEmail: profile.digestEmail,
  };
}

export function createProfileStore(db: Database) {
  return {
    async get(userId: string): Promise<Profile> {
      const [row] = await db.select().from(profiles).where(eq(profiles.userId, userId));
      return row ? fromRow(row) : completeProfile({});
    },
    /** Merges a partial update over the stored profile; the result is validated as a whole. */
    async update(userId: string, patch: Partial<Profile>): Promise<Profile> {
      const current = await this.get(userId);
      const next = completeProfile({ ...current, ...patch });
      if (next.minSalary)
        next.minSalary = { ...next.minSalary, currency: next.minSalary.currency.toUpperCase() };
      const row = toRow(next);
      await db
        .insert(profiles)
        .values({ userId, ...row })
        .onConflictDoUpdate({ target: profiles.userId, set: { ...row, updatedAt: sql`now()` } });
      return next;
    },
    /** The profile with the user's e-mail address, as get_profile shows it. */
    async view(userId: string): Promise<ProfileView> {
      const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
      if (!user) throw new NotFoundError('user', userId);
      return { ...(await this.get(userId)), email: user.email };
    },
    /** Sets (or with null, removes) the address e-mail digests go to; the caller validates it. */
    async setEmail(userId: string, email: string | null): Promise<void> {
      const rows = await db
        .update(users)
        .set({ email })
        .where(eq(users.id, userId))
        .returning({ id: users.id });
      if (rows.length === 0) throw new NotFoundError('user', userId);
    },
  };
}

export type ProfileStore = ReturnType<typeof createProfileStore>;
