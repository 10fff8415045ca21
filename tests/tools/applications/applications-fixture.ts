// Setup for the applicant tests: a migrated test database (PGlite, or Postgres when
// TEST_DATABASE_URL is set), a queue with the application task kinds, the real tool registry,
// a local user and two stored jobs.

import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { loadConfig } from '../../../config/config.ts';
import { silentLogger } from '../../../config/logger.ts';
import type { Database } from '../../../db/client.ts';
import type { TaskQueue } from '../../../queue/manager.ts';
import { createApplicationTasks } from '../../../tools/applications/reminder-task.ts';
import { createToolRegistry } from '../../../tools/index.ts';
import { createServices, type Services } from '../../../tools/services.ts';
import { callTool, ToolInputError, type ToolRegistry } from '../../../tools/tool.ts';
import { createAccounts } from '../../../tools/users/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { startTestQueue } from '../../helpers/queue.ts';
import { insertJob } from '../../mcp-server/jobhound-fixture.ts';

/** Priya's stored answers to the standard form questions (the fixture's resume is PRIYA). */
export const ANSWERS = [
  { question: 'work_authorisation', answer: 'Yes' },
  { question: 'sponsorship', answer: 'No' },
  { question: 'notice_period', answer: 'One month' },
  { question: 'salary_expectation', answer: '£95,000 a year' },
  { question: 'linkedin', answer: 'https://www.linkedin.com/in/priya-raman' },
  { question: 'location', answer: 'London, UK' },
  { question: 'relocation', answer: 'Yes, within Europe' },
];

export interface ApplicationsFixture {
  database: TestDatabase;
  db: Database;
  queue: TaskQueue;
  services: Services;
  registry: ToolRegistry;
  userId: string;
  jobIds: { engineer: string; designer: string };
  /** Calls a registered tool with raw arguments, as MCP or REST would (validation included). */
  call<T = Record<string, unknown>>(toolId: string, args: unknown, userId?: string): Promise<T>;
  /** Another user, for the "never another user's data" checks. */
  otherUser(): Promise<string>;
  close(): Promise<void>;
}

export async function openApplicationsFixture(): Promise<ApplicationsFixture> {
  const database = await createTestDatabase();
  const db = database.handle.db;
  const queue = await startTestQueue(database.handle, createApplicationTasks({ db }).tasks);
  const config = loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent' });
  const services = createServices({ config, logger: silentLogger(), db, browser: null });
  const registry = createToolRegistry({ ...services, queue });
  const accounts = createAccounts(db);
  const userId = await accounts.localUser();
  const jobIds = { engineer: randomUUID(), designer: randomUUID() };
  await insertJob(db, {
    id: jobIds.engineer,
    title: 'Senior Backend Engineer',
    company: 'Acme Robotics',
    description:
      'Acme Robotics builds the platform that runs our delivery robots.\n\nRequirements\n- Kubernetes in production\n- JavaScript\n- PostgreSQL\n- Terraform',
    skills: ['kubernetes', 'javascript', 'postgresql', 'terraform'],
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
    userId,
    jobIds,
    async call<T>(toolId: string, args: unknown, as = userId) {
      return (await callTool(registry.require(toolId), args, { userId: as })) as T;
    },
    async otherUser() {
      const user = await accounts.createUser(`Other ${randomUUID().slice(0, 8)}`);
      return user.id;
    },
    async close() {
      await services.close();
      await queue.stop({ graceful: false, timeoutMs: 1000 }).catch(() => {});
      await database.close();
    },
  };
}

/** The ToolInputError a call failed with (the test fails if it succeeded or failed otherwise). */
export async function inputError(promise: Promise<unknown>): Promise<ToolInputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ToolInputError);
  return error as ToolInputError;
}
