// Tool results shaped as the real tools return them (job views, match views, sources, crawls),
// for the local model's tests.
import type { JobView } from '../../tools/jobs/job-view.ts';
import type { MatchView } from '../../tools/match/match-view.ts';

export const JOB_IDS = {
  acme: '5b0f6f3e-8a57-5d2b-9c1e-0d2f4a6b8c01',
  northwind: '6c1a7e4f-9b68-5e3c-8d2f-1e3a5b7c9d02',
  globex: '7d2b8f50-ac79-5f4d-9e30-2f4b6c8dae03',
} as const;

export function jobView(id: string, title: string, company: string, extra: Partial<JobView> = {}): JobView {
  return {
    id,
    url: `https://boards.greenhouse.io/${company.toLowerCase()}/jobs/4012345`,
    applyUrl: null,
    title,
    company,
    location: 'Berlin, Germany',
    city: 'Berlin',
    country: 'DE',
    remote: 'remote',
    salary: { min: 80000, max: 95000, currency: 'EUR', period: 'year' },
    employmentType: 'full_time',
    seniority: 'senior',
    skills: ['go', 'postgresql'],
    postedAt: '2025-06-02T00:00:00.000Z',
    firstSeen: '2025-06-02T06:00:00.000Z',
    lastSeen: '2025-06-09T06:00:00.000Z',
    closedAt: null,
    contentHash: 'f3a9c1d2',
    ...extra,
  };
}

export function matchView(job: JobView, score: number, summary: string): MatchView {
  return {
    job,
    score,
    components: {
      requiredSkills: { value: score / 100, weight: 0.35, note: '2 of 3 required skills' },
      location: { value: 1, weight: 0.15, note: 'remote' },
    },
    reasons: {
      matchedSkills: ['go', 'postgresql'],
      missingSkills: { required: ['kubernetes'], preferred: [] },
      dealbreakers: [],
      summary,
    },
  };
}

export const MATCHES: { matches: MatchView[] } = {
  matches: [
    matchView(
      jobView(JOB_IDS.acme, 'Senior Backend Engineer', 'Acme'),
      87,
      'Strong fit: go and postgresql; remote.',
    ),
    matchView(
      jobView(JOB_IDS.northwind, 'Data Engineer', 'Northwind', { salary: null, remote: 'hybrid' }),
      64,
      'Fair fit: postgresql; hybrid in Berlin.',
    ),
    matchView(
      jobView(JOB_IDS.globex, 'Platform Engineer', 'Globex', { location: 'London, UK', city: 'London' }),
      41,
      'Weak fit: none of the required skills.',
    ),
  ],
};

export const SOURCE = {
  id: '0c8e2f1a-3b4d-4e5f-8a9b-1c2d3e4f5a6b',
  spec: 'greenhouse:acme',
  kind: 'greenhouse',
  enabled: true,
  lastCrawledAt: null,
  lastStatus: null,
  lastError: null,
  created: true,
};

export const CRAWL = {
  taskId: '1d9f3a2b-4c5e-4f60-9b1c-2d3e4f5a6b7c',
  sourceId: SOURCE.id,
  source: 'greenhouse:acme',
  status: null,
};
