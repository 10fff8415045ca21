// The contract of the crawler's network layer, shared by ATS adapters, career-page crawling and
// read_page. Every request a Jobhound component makes to the outside goes through a Fetcher.

export type FetchErrorCode =
  | 'invalid_url'
  | 'ssrf_refused'
  | 'robots_disallowed'
  | 'too_large'
  | 'timeout'
  | 'too_many_redirects'
  | 'http_status'
  | 'network'
  | 'bad_json';

export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly url: string;
  readonly status: number | undefined;
  constructor(code: FetchErrorCode, url: string, message: string, status?: number) {
    super(message);
    this.name = 'FetchError';
    this.code = code;
    this.url = url;
    this.status = status;
  }
}

export interface FetchOptions {
  /** Accept header; defaults to HTML/JSON/XML. */
  accept?: string;
  signal?: AbortSignal;
  /** Skip robots.txt (only for APIs whose documented use is machine access, like ATS board APIs). */
  ignoreRobots?: boolean;
}

export interface FetchResult {
  /** The URL that was asked for (before SOURCE_BASE_URL rewriting and redirects). */
  url: string;
  /** The public URL after redirects (rewritten back from SOURCE_BASE_URL form). */
  finalUrl: string;
  status: number;
  contentType: string;
  body: string;
}

export interface Fetcher {
  fetchText(url: string, options?: FetchOptions): Promise<FetchResult>;
  fetchJson<T = unknown>(url: string, options?: FetchOptions): Promise<FetchResult & { data: T }>;
}
