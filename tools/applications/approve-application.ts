import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { defineTool } from '../tool.ts';
import { APPROVAL_CHANNELS } from './approvals.ts';
import { type ApprovalCallContext, approvePackage, describeSubmission } from './approve.ts';
import { filledAnswerSchema } from './package.ts';

/**
 * The user's own approval of one exact package. Only a person's action may call this (a Telegram
 * or web button, the chat's confirmation step, a REST call with their token, or the user's MCP
 * client, whose host asks the person): Jobhound's agents never hold this tool. The surface's
 * channel (ApprovalCallContext) is recorded as approvedVia; a call without one is MCP's.
 */
export function createApproveApplicationTool(deps: { db: Database }) {
  return defineTool({
    id: 'approve_application',
    title: 'Approve an application for submission',
    description:
      "Records the user's approval of one prepared application package, by the approval id prepare_application (or fill_application, once the form was filled) returned. Call this only when the person has explicitly approved it. The approval is bound to the application and a hash of its exact filled values, expires after 24 hours, and is refused if anything changed since it was requested (prepare or fill again for a new one). Approving sends nothing; submit_application does, with this approval id.",
    inputSchema: z.object({
      approvalId: z.string().uuid().describe('the approval id from prepare_application or fill_application'),
    }),
    outputSchema: z.object({
      approvalId: z.string(),
      applicationId: z.string(),
      job: z.object({ title: z.string(), company: z.string() }),
      answers: z.array(filledAnswerSchema),
      willSubmit: z.array(z.string()).describe('what a submission with this approval sends'),
      valuesHash: z.string(),
      approvedAt: z.string(),
      approvedVia: z
        .enum(APPROVAL_CHANNELS)
        .nullable()
        .describe('the action that approved it (null: before channels were recorded)'),
      expiresAt: z.string(),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async execute({ approvalId }, context: ApprovalCallContext) {
      const done = await approvePackage(deps.db, context.userId, approvalId, context.channel ?? 'mcp');
      const { approval, application, package: pkg } = done;
      return {
        approvalId: approval.id,
        applicationId: application.id,
        job: { title: application.job.title, company: application.job.company },
        answers: pkg.answers,
        willSubmit: describeSubmission(application.id, pkg),
        valuesHash: approval.valuesHash,
        approvedAt: approval.approvedAt!.toISOString(),
        approvedVia: approval.approvedVia as (typeof APPROVAL_CHANNELS)[number] | null,
        expiresAt: approval.expiresAt.toISOString(),
      };
    },
    render: (out) =>
      `Approved: ${out.job.title} at ${out.job.company} (approval ${out.approvalId}, valid until ${out.expiresAt}). Submit it with submit_application.`,
  });
}
