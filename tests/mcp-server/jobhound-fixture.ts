import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../config/config.ts';
import { silentLogger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import { jobSightings, jobs, resumes } from '../../db/schema.ts';
import type { TaskQueue } from '../../queue/manager.ts';
import { createToolRegistry } from '../../tools/index.ts';
import { createServices, type Services } from '../../tools/services.ts';
import type { ToolRegistry } from '../../tools/tool.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { startTestQueue } from '../helpers/queue.ts';

export interface JobhoundFixture {
  database: TestDatabase;
  db: Database;
  queue: TaskQueue;
  services: Services;
  registry: ToolRegistry;
  jobIds: { engineer: string; designer: string };
  close(): Promise<void>;
}

/** A migrated test database with two jobs, a queue and the real tool registry. */
export async function createJobhoundFixture(): Promise<JobhoundFixture> {
  const database = await createTestDatabase();
  const db = database.handle.db;
  const queue = await startTestQueue(database.handle, []);
  const config = loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent' });
  const services = createServices({ config, logger: silentLogger(), db, browser: null });
  const registry = createToolRegistry({ ...services, queue });
  const jobIds = { engineer: randomUUID(), designer: randomUUID() };
  await insertJob(db, {
    id: jobIds.engineer,
    title: 'Senior Platform Engineer',
    company: 'Acme Robotics',
    description: 'Build our Kubernetes platform. You know Go, Terraform and PostgreSQL.',
    skills: ['kubernetes', 'go', 'terraform'],
    remote: 'remote',
  });
  await insertJob(db, {
    id: jobIds.designer,
    title: 'Product Designer',
    company: 'Bloom Studio',
    description: 'Design delightful mobile apps with Figma.',
    skills: ['figma'],
    remote: 'onsite',
  });
  return {
    database,
    db,
    queue,
    services,
    registry,
    jobIds,
    async close() {
      await services.close();
      await queue.stop({ graceful: false, timeoutMs: 1000 }).catch(() => {});
      await database.close();
    },
  };
}

export async function insertJob(
  db: Database,
  job: { id: string; title: string; company: string; description: string; skills: string[]; remote: string },
): Promise<void> {
  const url = `https://jobs.example.com/${job.id}`;
  await db.insert(jobs).values({
    id: job.id,
    canonicalUrl: url,
    url,
    company: job.company,
    title: job.title,
    locationText: 'Berlin, Germany',
    city: 'Berlin',
    country: 'DE',
    remote: job.remote,
    salaryMin: 70000,
    salaryMax: 90000,
    salaryCurrency: 'EUR',
    salaryPeriod: 'year',
    salaryMinUsdYear: 75000,
    salaryMaxUsdYear: 97000,
    descriptionMd: job.description,
    skills: job.skills,
    contentHash: `hash-${job.id}`,
    dedupKey: `${job.company}|${job.title}`.toLowerCase(),
  });
  await db.insert(jobSightings).values({ jobId: job.id, url, canonicalUrl: url });
}

export async function insertActiveResume(
  db: Database,
  userId: string,
  name: string,
  text: string,
): Promise<void> {
  await db.insert(resumes).values({
    userId,
    name,
    format: 'txt',
    rawText: text,
    parsed: { summary: text },
    skills: [],
    contentHash: `hash-${userId}-${name}`,
    active: true,
  });
}
