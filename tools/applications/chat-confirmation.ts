import type { Database } from '../../db/client.ts';
import { ToolInputError } from '../tool.ts';
import { approvePackage, describeSubmission, openApprovals, type PendingApproval } from './approve.ts';

/**
 * An explicit confirmation typed by the person: "approve", "yes, submit it", "I approve",
 * "approve application 3f2a91". A bare "yes" is not one (it may answer anything), nor is a
 * sentence that says more ("don't submit", "approve both", "submit it tomorrow").
 */
const CONFIRMATION =
  /^(?:(?:yes|yeah|yep|ok|okay|sure|confirmed)[\s,!.]+)?(?:please\s+)?(?:i\s+)?(approve|confirm|submit|send)(?:\s+(?:it|this|that|the\s+application|my\s+application|application))?(?:\s+([0-9a-f]{4,8}(?:-[0-9a-f-]{0,28})?))?(?:\s+now)?(?:[\s,]+please)?$/;

/** Shortest id prefix a person may type to name an application or approval. */
export const MIN_ID_PREFIX = 4;

/** The confirmation a message makes (and the id prefix it names), or null when it is none. */
export function parseConfirmation(
  message: string,
): { verb: 'approve' | 'submit'; ref: string | null } | null {
  const text = message
    .trim()
    .toLowerCase()
    .replace(/[\s.!]+$/, '')
    .replace(/\s+/g, ' ');
  const match = text.match(CONFIRMATION);
  if (!match) return null;
  const verb = match[1] === 'approve' || match[1] === 'confirm' ? 'approve' : 'submit';
  return { verb, ref: match[2] ?? null };
}

const short = (id: string) => id.slice(0, 8);
const listed = (pending: PendingApproval[]) =>
  pending.map(
    (p) => `- ${p.job.title} at ${p.job.company}: say "approve application ${short(p.applicationId)}"`,
  );

/**
 * The chat's own approval step, run by the chat service before any model sees the message: a
 * confirmation approves the one package waiting for the person (or the one it names) with
 * approvedVia 'chat'. Anything ambiguous is asked back; no model or tool call approves anything.
 * Returns the reply, or null when the message is not a confirmation this step should answer.
 */
export function createChatConfirmation(deps: { db: Database }) {
  return {
    async handle(userId: string, message: string): Promise<{ text: string; approvalId?: string } | null> {
      const confirmation = parseConfirmation(message);
      if (!confirmation) return null;
      const open = await openApprovals(deps.db, userId);
      const pending = open.filter((a): a is PendingApproval => a.approvedAt === null);
      const { verb, ref } = confirmation;
      // "Submit it" while an approved package waits to be sent means that one: the assistant's turn.
      if (verb === 'submit' && open.some((a) => a.approvedAt !== null)) return null;
      const matches = ref
        ? pending.filter((p) => p.applicationId.startsWith(ref) || p.approvalId.startsWith(ref))
        : pending;
      // Nothing of the kind waits for approval: not a confirmation this step answers.
      if (pending.length === 0 && verb === 'submit') return null;
      if (matches.length === 0 && verb === 'submit' && ref) return null;
      if (pending.length === 0 && !ref) {
        return {
          text: 'Nothing is waiting for your approval, so nothing was approved. Ask me to prepare an application for a job first (a package that changed since it was prepared needs preparing again); I will show you what would be sent before you approve it.',
        };
      }
      if (matches.length === 0) {
        return {
          text: [
            `No application waiting for your approval matches "${ref}". Nothing was approved.`,
            ...(pending.length ? ['Waiting for your approval:', ...listed(pending)] : []),
          ].join('\n'),
        };
      }
      if (matches.length > 1) {
        return {
          text: [
            `${matches.length} applications are waiting for your approval. Which one? Nothing was approved yet.`,
            ...listed(matches),
          ].join('\n'),
        };
      }
      const chosen = matches[0]!;
      try {
        const done = await approvePackage(deps.db, userId, chosen.approvalId, 'chat');
        const { job } = done.application;
        return {
          approvalId: done.approval.id,
          text: [
            `Approved: ${job.title} at ${job.company} (approval ${done.approval.id}, valid until ${done.approval.expiresAt.toISOString()}).`,
            'This is what will be submitted:',
            ...describeSubmission(done.application.id, done.package),
            `Nothing has been sent yet: ask me to submit application ${short(done.application.id)} with approval ${done.approval.id} when you are ready.`,
          ].join('\n'),
        };
      } catch (err) {
        if (err instanceof ToolInputError) return { text: `Not approved: ${err.message}` };
        throw err;
      }
    },
  };
}

export type ChatConfirmation = ReturnType<typeof createChatConfirmation>;
