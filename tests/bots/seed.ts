import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { jobs, matches, profiles, users } from '../../db/schema.ts';
import type { TaskQueue } from '../../queue/manager.ts';

/** A user with a profile (digest hour, time zone, threshold) and optionally a linked Telegram chat. */
export async function seedUser(
  db: Database,
  options: {
    name?: string;
    timeZone?: string;
    digestHour?: number;
    scoreThreshold?: number;
    chatId?: number;
  } = {},
): Promise<string> {
  const [user] = await db
    .insert(users)
    .values({ name: options.name ?? 'Ada', telegramChatId: options.chatId ?? null })
    .returning({ id: users.id });
  await db.insert(profiles).values({
    userId: user!.id,
    timeZone: options.timeZone ?? 'UTC',
    digestHour: options.digestHour ?? 8,
    scoreThreshold: options.scoreThreshold ?? 50,
  });
  return user!.id;
}

/** A job as the crawler would store it (only the columns the digest and bot read are varied). */
export async function seedJob(
  db: Database,
  job: { title: string; company: string; location?: string; remote?: string; closed?: boolean },
): Promise<string> {
  const id = randomUUID();
  const slug = `${job.company}-${job.title}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const url = `https://boards.greenhouse.io/${slug}/jobs/${id.slice(0, 8)}`;
  await db.insert(jobs).values({
    id,
    canonicalUrl: url,
    url,
    company: job.company,
    title: job.title,
    locationText: job.location ?? 'Berlin, Germany',
    remote: job.remote ?? 'hybrid',
    salaryMin: 70000,
    salaryMax: 90000,
    salaryCurrency: 'EUR',
    salaryPeriod: 'year',
    descriptionMd: `## ${job.title}\nWe build things with TypeScript and PostgreSQL.`,
    skills: ['typescript', 'postgresql'],
    contentHash: createHash('sha256').update(id).digest('hex'),
    dedupKey: slug,
    closedAt: job.closed ? new Date() : null,
  });
  return id;
}

/** A stored match, as the matcher writes it. */
export async function seedMatch(
  db: Database,
  userId: string,
  jobId: string,
  score: number,
  options: { hidden?: boolean; feedback?: number; createdAt?: Date } = {},
): Promise<void> {
  await db.insert(matches).values({
    userId,
    jobId,
    score,
    components: {},
    reasons: {
      matchedSkills: ['TypeScript', 'PostgreSQL'],
      missingSkills: { required: [], preferred: ['Kafka'] },
      dealbreakers: [],
      summary: `Strong fit: 2 of 2 required skills (score ${score})`,
    },
    scorerVersion: 'test',
    modelVersion: 'test',
    jobHash: 'h',
    hidden: options.hidden ?? false,
    feedback: options.feedback ?? null,
    ...(options.createdAt ? { createdAt: options.createdAt } : {}),
  });
}

export async function userActive(db: Database, userId: string): Promise<boolean> {
  const [row] = await db.select({ active: users.active }).from(users).where(eq(users.id, userId));
  return row?.active ?? false;
}

/** True once every task of these kinds has finished (read from the job table, not the cached counts). */
export async function tasksSettled(queue: TaskQueue, kinds: string[]): Promise<boolean> {
  for (const kind of kinds) {
    const tasks = await queue.boss.findJobs(kind, { limit: 1000 });
    if (tasks.some((task) => task.state === 'created' || task.state === 'retry' || task.state === 'active'))
      return false;
  }
  return true;
}
