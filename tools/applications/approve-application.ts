import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { defineTool, ToolInputError } from '../tool.ts';
import { approvalProblem, createApprovalStore } from './approvals.ts';
import { filledAnswerSchema, hashFilledValues, readPackage } from './package.ts';
import { createApplicationStore } from './store.ts';

/**
 * The user's own approval of one exact package. Only a person's action may call this (a Telegram
 * or web button, the chat's tool-approval step, or the user's MCP client, whose host asks the
 * person): Jobhound's agents never hold this tool.
 */
export function createApproveApplicationTool(deps: { db: Database }) {
  const applications = createApplicationStore(deps.db);
  const approvals = createApprovalStore(deps.db);
  return defineTool({
    id: 'approve_application',
    title: 'Approve an application for submission',
    description:
      "Records the user's approval of one prepared application package, by the approval id prepare_application returned. Call this only when the person has explicitly approved it. The approval is bound to the application and a hash of its exact filled values, expires after 24 hours, and is refused if anything changed since it was requested (prepare again for a new one). Approving sends nothing; submit_application does, with this approval id.",
    inputSchema: z.object({
      approvalId: z.string().uuid().describe('the approval id from prepare_application'),
    }),
    outputSchema: z.object({
      approvalId: z.string(),
      applicationId: z.string(),
      job: z.object({ title: z.string(), company: z.string() }),
      answers: z.array(filledAnswerSchema),
      valuesHash: z.string(),
      approvedAt: z.string(),
      expiresAt: z.string(),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async execute({ approvalId }, context) {
      const approval = await approvals.require(context.userId, approvalId);
      const app = await applications.require(context.userId, approval.applicationId);
      if (app.status !== 'ready') {
        throw new ToolInputError(
          `application ${app.id} is '${app.status}', not ready for approval (prepare it again)`,
          'approvalId',
        );
      }
      const pkg = readPackage(app.package);
      const problem = approvalProblem(approval, pkg ? hashFilledValues(app.id, pkg) : null);
      if (problem) throw new ToolInputError(problem, 'approvalId');
      const approved = await approvals.approve(approval.id);
      return {
        approvalId: approved.id,
        applicationId: app.id,
        job: { title: app.job.title, company: app.job.company },
        answers: pkg!.answers,
        valuesHash: approved.valuesHash,
        approvedAt: approved.approvedAt!.toISOString(),
        expiresAt: approved.expiresAt.toISOString(),
      };
    },
    render: (out) =>
      `Approved: ${out.job.title} at ${out.job.company} (approval ${out.approvalId}, valid until ${out.expiresAt}). Submit it with submit_application.`,
  });
}
