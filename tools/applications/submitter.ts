import type { ApplicationPackage } from './package.ts';

export interface SubmitRequest {
  applicationId: string;
  job: { title: string; company: string; url: string; applyUrl: string | null };
  package: ApplicationPackage;
  /** Fill and screenshot, never click submit. */
  dryRun: boolean;
  /**
   * The hash of the filled form the user approved (hashFormFill), when they approved a filled
   * form: the live form is filled again and nothing is sent when its values differ.
   */
  approvedFilledHash?: string;
  signal?: AbortSignal;
}

export interface FilledField {
  field: string;
  value: string;
}

export type SubmitOutcome =
  | { outcome: 'submitted'; url: string; message: string }
  | { outcome: 'dry_run'; url: string; filled: FilledField[]; unfilled: string[]; screenshotBase64?: string }
  /** A login wall, CAPTCHA, multi-step account flow or no automatic filling: the person takes over. */
  | { outcome: 'needs_you'; url: string; reason: string }
  /** The live form, filled again, differs from the form the user approved: nothing was sent. */
  | { outcome: 'form_changed'; url: string; reason: string; filled: FilledField[]; unfilled: string[] }
  /** Submit was clicked but no answer came back: it may have been sent, so it is never sent again. */
  | { outcome: 'unknown'; url: string; reason: string };

/** The seam that sends an approved package to the employer (the browser form filler plugs in here). */
export interface Submitter {
  submit(request: SubmitRequest): Promise<SubmitOutcome>;
}

/**
 * The submitter used until form filling is available: it sends nothing. A dry run lists the values
 * that would be filled; a real submission hands the approved package back to the person.
 */
export const manualSubmitter: Submitter = {
  async submit({ job, package: pkg, dryRun }) {
    const url = job.applyUrl ?? job.url;
    if (dryRun) {
      return {
        outcome: 'dry_run',
        url,
        filled: [
          ...pkg.answers.map((a) => ({ field: a.question, value: a.answer })),
          {
            field: 'Resume',
            value: pkg.resume.pdfBase64 ? 'tailored resume (PDF)' : 'tailored resume (Markdown)',
          },
          { field: 'Cover letter', value: pkg.coverLetter.markdown },
        ],
        unfilled: [],
      };
    }
    return {
      outcome: 'needs_you',
      url,
      reason:
        'automatic form filling is not available here: open the apply page, send the approved package yourself, then mark it applied with track_application',
    };
  },
};
