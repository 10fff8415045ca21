/** Bumped whenever a template or the guard changes what an output would be. */
export const TAILOR_PROMPT_VERSION = 'tailor-v2';
export const COVER_LETTER_PROMPT_VERSION = 'cover-letter-v2';
