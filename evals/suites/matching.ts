import { z } from 'zod';
import { loadConfig } from '../../config/config.ts';
import { silentLogger } from '../../config/logger.ts';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { remoteModeSchema, salaryPeriodSchema } from '../../tools/jobs/types.ts';
import { embedPendingJobs } from '../../tools/match/embed-jobs.ts';
import { createMatcher } from '../../tools/match/matcher.ts';
import { createServices } from '../../tools/services.ts';
import { readJsonl } from '../datasets-io.ts';
import { grade0ShareAt, mean, ndcgAt, precisionAt, reciprocalRank } from '../metrics.ts';
import type { Suite } from '../suite.ts';

const jobLine = z.object({
  id: z.string(),
  title: z.string(),
  company: z.string(),
  location: z.string(),
  remote: remoteModeSchema,
  employmentType: z.string().optional(),
  seniority: z.string().optional(),
  salary: z
    .object({
      min: z.number().nullable(),
      max: z.number().nullable(),
      currency: z.string(),
      period: salaryPeriodSchema,
    })
    .nullable(),
  postedAt: z.string(),
  description: z.string(),
});

const caseLine = z.object({
  id: z.string(),
  resume: z.string(),
  profile: z.object({
    roles: z.array(z.string()),
    locations: z.array(z.string()),
    remote: z.enum(['any', 'remote', 'hybrid', 'onsite']),
    minSalary: z.object({ amount: z.number(), currency: z.string(), period: salaryPeriodSchema }).nullable(),
    needsSponsorship: z.boolean(),
    seniority: z.array(z.string()),
  }),
  relevance: z.record(z.string(), z.number().int().min(0).max(3)),
});

export const matchingSuite: Suite = {
  name: 'matching',
  description: 'ranks every job for each job seeker and compares with graded relevance',
  thresholds: [{ metric: 'ndcg@10', kind: 'min', value: 0.85 }],
  async run(dir) {
    const datasetJobs = readJsonl(dir, 'jobs.jsonl', jobLine);
    const cases = readJsonl(dir, 'cases.jsonl', caseLine);
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(handle);
    const services = createServices({
      config: loadConfig({}),
      logger: silentLogger(),
      db: handle.db,
      browser: null,
    });
    try {
      // Dataset ids ↔ stored ids: jobs are stored through the real normaliser.
      const toDataset = new Map<string, string>();
      const normalized = datasetJobs.map((j) => {
        const job = services.normalize({
          url: `https://eval.jobhound.test/jobs/${encodeURIComponent(j.id)}`,
          title: j.title,
          company: j.company,
          locationText: j.location,
          remote: j.remote,
          ...(j.employmentType ? { employmentType: j.employmentType } : {}),
          postedAt: j.postedAt,
          descriptionMarkdown: j.description,
          salary: j.salary,
        });
        // The dataset states seniority; keep it rather than re-infer it.
        if (j.seniority) job.seniority = j.seniority as typeof job.seniority;
        toDataset.set(job.id, j.id);
        return job;
      });
      await services.jobStore.upsert(normalized, null);
      await embedPendingJobs(handle.db, services.embedder);
      const latest = Math.max(...datasetJobs.map((j) => Date.parse(j.postedAt)));
      const matcher = createMatcher({ ...services, now: () => new Date(latest + 86_400_000) });

      const rows: Array<Record<string, string | number>> = [];
      for (const c of cases) {
        const user = await services.accounts.createUser(c.id);
        await services.resumes.add(user.id, { kind: 'text', text: c.resume, name: c.id });
        await services.profiles.update(user.id, c.profile as never);
        const ranked = await matcher.rank(user.id, { limit: 10, store: false });
        const ids = ranked.map((r) => toDataset.get(r.jobId) ?? r.jobId);
        rows.push({
          case: c.id,
          'ndcg@10': ndcgAt(ids, c.relevance, 10),
          'p@5': precisionAt(ids, c.relevance, 5),
          mrr: reciprocalRank(ids, c.relevance),
          'grade0@10': grade0ShareAt(ids, c.relevance, 10),
          top3: ids.slice(0, 3).join(' '),
        });
      }
      const metric = (name: string) => mean(rows.map((r) => Number(r[name])));
      return {
        suite: 'matching',
        dataset: dir,
        metrics: {
          'ndcg@10': metric('ndcg@10'),
          'p@5': metric('p@5'),
          mrr: metric('mrr'),
          'grade0@10': metric('grade0@10'),
          cases: cases.length,
          jobs: datasetJobs.length,
        },
        cases: rows,
      };
    } finally {
      await services.close();
      await handle.close();
    }
  },
};
