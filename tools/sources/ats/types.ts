import type { Fetcher } from '../../crawl/types.ts';
import type { RawPosting } from '../../jobs/types.ts';

export const ATS_PROVIDERS = [
  'greenhouse',
  'lever',
  'ashby',
  'workable',
  'smartrecruiters',
  'recruitee',
  'personio',
] as const;
export type AtsProvider = (typeof ATS_PROVIDERS)[number];

export interface AtsFetchOptions {
  signal?: AbortSignal;
  /** Called as postings (or pages) come in; total is given when the provider reports one. */
  onProgress?: (done: number, total?: number) => void;
}

export interface AtsResult {
  postings: RawPosting[];
  /**
   * false when the board may hold postings that are missing here (pagination cut short, a later
   * page failed, a posting was malformed), so the caller must not mark unseen jobs as closed.
   */
  complete: boolean;
  /** Why complete is false, for logs and for the user. */
  incompleteReason?: string;
}

export type AtsAdapter = (fetcher: Fetcher, board: string, options?: AtsFetchOptions) => Promise<AtsResult>;
