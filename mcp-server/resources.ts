import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { digests, jobs, matches, profiles, resumes } from '../db/schema.ts';
import { loadJob } from '../tools/jobs/get-job.ts';
import { toJobView } from '../tools/jobs/job-view.ts';

/** What the MCP resources read. Each returns null when there is nothing to show. */
export interface McpResourceProvider {
  activeResume(userId: string): Promise<unknown | null>;
  profile(userId: string): Promise<unknown | null>;
  job(id: string): Promise<unknown | null>;
  match(userId: string, jobId: string): Promise<unknown | null>;
  digest(userId: string): Promise<unknown | null>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user's calendar date in their time zone, the key digests are stored under. */
export function localDate(timeZone: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  } catch {
    // A time zone the runtime does not know falls back to UTC rather than hiding the digest.
    return now.toISOString().slice(0, 10);
  }
}

/** Reads the resources straight from the tables; ids that are not UUIDs are simply not found. */
export function createDbResourceProvider(
  db: Database,
  clock: () => Date = () => new Date(),
): McpResourceProvider {
  return {
    async activeResume(userId) {
      const [row] = await db
        .select({
          id: resumes.id,
          name: resumes.name,
          format: resumes.format,
          text: resumes.rawText,
          parsed: resumes.parsed,
          skills: resumes.skills,
          createdAt: resumes.createdAt,
        })
        .from(resumes)
        .where(and(eq(resumes.userId, userId), eq(resumes.active, true)))
        .orderBy(desc(resumes.createdAt))
        .limit(1);
      return row ? { ...row, createdAt: row.createdAt.toISOString() } : null;
    },

    async profile(userId) {
      const [row] = await db.select().from(profiles).where(eq(profiles.userId, userId)).limit(1);
      if (!row) return null;
      const { userId: _u, updatedAt, ...rest } = row;
      return { ...rest, updatedAt: updatedAt.toISOString() };
    },

    async job(id) {
      if (!UUID.test(id)) return null;
      return loadJob(db, id);
    },

    async match(userId, jobId) {
      if (!UUID.test(jobId)) return null;
      const [row] = await db
        .select()
        .from(matches)
        .where(and(eq(matches.userId, userId), eq(matches.jobId, jobId)))
        .limit(1);
      if (!row) return null;
      const { userId: _u, createdAt, updatedAt, ...rest } = row;
      return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
    },

    async digest(userId) {
      const [profile] = await db
        .select({ timeZone: profiles.timeZone })
        .from(profiles)
        .where(eq(profiles.userId, userId))
        .limit(1);
      const date = localDate(profile?.timeZone ?? 'UTC', clock());
      const [row] = await db
        .select()
        .from(digests)
        .where(and(eq(digests.userId, userId), eq(digests.localDate, date)))
        .limit(1);
      if (!row) return null;
      const { embedding: _e, search: _s, ...columns } = jobs._.columns;
      const rows = row.jobIds.length
        ? await db.select(columns).from(jobs).where(inArray(jobs.id, row.jobIds))
        : [];
      const byId = new Map(rows.map((r) => [r.id, toJobView(r)]));
      return {
        localDate: row.localDate,
        channel: row.channel,
        sentAt: row.sentAt.toISOString(),
        // Keep the digest's own order; jobs deleted since are left out.
        jobs: row.jobIds.flatMap((id) => byId.get(id) ?? []),
      };
    },
  };
}

/** The JSON-RPC code the MCP specification gives "resource not found". */
export const RESOURCE_NOT_FOUND = -32002;

function asJson(uri: URL, value: unknown): ReadResourceResult {
  return {
    contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }],
  };
}

function orNotFound(uri: URL, value: unknown, why: string): ReadResourceResult {
  if (value === null || value === undefined)
    throw new McpError(RESOURCE_NOT_FOUND, `${uri.href}: ${why}`, { uri: uri.href });
  return asJson(uri, value);
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/** Registers the per-user resources; every read is scoped to the session's user. */
export function registerResources(server: McpServer, provider: McpResourceProvider, userId: string): void {
  const json = { mimeType: 'application/json' };
  server.registerResource(
    'active-resume',
    'jobhound://resume/active',
    { ...json, title: 'Active resume', description: 'Your active resume: text, parsed sections and skills.' },
    async (uri) =>
      orNotFound(uri, await provider.activeResume(userId), 'you have no active resume yet; upload one first'),
  );
  server.registerResource(
    'profile',
    'jobhound://profile',
    {
      ...json,
      title: 'Job-search profile',
      description: 'Roles, locations, salary floor and other preferences.',
    },
    async (uri) =>
      orNotFound(uri, await provider.profile(userId), 'you have not set up a job-search profile yet'),
  );
  server.registerResource(
    'digest-today',
    'jobhound://digest/today',
    {
      ...json,
      title: "Today's digest",
      description: 'The jobs in your digest for today (in your time zone).',
    },
    async (uri) => orNotFound(uri, await provider.digest(userId), 'no digest has been made for you today'),
  );
  server.registerResource(
    'job',
    new ResourceTemplate('jobhound://jobs/{id}', { list: undefined }),
    { ...json, title: 'Job', description: 'One stored job with its full description and where it was seen.' },
    async (uri, { id }) => orNotFound(uri, await provider.job(one(id)), `job '${one(id)}' was not found`),
  );
  server.registerResource(
    'match',
    new ResourceTemplate('jobhound://matches/{jobId}', { list: undefined }),
    { ...json, title: 'Match', description: 'How well one job matches you: score, components and reasons.' },
    async (uri, { jobId }) =>
      orNotFound(
        uri,
        await provider.match(userId, one(jobId)),
        `no match for job '${one(jobId)}' has been scored for you`,
      ),
  );
}
