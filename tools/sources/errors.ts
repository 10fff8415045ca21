// Errors a job source raises. Each message names the source and says what went wrong, because the
// user sees it when a board they added cannot be crawled.

/** The spec a user gave for a source cannot be understood. */
export class SourceSpecError extends Error {
  readonly spec: string;
  constructor(spec: string, message: string) {
    super(message);
    this.name = 'SourceSpecError';
    this.spec = spec;
  }
}

/** The provider answered 404: the board, site or company does not exist there. */
export class SourceNotFoundError extends Error {
  readonly provider: string;
  readonly board: string;
  readonly url: string;
  constructor(provider: string, board: string, url: string) {
    super(`${provider} board '${board}' does not exist (404 from ${url})`);
    this.name = 'SourceNotFoundError';
    this.provider = provider;
    this.board = board;
    this.url = url;
  }
}

/** The provider answered, but not in the documented shape. */
export class SourceResponseError extends Error {
  readonly provider: string;
  readonly board: string;
  readonly url: string;
  /** Dotted path of the first offending field ("jobs.3.title"), or "" for the whole body. */
  readonly field: string;
  constructor(provider: string, board: string, url: string, field: string, reason: string) {
    const where = field === '' ? 'the response body' : `field '${field}'`;
    super(`${provider} response for board '${board}' is malformed: ${where} ${reason} (from ${url})`);
    this.name = 'SourceResponseError';
    this.provider = provider;
    this.board = board;
    this.url = url;
    this.field = field;
  }
}
