export const resumeInputErrorCodes = [
  'too_large',
  'empty',
  'corrupt',
  'no_text_layer',
  'zip_bomb',
  'unsupported_type',
  'not_a_resume',
] as const;
export type ResumeInputErrorCode = (typeof resumeInputErrorCodes)[number];

/** A resume file we refuse; `message` is written for the person who uploaded it. */
export class ResumeInputError extends Error {
  readonly code: ResumeInputErrorCode;

  constructor(code: ResumeInputErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ResumeInputError';
    this.code = code;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
