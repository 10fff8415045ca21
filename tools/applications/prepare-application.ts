import { z } from 'zod';
import type { Config } from '../../config/config.ts';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import { loadStoredResume } from '../review/review-input.ts';
import { createTailorResumeTool, gapsSchema } from '../review/tailor-resume.ts';
import { createWriteCoverLetterTool } from '../review/write-cover-letter.ts';
import type { SkillExtractor } from '../skills/extract.ts';
import { defineTool, ToolInputError } from '../tool.ts';
import {
  answerKey,
  createAnswerStore,
  DEFAULT_FORM_KEYS,
  MAX_QUESTION_CHARS,
  questionText,
} from './answers.ts';
import { createApprovalStore } from './approvals.ts';
import {
  type ApplicationPackage,
  approvalHash,
  filledAnswerSchema,
  HOW_TO_APPROVE,
  hashFilledValues,
  openQuestionSchema,
  readPackage,
} from './package.ts';
import { applicationStatusSchema } from './status.ts';
import { createApplicationStore } from './store.ts';

/** Statuses whose package is already sent (or moot): preparing again is refused. */
const FROZEN = new Set(['applied', 'interviewing', 'offer', 'rejected', 'withdrawn']);

export function createPrepareApplicationTool(deps: {
  db: Database;
  skills: SkillExtractor;
  config: Config;
  logger: Logger;
}) {
  const applications = createApplicationStore(deps.db);
  const answers = createAnswerStore(deps.db);
  const approvals = createApprovalStore(deps.db);
  // The same tailoring and letter paths (and caches) as the tailor_resume and write_cover_letter tools.
  const tailor = createTailorResumeTool(deps);
  const letter = createWriteCoverLetterTool(deps);

  return defineTool({
    id: 'prepare_application',
    title: 'Prepare an application',
    description:
      "Builds the application package for a job: your resume tailored to it (Markdown and PDF), a cover letter, and answers to the form's questions taken only from your stored answers (save_answers). A question without a stored answer is returned under questionsToAsk and never guessed: ask the user, store the answer with save_answers and prepare again. The application becomes ready once every question is answered. Once ready, an approval id is returned: only the user's own approval of those exact values (approve_application) lets submit_application send it. Nothing is sent here.",
    inputSchema: z.object({
      jobId: z.string().uuid().describe('the stored job to apply for'),
      questions: z
        .array(z.string().trim().min(1).max(MAX_QUESTION_CHARS))
        .max(60)
        .optional()
        .describe(
          "the form's questions as the form words them; default: work authorisation, sponsorship, notice period, salary expectation, LinkedIn, location and relocation",
        ),
      resumeId: z.string().uuid().optional().describe('a stored resume id; default: your active resume'),
    }),
    outputSchema: z.object({
      applicationId: z.string(),
      status: applicationStatusSchema,
      answers: z.array(filledAnswerSchema),
      questionsToAsk: z.array(openQuestionSchema),
      resumeMarkdown: z.string(),
      coverLetterMarkdown: z.string(),
      gaps: gapsSchema,
      valuesHash: z.string(),
      approvalId: z
        .string()
        .nullable()
        .describe(
          'when ready: the approval the user must give (approve_application) before anything is submitted',
        ),
      approvalExpiresAt: z.string().nullable(),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async execute(input, context) {
      const { userId } = context;
      const { application: existing } = await applications.create(userId, input.jobId);
      if (FROZEN.has(existing.status)) {
        throw new ToolInputError(
          `application ${existing.id} is already '${existing.status}'; its package is kept as it was`,
          'jobId',
        );
      }
      const id = existing.id;
      if (existing.status === 'saved')
        await applications.transition(userId, id, 'preparing', 'preparing the package');

      const choice = { jobId: input.jobId, ...(input.resumeId ? { resumeId: input.resumeId } : {}) };
      const resume = await tailor.execute({ ...choice, includePdf: true }, context);
      const cover = await letter.execute({ ...choice, addressGaps: false }, context);

      const wanted = input.questions ?? DEFAULT_FORM_KEYS;
      const stored = new Map((await answers.list(userId)).map((a) => [a.key, a]));
      const seen = new Set<string>();
      const filled: ApplicationPackage['answers'] = [];
      const toAsk: ApplicationPackage['questionsToAsk'] = [];
      for (const q of wanted) {
        const key = answerKey(q);
        if (key === 'q:' || seen.has(key)) continue;
        seen.add(key);
        const question = questionText(q);
        const hit = stored.get(key);
        if (hit) filled.push({ key, question, answer: hit.value });
        else toAsk.push({ key, question });
      }

      const { parsed } = await loadStoredResume(deps.db, userId, input.resumeId);
      const contact = {
        ...(parsed.name ? { name: parsed.name } : {}),
        ...(parsed.contact.email ? { email: parsed.contact.email } : {}),
        ...(parsed.contact.phone ? { phone: parsed.contact.phone } : {}),
      };
      const values = {
        contact,
        answers: filled,
        resume: { markdown: resume.markdown, ...(resume.pdfBase64 ? { pdfBase64: resume.pdfBase64 } : {}) },
        coverLetter: { markdown: cover.markdown },
      };
      const pkg: ApplicationPackage = {
        version: 1,
        preparedAt: new Date().toISOString(),
        resume: {
          ...values.resume,
          pdfRenderer: resume.pdfRenderer,
          gaps: resume.gaps,
          removed: resume.removed,
        },
        coverLetter: values.coverLetter,
        contact,
        answers: filled,
        questionsToAsk: toAsk,
        valuesHash: hashFilledValues(id, values),
      };
      // The form filled from these same values stays what the person reviewed.
      const before = readPackage(existing.package)?.form;
      if (before && before.packageHash === pkg.valuesHash) pkg.form = before;
      await applications.setPackage(userId, id, pkg);

      const current = await applications.require(userId, id);
      const target = toAsk.length === 0 ? 'ready' : 'preparing';
      const note =
        toAsk.length === 0
          ? 'package ready for your approval'
          : `waiting for ${toAsk.length} answer${toAsk.length === 1 ? '' : 's'}`;
      const { application } =
        current.status === target
          ? { application: current }
          : await applications.transition(userId, id, target, note);

      // A ready package waits for the user's approval of these exact values.
      const approval =
        application.status === 'ready' ? await approvals.request(userId, id, approvalHash(id, pkg)) : null;
      return {
        applicationId: id,
        status: application.status,
        answers: filled,
        questionsToAsk: toAsk,
        resumeMarkdown: pkg.resume.markdown,
        coverLetterMarkdown: pkg.coverLetter.markdown,
        gaps: pkg.resume.gaps,
        valuesHash: pkg.valuesHash,
        approvalId: approval?.id ?? null,
        approvalExpiresAt: approval?.expiresAt.toISOString() ?? null,
      };
    },
    render: (out) =>
      [
        `Application ${out.applicationId}: ${out.status}`,
        ...out.answers.map((a) => `- ${a.question}: ${a.answer}`),
        ...(out.questionsToAsk.length
          ? [
              'Questions to ask the user (never guessed):',
              ...out.questionsToAsk.map((q) => `- ${q.question}`),
            ]
          : []),
        ...(out.approvalId
          ? [
              `Ready: waiting for your approval ${out.approvalId} (expires ${out.approvalExpiresAt}). Nothing is sent before it.`,
              HOW_TO_APPROVE,
            ]
          : []),
      ].join('\n'),
  });
}
