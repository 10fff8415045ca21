import { createHash } from 'node:crypto';
import { z } from 'zod';
import { gapsSchema, removedClaimSchema } from '../review/tailor-resume.ts';

export const filledAnswerSchema = z.object({ key: z.string(), question: z.string(), answer: z.string() });
export const openQuestionSchema = z.object({ key: z.string(), question: z.string() });

/**
 * The form as fill_application last filled it from this package: what the person reviews. An
 * approval given after it is bound to these exact filled values too, and submission re-fills the
 * live form and refuses when they differ.
 */
export const formSnapshotSchema = z.object({
  url: z.string(),
  filled: z.array(z.object({ field: z.string(), value: z.string() })),
  unfilled: z.array(z.object({ field: z.string(), required: z.boolean() })),
  /** hashFormFill of the filled form. */
  filledHash: z.string(),
  /** The package values it was filled from (a snapshot of older values no longer counts). */
  packageHash: z.string(),
  filledAt: z.string(),
});
export type FormSnapshot = z.infer<typeof formSnapshotSchema>;

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
  form: formSnapshotSchema.optional(),
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

/** How the person gives an approval, for tool output a model or client relays. */
export const HOW_TO_APPROVE =
  'To approve it, the person replies "approve" in the chat, presses Approve in Telegram, or calls approve_application from their own MCP client.';

/** The form snapshot of a package when it was filled from these very values, else null. */
export function currentForm(applicationId: string, pkg: ApplicationPackage): FormSnapshot | null {
  return pkg.form && pkg.form.packageHash === hashFilledValues(applicationId, pkg) ? pkg.form : null;
}

/**
 * What an approval is bound to: the package values and, once the form was filled from them, the
 * filled form as well. Any change in either gives a different hash.
 */
export function approvalHash(applicationId: string, pkg: ApplicationPackage): string {
  const values = hashFilledValues(applicationId, pkg);
  const form = pkg.form && pkg.form.packageHash === values ? pkg.form : null;
  if (!form) return values;
  return createHash('sha256')
    .update(JSON.stringify(['jobhound-approval-v1', values, form.filledHash]))
    .digest('hex');
}

/** The stored package of an application, or null when there is none (or it is unreadable). */
export function readPackage(stored: unknown): ApplicationPackage | null {
  const parsed = applicationPackageSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
