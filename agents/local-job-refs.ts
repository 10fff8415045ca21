/**
 * Resolves which job a clause means: a job id as typed, "the first one" / "#2" against the last
 * list of jobs in the conversation, "the Acme job" by company, or "it" / "this one" for the job
 * last discussed.
 */
import type { Conversation, JobRef } from './intents.ts';
import type { Clause } from './local-rule-kit.ts';
import { readOrdinal, UUID } from './local-slots.ts';

/** Words that point at a job of the conversation. */
export const JOB_QUESTION =
  /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|1st|2nd|3rd|4th|5th|top (one|match|job|result)|best (one|match|job)|number \d+|no\.? ?\d+|(job|match|option|result) #?\d+|this (one|job|role|position|posting|match)|that (one|job|role|position|posting|match)|the (job|role|position|posting|match)|it|this|that)\b|#\s?\d+/;

const ORDINARY_COMPANY_WORDS = new Set([
  'the',
  'inc',
  'gmbh',
  'ltd',
  'llc',
  'labs',
  'group',
  'company',
  'technologies',
  'tech',
  'and',
]);

/** The listed job whose company or title the clause names ("why is the acme job a fit"). */
export function companyIn(norm: string, conversation: Conversation): JobRef | null {
  const jobs = conversation.focus ? [conversation.focus, ...conversation.jobs] : conversation.jobs;
  const byTitle = jobs.find(
    (job) => job.title && job.title.length >= 6 && norm.includes(job.title.toLowerCase()),
  );
  if (byTitle) return byTitle;
  for (const job of jobs) {
    if (!job.company) continue;
    const words = job.company
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 3 && !ORDINARY_COMPANY_WORDS.has(w));
    if (
      words.length > 0 &&
      new RegExp(`\\b${words[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(norm)
    )
      return job;
  }
  return null;
}

const NO_LIST =
  'Which job do you mean? I have not shown you a list of jobs in this conversation yet — ask “show my matches” first, or give me the job id.';

/** `{ jobId }` for the job the clause means, or `{ missing }` with the question to ask back. */
export function jobArgs(c: Clause, conversation: Conversation): { jobId: string } | { missing: string } {
  const id = UUID.exec(c.raw)?.[0];
  if (id) return { jobId: id.toLowerCase() };
  const byCompany = companyIn(c.norm, conversation);
  if (byCompany) return { jobId: byCompany.id };
  const jobs = conversation.jobs;
  const ordinal = readOrdinal(c.norm);
  if (ordinal !== null) {
    const job = ordinal === -1 ? jobs.at(-1) : jobs[ordinal];
    if (job) return { jobId: job.id };
    if (jobs.length === 0) return { missing: NO_LIST };
    return {
      missing: `The last list had ${jobs.length} job${jobs.length === 1 ? '' : 's'}; which one do you mean (1–${jobs.length})?`,
    };
  }
  if (conversation.focus) return { jobId: conversation.focus.id };
  if (jobs.length === 1) return { jobId: jobs[0]!.id };
  if (jobs.length > 1)
    return { missing: `Which of the ${jobs.length} jobs above do you mean? Say “the first one” or “#2”.` };
  return { missing: NO_LIST };
}
