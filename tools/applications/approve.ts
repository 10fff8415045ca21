import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { applicationApprovals, applications, jobs } from '../../db/schema.ts';
import { type ToolCallContext, ToolInputError } from '../tool.ts';
import { type Approval, type ApprovalChannel, approvalProblem, createApprovalStore } from './approvals.ts';
import { type ApplicationPackage, approvalHash, currentForm, readPackage } from './package.ts';
import { createApplicationStore } from './store.ts';

/**
 * A tool call context that says which of the person's own actions made the call. Surfaces that
 * approve set it (REST 'rest', Telegram 'telegram', the web page 'web'); MCP, whose host asks the
 * person before a call, passes none, so a call without a channel counts as 'mcp'.
 */
export interface ApprovalCallContext extends ToolCallContext {
  channel?: ApprovalChannel;
}

export interface ApprovedPackage {
  approval: Approval;
  application: { id: string; job: { title: string; company: string; url: string; applyUrl: string | null } };
  package: ApplicationPackage;
}

/**
 * The person's approval of one exact package (and its filled form, when it was filled): refused
 * when the application is not ready or anything changed since the approval was requested.
 */
export async function approvePackage(
  db: Database,
  userId: string,
  approvalId: string,
  via: ApprovalChannel,
): Promise<ApprovedPackage> {
  const approvals = createApprovalStore(db);
  const approval = await approvals.require(userId, approvalId);
  const app = await createApplicationStore(db).require(userId, approval.applicationId);
  if (app.status !== 'ready') {
    throw new ToolInputError(
      `application ${app.id} is '${app.status}', not ready for approval (prepare it again)`,
      'approvalId',
    );
  }
  const pkg = readPackage(app.package);
  const problem = approvalProblem(approval, pkg ? approvalHash(app.id, pkg) : null);
  if (problem) throw new ToolInputError(problem, 'approvalId');
  return {
    approval: await approvals.approve(approval.id, via),
    application: { id: app.id, job: app.job },
    package: pkg!,
  };
}

export interface OpenApproval {
  approvalId: string;
  applicationId: string;
  expiresAt: Date;
  /** Null while it waits for the person. */
  approvedAt: Date | null;
  job: { title: string; company: string };
}
/** An approval that waits for the person. */
export type PendingApproval = OpenApproval & { approvedAt: null };

/** Approvals waiting for the person (see openApprovals). */
export async function pendingApprovals(db: Database, userId: string, now = new Date()) {
  return (await openApprovals(db, userId, now)).filter((a): a is PendingApproval => a.approvedAt === null);
}

/**
 * Approvals that can still lead to a submission: requested (and maybe given), not used, not
 * expired, on a ready application whose package (and filled form) is still the one the approval
 * was requested for. Newest first.
 */
export async function openApprovals(db: Database, userId: string, now = new Date()): Promise<OpenApproval[]> {
  const rows = await db
    .select({
      approvalId: applicationApprovals.id,
      applicationId: applicationApprovals.applicationId,
      valuesHash: applicationApprovals.valuesHash,
      expiresAt: applicationApprovals.expiresAt,
      approvedAt: applicationApprovals.approvedAt,
      package: applications.package,
      title: jobs.title,
      company: jobs.company,
    })
    .from(applicationApprovals)
    .innerJoin(applications, eq(applications.id, applicationApprovals.applicationId))
    .innerJoin(jobs, eq(jobs.id, applications.jobId))
    .where(
      and(
        eq(applicationApprovals.userId, userId),
        eq(applications.userId, userId),
        eq(applications.status, 'ready'),
        isNull(applicationApprovals.submittedAt),
        gt(applicationApprovals.expiresAt, now),
      ),
    )
    .orderBy(desc(applicationApprovals.createdAt));
  return rows
    .filter((r) => {
      const pkg = readPackage(r.package);
      return pkg !== null && approvalHash(r.applicationId, pkg) === r.valuesHash;
    })
    .map((r) => ({
      approvalId: r.approvalId,
      applicationId: r.applicationId,
      expiresAt: r.expiresAt,
      approvedAt: r.approvedAt,
      job: { title: r.title, company: r.company },
    }));
}

/** What a submission with this package sends, as lines a person reads before confirming. */
export function describeSubmission(applicationId: string, pkg: ApplicationPackage): string[] {
  const form = currentForm(applicationId, pkg);
  const clip = (v: string) => (v.length > 80 ? `${v.slice(0, 77)}...` : v);
  const lines = form
    ? [
        `The form at ${form.url}, filled as you saw it:`,
        ...form.filled.map((f) => `- ${f.field}: ${clip(f.value)}`),
      ]
    : [
        ...pkg.answers.map((a) => `- ${a.question}: ${clip(a.answer)}`),
        `- Resume: your tailored resume${pkg.resume.pdfBase64 ? ' (PDF)' : ''}`,
        `- Cover letter: ${pkg.coverLetter.markdown.split(/\s+/).filter(Boolean).length} words`,
      ];
  return lines;
}
