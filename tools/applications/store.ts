import { and, asc, desc, eq, ilike, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { applicationEvents, applications, jobs } from '../../db/schema.ts';
import { NotFoundError, ToolInputError } from '../tool.ts';
import { type ApplicationStatus, allowedTransitions, canTransition, isApplicationStatus } from './status.ts';

export type ApplicationEventKind = 'status' | 'note' | 'reminder';

export interface ApplicationEvent {
  kind: ApplicationEventKind;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  note: string | null;
  at: Date;
}

export interface ApplicationRow {
  id: string;
  jobId: string;
  status: ApplicationStatus;
  notes: string | null;
  package: unknown;
  job: { title: string; company: string; url: string; applyUrl: string | null };
  createdAt: Date;
  updatedAt: Date;
}

export interface ListFilters {
  status?: ApplicationStatus | undefined;
  /** Case-insensitive substring of the company name. */
  company?: string | undefined;
  limit?: number | undefined;
}

const LIKE_SPECIAL = /[\\%_]/g;

function toStatus(value: string): ApplicationStatus {
  if (!isApplicationStatus(value)) throw new Error(`stored application status '${value}' is unknown`);
  return value;
}

const columns = {
  id: applications.id,
  jobId: applications.jobId,
  status: applications.status,
  notes: applications.notes,
  package: applications.package,
  createdAt: applications.createdAt,
  updatedAt: applications.updatedAt,
  title: jobs.title,
  company: jobs.company,
  url: jobs.url,
  applyUrl: jobs.applyUrl,
};

type Selected = {
  id: string;
  jobId: string;
  status: string;
  notes: string | null;
  package: unknown;
  createdAt: Date;
  updatedAt: Date;
  title: string;
  company: string;
  url: string;
  applyUrl: string | null;
};

function toRow(r: Selected): ApplicationRow {
  return {
    id: r.id,
    jobId: r.jobId,
    status: toStatus(r.status),
    notes: r.notes,
    package: r.package,
    job: { title: r.title, company: r.company, url: r.url, applyUrl: r.applyUrl },
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The tracker: one application per user and job, every change recorded as an event. */
export function createApplicationStore(db: Database) {
  async function find(userId: string, id: string): Promise<ApplicationRow | null> {
    const [row] = await db
      .select(columns)
      .from(applications)
      .innerJoin(jobs, eq(jobs.id, applications.jobId))
      .where(and(eq(applications.id, id), eq(applications.userId, userId)));
    return row ? toRow(row) : null;
  }

  async function require(userId: string, id: string): Promise<ApplicationRow> {
    const row = await find(userId, id);
    // Another user's application is reported exactly like a missing one.
    if (!row) throw new NotFoundError('application', id, 'applicationId');
    return row;
  }

  async function findByJob(userId: string, jobId: string): Promise<ApplicationRow | null> {
    const [row] = await db
      .select(columns)
      .from(applications)
      .innerJoin(jobs, eq(jobs.id, applications.jobId))
      .where(and(eq(applications.jobId, jobId), eq(applications.userId, userId)));
    return row ? toRow(row) : null;
  }

  return {
    find,
    require,

    findByJob,

    /** Creates the tracker entry for a job (status saved); an existing one is returned as is. */
    async create(
      userId: string,
      jobId: string,
      note?: string,
    ): Promise<{ application: ApplicationRow; created: boolean }> {
      const [job] = await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.id, jobId));
      if (!job) throw new NotFoundError('job', jobId, 'jobId');
      const created = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(applications)
          .values({ userId, jobId, status: 'saved', notes: note ?? null })
          .onConflictDoNothing()
          .returning({ id: applications.id });
        if (!row) return null;
        await tx.insert(applicationEvents).values({
          applicationId: row.id,
          kind: 'status',
          fromStatus: null,
          toStatus: 'saved',
          note: note ?? null,
        });
        return row.id;
      });
      const application = created ? await require(userId, created) : await findByJob(userId, jobId);
      if (!application) throw new Error(`application for job ${jobId} vanished`);
      return { application, created: created !== null };
    },

    /**
     * Moves an application to a new status, recording the change with its note. The same status
     * again with a note records the note; a move the lifecycle does not allow is refused.
     */
    async transition(
      userId: string,
      id: string,
      to: ApplicationStatus,
      note?: string,
    ): Promise<{ application: ApplicationRow; changed: boolean; from: ApplicationStatus }> {
      const result = await db.transaction(async (tx) => {
        const [row] = await tx
          .select({ status: applications.status })
          .from(applications)
          .where(and(eq(applications.id, id), eq(applications.userId, userId)))
          .for('update');
        if (!row) throw new NotFoundError('application', id, 'applicationId');
        const from = toStatus(row.status);
        if (from === to) {
          if (note) {
            await tx
              .insert(applicationEvents)
              .values({ applicationId: id, kind: 'note', fromStatus: from, toStatus: to, note });
            await tx
              .update(applications)
              .set({ notes: note, updatedAt: sql`now()` })
              .where(eq(applications.id, id));
          }
          return { changed: false, from };
        }
        if (!canTransition(from, to)) {
          const allowed = allowedTransitions(from);
          throw new ToolInputError(
            `an application that is '${from}' cannot become '${to}' (allowed: ${allowed.join(', ') || 'none, it is final'})`,
            'status',
          );
        }
        await tx
          .update(applications)
          .set({ status: to, updatedAt: sql`now()`, ...(note ? { notes: note } : {}) })
          .where(eq(applications.id, id));
        await tx
          .insert(applicationEvents)
          .values({ applicationId: id, kind: 'status', fromStatus: from, toStatus: to, note: note ?? null });
        return { changed: true, from };
      });
      return { ...result, application: await require(userId, id) };
    },

    /** Stores a prepared package (and its status) on the application. */
    async setPackage(userId: string, id: string, pkg: unknown): Promise<void> {
      await db
        .update(applications)
        .set({ package: pkg, updatedAt: sql`now()` })
        .where(and(eq(applications.id, id), eq(applications.userId, userId)));
    },

    /** Records the filled form on the package, unless the package changed meanwhile. */
    async setForm(userId: string, id: string, valuesHash: string, form: unknown): Promise<boolean> {
      const rows = await db
        .update(applications)
        .set({
          package: sql`jsonb_set(${applications.package}, '{form}', ${JSON.stringify(form)}::jsonb)`,
          updatedAt: sql`now()`,
        })
        .where(
          and(
            eq(applications.id, id),
            eq(applications.userId, userId),
            sql`${applications.package}->>'valuesHash' = ${valuesHash}`,
          ),
        )
        .returning({ id: applications.id });
      return rows.length > 0;
    },

    async events(applicationId: string): Promise<ApplicationEvent[]> {
      const rows = await db
        .select()
        .from(applicationEvents)
        .where(eq(applicationEvents.applicationId, applicationId))
        .orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
      return rows.map((r) => ({
        kind: r.kind as ApplicationEventKind,
        fromStatus: r.fromStatus ? toStatus(r.fromStatus) : null,
        toStatus: toStatus(r.toStatus),
        note: r.note,
        at: r.at,
      }));
    },

    async list(userId: string, filters: ListFilters = {}): Promise<ApplicationRow[]> {
      const where = [eq(applications.userId, userId)];
      if (filters.status) where.push(eq(applications.status, filters.status));
      if (filters.company) {
        where.push(ilike(jobs.company, `%${filters.company.replace(LIKE_SPECIAL, (c) => `\\${c}`)}%`));
      }
      const rows = await db
        .select(columns)
        .from(applications)
        .innerJoin(jobs, eq(jobs.id, applications.jobId))
        .where(and(...where))
        .orderBy(desc(applications.updatedAt), asc(applications.id))
        .limit(filters.limit ?? 50);
      return rows.map(toRow);
    },

    /** Records a due follow-up as a 'reminder' event (once per applied period). */
    async recordReminder(
      applicationId: string,
      appliedAt: Date,
      note: string,
    ): Promise<'recorded' | 'skipped'> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ status: applications.status })
          .from(applications)
          .where(eq(applications.id, applicationId))
          .for('update');
        if (row?.status !== 'applied') return 'skipped';
        const [already] = await tx
          .select({ id: applicationEvents.id })
          .from(applicationEvents)
          .where(
            and(
              eq(applicationEvents.applicationId, applicationId),
              eq(applicationEvents.kind, 'reminder'),
              sql`${applicationEvents.at} >= ${appliedAt.toISOString()}`,
            ),
          );
        if (already) return 'skipped';
        await tx
          .insert(applicationEvents)
          .values({ applicationId, kind: 'reminder', fromStatus: 'applied', toStatus: 'applied', note });
        return 'recorded';
      });
    },
  };
}

export type ApplicationStore = ReturnType<typeof createApplicationStore>;
