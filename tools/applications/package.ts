import { createHash } from 'node:crypto';
import { z } from 'zod';
import { gapsSchema, removedClaimSchema } from '../review/tailor-resume.ts';

export const filledAnswerSchema = z.object({ key: z.string(), question: z.string(), answer: z.string() });
export const openQuestionSchema = z.object({ key: z.string(), question: z.string() });

/** What prepare_application stores on the application: everything a submission would send. */
export const applicationPackageSchema = z.object({
  version: z.literal(1),
  preparedAt: z.string(),
  resume: z.object({
    markdown: z.string(),
    pdfBase64: z.string().optional(),
    pdfRenderer: z.enum(['chromium', 'pdf-lib']),
    gaps: gapsSchema,
    removed: z.array(removedClaimSchema),
  }),
  coverLetter: z.object({ markdown: z.string() }),
  /** Contact details as the resume gives them, for the form's name, email and phone fields. */
  contact: z
    .object({ name: z.string().optional(), email: z.string().optional(), phone: z.string().optional() })
    .default({}),
  answers: z.array(filledAnswerSchema),
  questionsToAsk: z.array(openQuestionSchema),
  /** sha256 of the exact values a submission would send; an approval is bound to it. */
  valuesHash: z.string(),
});
export type ApplicationPackage = z.infer<typeof applicationPackageSchema>;

/**
 * sha256 over the exact filled values (answers, resume and cover letter text, resume PDF) and the
 * application they belong to, in a canonical order: any change gives a different hash.
 */
export function hashFilledValues(
  applicationId: string,
  values: Pick<ApplicationPackage, 'answers' | 'coverLetter' | 'contact'> & {
    resume: Pick<ApplicationPackage['resume'], 'markdown' | 'pdfBase64'>;
  },
): string {
  const answers = [...values.answers]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((a) => [a.key, a.answer]);
  const canonical = JSON.stringify([
    'jobhound-application-v1',
    applicationId,
    answers,
    values.resume.markdown,
    createHash('sha256')
      .update(values.resume.pdfBase64 ?? '')
      .digest('hex'),
    values.coverLetter.markdown,
    [values.contact.name ?? '', values.contact.email ?? '', values.contact.phone ?? ''],
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The stored package of an application, or null when there is none (or it is unreadable). */
export function readPackage(stored: unknown): ApplicationPackage | null {
  const parsed = applicationPackageSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
