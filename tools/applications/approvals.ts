import { and, desc, eq, gt, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { applicationApprovals, users } from '../../db/schema.ts';
import { NotFoundError, ToolInputError } from '../tool.ts';

export const APPROVAL_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_DAILY_SUBMISSION_CAP = 10;

export interface Approval {
  id: string;
  applicationId: string;
  valuesHash: string;
  createdAt: Date;
  expiresAt: Date;
  approvedAt: Date | null;
  /** The person's action that approved it (APPROVAL_CHANNELS). */
  approvedVia: string | null;
  submittedAt: Date | null;
}

/** The actions of a person that may approve a package; agents have none of them. */
export const APPROVAL_CHANNELS = ['mcp', 'rest', 'chat', 'telegram', 'web'] as const;
export type ApprovalChannel = (typeof APPROVAL_CHANNELS)[number];

/** Why an approval cannot be used now, or null when it can. */
export function approvalProblem(
  approval: Approval,
  currentHash: string | null,
  now = new Date(),
): string | null {
  if (approval.submittedAt) return `approval ${approval.id} was already used to submit this application`;
  if (approval.expiresAt.getTime() <= now.getTime()) {
    return `approval ${approval.id} expired at ${approval.expiresAt.toISOString()}; prepare the application again for a new approval`;
  }
  if (currentHash === null)
    return `the application of approval ${approval.id} has no prepared package any more`;
  if (currentHash !== approval.valuesHash) {
    return `the package or its filled form changed after approval ${approval.id} was requested; a new approval is needed (prepare or fill the application again)`;
  }
  return null;
}

/**
 * The durable approval gate: approvals are rows, bound to an application and the sha256 of its
 * exact filled values, valid for 24 hours and used at most once. A restart loses nothing.
 */
export function createApprovalStore(db: Database) {
  return {
    /** The open approval request for these exact values, or a new one (24 hours from now). */
    async request(
      userId: string,
      applicationId: string,
      valuesHash: string,
      now = new Date(),
    ): Promise<Approval> {
      const [open] = await db
        .select()
        .from(applicationApprovals)
        .where(
          and(
            eq(applicationApprovals.userId, userId),
            eq(applicationApprovals.applicationId, applicationId),
            eq(applicationApprovals.valuesHash, valuesHash),
            isNull(applicationApprovals.submittedAt),
            gt(applicationApprovals.expiresAt, now),
          ),
        )
        .orderBy(desc(applicationApprovals.createdAt))
        .limit(1);
      if (open) return open;
      const [row] = await db
        .insert(applicationApprovals)
        .values({ userId, applicationId, valuesHash, expiresAt: new Date(now.getTime() + APPROVAL_TTL_MS) })
        .returning();
      return row!;
    },

    async require(userId: string, id: string): Promise<Approval> {
      const [row] = await db
        .select()
        .from(applicationApprovals)
        .where(and(eq(applicationApprovals.id, id), eq(applicationApprovals.userId, userId)));
      if (!row) throw new NotFoundError('approval', id, 'approvalId');
      return row;
    },

    /** Records the approval once: approving again keeps the first time and channel. */
    async approve(id: string, via: ApprovalChannel): Promise<Approval> {
      const [row] = await db
        .update(applicationApprovals)
        .set({
          approvedAt: sql`coalesce(${applicationApprovals.approvedAt}, now())`,
          approvedVia: sql`case when ${applicationApprovals.approvedAt} is null then ${via} else ${applicationApprovals.approvedVia} end`,
        })
        .where(eq(applicationApprovals.id, id))
        .returning();
      return row!;
    },

    /** Submissions (approvals used) since the start of the current UTC day. */
    async submittedToday(userId: string, now = new Date()): Promise<number> {
      const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(applicationApprovals)
        .where(
          and(
            eq(applicationApprovals.userId, userId),
            isNotNull(applicationApprovals.submittedAt),
            gte(applicationApprovals.submittedAt, dayStart),
          ),
        );
      return Number(row?.n ?? 0);
    },

    /**
     * Marks the approval used before anything is sent, under a per-user lock so the daily cap
     * holds against concurrent calls. Fails when it was already used or the cap is reached.
     */
    async claim(userId: string, id: string, cap: number, now = new Date()): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
        const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
        const [count] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(applicationApprovals)
          .where(
            and(
              eq(applicationApprovals.userId, userId),
              isNotNull(applicationApprovals.submittedAt),
              gte(applicationApprovals.submittedAt, dayStart),
            ),
          );
        if (Number(count?.n ?? 0) >= cap) {
          throw new ToolInputError(
            `the daily cap of ${cap} submissions is reached; nothing was submitted (try again tomorrow, UTC)`,
            'approvalId',
          );
        }
        const claimed = await tx
          .update(applicationApprovals)
          .set({ submittedAt: now })
          .where(and(eq(applicationApprovals.id, id), isNull(applicationApprovals.submittedAt)))
          .returning({ id: applicationApprovals.id });
        if (claimed.length === 0) {
          throw new ToolInputError(
            `approval ${id} was already used to submit this application`,
            'approvalId',
          );
        }
      });
    },

    /** Gives a claimed approval back when nothing was submitted (needs you, browser failure). */
    async release(id: string): Promise<void> {
      await db.update(applicationApprovals).set({ submittedAt: null }).where(eq(applicationApprovals.id, id));
    },
  };
}

export type ApprovalStore = ReturnType<typeof createApprovalStore>;
