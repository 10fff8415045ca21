import { randomUUID } from 'node:crypto';
import type { Database } from '../../../db/client.ts';
import { jobSightings, jobs } from '../../../db/schema.ts';
import { toUsdYear } from '../../../tools/services.ts';

/** One stored job as the crawler would leave it; only what a test cares about is required. */
export interface SeedJob {
  company: string;
  title: string;
  city?: string;
  region?: string;
  country?: string;
  remote?: 'remote' | 'hybrid' | 'onsite';
  seniority?: string;
  salary?: { min: number | null; max: number | null; currency: string; period: string };
  skills?: string[];
  postedAt?: string;
  firstSeen: string;
  lastSeen?: string;
  closedAt?: string;
}

const COUNTRY_NAMES: Record<string, string> = {
  DE: 'Germany',
  US: 'United States',
  GB: 'United Kingdom',
};

/** Inserts jobs with their sighting; the USD-per-year salary columns come from the real conversion. */
export async function seedJobs(db: Database, seeds: readonly SeedJob[]): Promise<string[]> {
  const ids: string[] = [];
  for (const seed of seeds) {
    const id = randomUUID();
    ids.push(id);
    const url = `https://careers.example.com/jobs/${id}`;
    const country = seed.country ? (COUNTRY_NAMES[seed.country] ?? seed.country) : null;
    const place = [seed.city, seed.region, country].filter(Boolean).join(', ');
    const salary = seed.salary;
    await db.insert(jobs).values({
      id,
      canonicalUrl: url,
      url,
      company: seed.company,
      title: seed.title,
      locationText: seed.remote === 'remote' ? `Remote${place ? ` - ${place}` : ''}` : place || null,
      city: seed.city ?? null,
      region: seed.region ?? null,
      country: seed.country ?? null,
      remote: seed.remote ?? null,
      seniority: seed.seniority ?? null,
      salaryMin: salary?.min ?? null,
      salaryMax: salary?.max ?? null,
      salaryCurrency: salary?.currency ?? null,
      salaryPeriod: salary?.period ?? null,
      salaryMinUsdYear: salary ? toUsdYear(salary.min, salary.currency, salary.period) : null,
      salaryMaxUsdYear: salary ? toUsdYear(salary.max, salary.currency, salary.period) : null,
      descriptionMd: `## ${seed.title}\n\nJoin ${seed.company}.`,
      skills: seed.skills ?? [],
      contentHash: `hash-${id}`,
      dedupKey: `${seed.company}|${seed.title}|${place}`.toLowerCase(),
      postedAt: seed.postedAt ? new Date(seed.postedAt) : null,
      firstSeen: new Date(seed.firstSeen),
      lastSeen: new Date(seed.lastSeen ?? seed.closedAt ?? seed.firstSeen),
      closedAt: seed.closedAt ? new Date(seed.closedAt) : null,
    });
    await db.insert(jobSightings).values({
      jobId: id,
      url,
      canonicalUrl: url,
      firstSeen: new Date(seed.firstSeen),
      lastSeen: new Date(seed.lastSeen ?? seed.closedAt ?? seed.firstSeen),
      goneAt: seed.closedAt ? new Date(seed.closedAt) : null,
    });
  }
  return ids;
}

/** "Now" for every research test: Wednesday 18 June 2025, noon UTC. */
export const NOW = new Date('2025-06-18T12:00:00Z');

/**
 * A small market: Acme Robotics (stored under two spellings), Globex (two spellings), Initech and
 * Bloom Studio, with salaries in EUR, USD (yearly and hourly) and GBP, open and closed jobs.
 */
export const MARKET: readonly SeedJob[] = [
  // Acme Robotics
  {
    company: 'Acme Robotics',
    title: 'Senior Backend Engineer',
    city: 'Berlin',
    country: 'DE',
    remote: 'hybrid',
    seniority: 'senior',
    salary: { min: 70_000, max: 90_000, currency: 'EUR', period: 'year' },
    skills: ['go', 'kubernetes', 'postgresql'],
    postedAt: '2025-04-10T00:00:00Z',
    firstSeen: '2025-04-12T08:00:00Z',
    lastSeen: '2025-06-18T06:00:00Z',
  },
  {
    company: 'Acme Robotics',
    title: 'Senior  Backend Engineer',
    city: 'Munich',
    country: 'DE',
    remote: 'onsite',
    seniority: 'senior',
    salary: { min: 80_000, max: 100_000, currency: 'EUR', period: 'year' },
    skills: ['go', 'postgresql'],
    firstSeen: '2025-05-20T09:30:00Z',
    lastSeen: '2025-06-18T06:00:00Z',
  },
  {
    company: 'ACME Robotics GmbH',
    title: 'Robotics Engineer',
    city: 'Berlin',
    country: 'DE',
    remote: 'onsite',
    seniority: 'mid',
    salary: { min: 5_000, max: 6_000, currency: 'EUR', period: 'month' },
    skills: ['c++', 'ros', 'python'],
    postedAt: '2025-06-02T00:00:00Z',
    firstSeen: '2025-06-03T10:00:00Z',
    lastSeen: '2025-06-18T06:00:00Z',
  },
  {
    company: 'Acme Robotics',
    title: 'Data Analyst',
    remote: 'remote',
    salary: { min: 60, max: null, currency: 'USD', period: 'hour' },
    skills: ['python', 'sql'],
    firstSeen: '2025-03-05T12:00:00Z',
    closedAt: '2025-05-15T03:00:00Z',
  },
  {
    company: 'Acme Robotics',
    title: 'Backend Engineer',
    city: 'Berlin',
    country: 'DE',
    remote: 'remote',
    skills: ['go', 'docker'],
    postedAt: '2025-02-01T00:00:00Z',
    firstSeen: '2025-03-01T07:00:00Z',
    closedAt: '2025-06-10T03:00:00Z',
  },
  // Globex
  {
    company: 'Globex Corporation',
    title: 'Backend Engineer',
    city: 'New York',
    region: 'NY',
    country: 'US',
    remote: 'onsite',
    salary: { min: 120_000, max: 160_000, currency: 'USD', period: 'year' },
    skills: ['java', 'kubernetes', 'postgresql'],
    firstSeen: '2025-05-02T00:00:00Z',
    lastSeen: '2025-06-18T06:00:00Z',
  },
  {
    company: 'Globex Corp',
    title: 'Staff Backend Engineer (Payments)',
    country: 'US',
    remote: 'remote',
    seniority: 'staff',
    salary: { min: 180_000, max: 220_000, currency: 'USD', period: 'year' },
    skills: ['go', 'kubernetes'],
    firstSeen: '2025-05-28T00:00:00Z',
    lastSeen: '2025-06-18T06:00:00Z',
  },
  // Initech
  {
    company: 'Initech',
    title: 'Backend Software Engineer',
    city: 'Austin',
    region: 'TX',
    country: 'US',
    remote: 'hybrid',
    salary: { min: 50, max: 60, currency: 'USD', period: 'hour' },
    skills: ['python', 'docker'],
    firstSeen: '2025-06-01T00:00:00Z',
    lastSeen: '2025-06-18T06:00:00Z',
  },
  {
    company: 'Initech',
    title: 'Backend Engineering Manager',
    city: 'Austin',
    region: 'TX',
    country: 'US',
    remote: 'onsite',
    skills: ['kubernetes', 'go'],
    firstSeen: '2025-06-05T00:00:00Z',
    lastSeen: '2025-06-18T06:00:00Z',
  },
  {
    company: 'Initech',
    title: 'Senior C++ Developer',
    city: 'Austin',
    region: 'TX',
    country: 'US',
    remote: 'onsite',
    skills: ['c++'],
    firstSeen: '2025-06-05T00:00:00Z',
    lastSeen: '2025-06-18T06:00:00Z',
  },
  // Bloom Studio
  {
    company: 'Bloom Studio',
    title: 'Engineer, Backend Platform',
    city: 'London',
    country: 'GB',
    remote: 'onsite',
    salary: { min: 60_000, max: 80_000, currency: 'GBP', period: 'year' },
    skills: ['go', 'terraform'],
    firstSeen: '2025-06-06T00:00:00Z',
    lastSeen: '2025-06-18T06:00:00Z',
  },
  {
    company: 'Bloom Studio',
    title: 'Product Designer',
    city: 'London',
    country: 'GB',
    remote: 'onsite',
    salary: { min: 50_000, max: 65_000, currency: 'GBP', period: 'year' },
    skills: ['figma'],
    firstSeen: '2025-06-06T00:00:00Z',
    lastSeen: '2025-06-18T06:00:00Z',
  },
  {
    company: 'Bloom Studio',
    title: 'Frontend Engineer',
    city: 'London',
    country: 'GB',
    remote: 'hybrid',
    skills: ['typescript', 'react'],
    firstSeen: '2025-06-06T00:00:00Z',
    lastSeen: '2025-06-18T06:00:00Z',
  },
];
