import { SourceNotFoundError, SourceResponseError, SourceSpecError } from '../sources/errors.ts';
import { FetchError } from './types.ts';

/**
 * Errors that retrying will not fix (a board that does not exist, a refused address, a page too
 * large): the crawl records them and moves on. Anything else (network, 5xx) is thrown so the
 * queue retries the task with backoff.
 */
export function isPermanentCrawlError(error: unknown): boolean {
  if (
    error instanceof SourceNotFoundError ||
    error instanceof SourceResponseError ||
    error instanceof SourceSpecError
  ) {
    return true;
  }
  if (error instanceof FetchError) {
    if (error.code === 'network' || error.code === 'timeout') return false;
    if (error.code === 'http_status')
      return error.status !== undefined && error.status < 500 && error.status !== 429;
    return true;
  }
  return false;
}
