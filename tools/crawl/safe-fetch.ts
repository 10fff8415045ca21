// The one Fetcher every Jobhound component uses to reach the outside: SSRF guard on every hop,
// robots.txt, per-host politeness, retries with backoff, a timeout and a body size cap, and the
// SOURCE_BASE_URL rewrite that lets a local fixture server stand in for every provider.

import { createHostScheduler, defaultSleep, type Sleep } from './host-scheduler.ts';
import { createRobotsCache } from './robots.ts';
import { rewriteFromBase, rewriteToBase } from './source-rewrite.ts';
import { createPinnedDispatcher, createSsrfGuard, type HostLookup } from './ssrf-guard.ts';
import { FetchError, type Fetcher, type FetchOptions, type FetchResult } from './types.ts';

export const DEFAULT_USER_AGENT =
  'JobhoundBot/0.1 (+https://github.com/jobhound/jobhound; job search assistant)';
const DEFAULT_ACCEPT =
  'text/html,application/xhtml+xml,application/json;q=0.9,application/xml;q=0.9,*/*;q=0.8';
const JSON_ACCEPT = 'application/json,*/*;q=0.5';
// Google's limit for robots.txt; anything bigger is not a real robots file.
const ROBOTS_MAX_BYTES = 500 * 1024;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FetcherLogger {
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface FetcherOptions {
  userAgent?: string;
  sourceBaseUrl?: string;
  allowHosts?: string[];
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  retries?: number;
  retryBaseMs?: number;
  maxRetryAfterMs?: number;
  globalConcurrency?: number;
  perHostConcurrency?: number;
  perHostDelayMs?: number;
  respectRobots?: boolean;
  logger?: FetcherLogger;
  lookup?: HostLookup;
  /** How connections resolve host names (default: the system resolver); checked again on connect. */
  connectLookup?: HostLookup;
  fetchImpl?: typeof fetch;
  sleep?: Sleep;
}

export interface FetchStats {
  requests: number;
  bytes: number;
  retries: number;
  refusedSsrf: number;
  refusedRobots: number;
  tooLarge: number;
  timeouts: number;
  byStatus: Record<number, number>;
}

export type SafeFetcher = Fetcher & { stats(): FetchStats; close(): void };

/** One HTTP answer; body is read only for 2xx answers. */
interface Answer {
  status: number;
  contentType: string;
  location: string | undefined;
  retryAfterMs: number | undefined;
  body: string;
}

interface RequestPlan {
  accept: string;
  signal: AbortSignal | undefined;
  checkRobots: boolean;
  retries: number;
  maxBytes: number;
}

const noopLogger: FetcherLogger = { warn() {}, info() {}, debug() {} };

function requireNumber(name: string, value: number, min: number, integer: boolean): number {
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new RangeError(`fetcher option ${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}`);
  }
  return value;
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function decodeBody(bytes: Uint8Array, contentType: string): string {
  const label = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    // WHATWG labels map latin1/iso-8859-1 onto windows-1252, which is what servers mean by them.
    decoder = new TextDecoder(label ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

export function createFetcher(options: FetcherOptions = {}): SafeFetcher {
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const base = options.sourceBaseUrl;
  const timeoutMs = requireNumber('timeoutMs', options.timeoutMs ?? 15_000, 1, false);
  const maxBytes = requireNumber('maxBytes', options.maxBytes ?? 5 * 1024 * 1024, 1, true);
  const maxRedirects = requireNumber('maxRedirects', options.maxRedirects ?? 5, 0, true);
  const retries = requireNumber('retries', options.retries ?? 3, 0, true);
  const retryBaseMs = requireNumber('retryBaseMs', options.retryBaseMs ?? 500, 0, false);
  const maxRetryAfterMs = requireNumber('maxRetryAfterMs', options.maxRetryAfterMs ?? 60_000, 0, false);
  const respectRobots = options.respectRobots ?? true;
  const logger = options.logger ?? noopLogger;
  const fetchImpl = options.fetchImpl ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  if (base !== undefined) rewriteToBase('https://example.com/', base); // fail early on a bad base

  const guard = createSsrfGuard({ allowHosts: options.allowHosts ?? [], lookup: options.lookup });
  const dispatcher = createPinnedDispatcher({
    allowHosts: options.allowHosts ?? [],
    ...(options.connectLookup ? { lookup: options.connectLookup } : {}),
  });
  const scheduler = createHostScheduler({
    globalConcurrency: options.globalConcurrency ?? 32,
    perHostConcurrency: options.perHostConcurrency ?? 4,
    perHostDelayMs: options.perHostDelayMs ?? 0,
    sleep,
  });
  const closer = new AbortController();
  const counts: Omit<FetchStats, 'byStatus'> = {
    requests: 0,
    bytes: 0,
    retries: 0,
    refusedSsrf: 0,
    refusedRobots: 0,
    tooLarge: 0,
    timeouts: 0,
  };
  const byStatus: Record<number, number> = {};

  const robots = createRobotsCache({
    userAgent,
    logger,
    fetchRobotsTxt: (robotsUrl) =>
      request(robotsUrl, {
        accept: 'text/plain,*/*;q=0.5',
        signal: undefined,
        checkRobots: false,
        retries: 0,
        maxBytes: ROBOTS_MAX_BYTES,
      }),
  });

  function tooLarge(url: string, limit: number): FetchError {
    counts.tooLarge++;
    return new FetchError('too_large', url, `Response from ${url} exceeds the ${limit}-byte limit`);
  }

  async function readBody(response: Response, url: string, limit: number, stop: () => void): Promise<string> {
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > limit) {
      stop();
      throw tooLarge(url, limit);
    }
    if (!response.body) return '';
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      counts.bytes += value.byteLength;
      if (total > limit) {
        stop();
        throw tooLarge(url, limit);
      }
      chunks.push(value);
    }
    return decodeBody(Buffer.concat(chunks), response.headers.get('content-type') ?? '');
  }

  /** Maps whatever an attempt threw to a FetchError, or rethrows the caller's own abort. */
  function explain(
    error: unknown,
    url: string,
    timeout: AbortSignal,
    callerSignal?: AbortSignal,
  ): FetchError {
    if (error instanceof FetchError) return error;
    if (closer.signal.aborted)
      return new FetchError('network', url, `Fetcher was closed while fetching ${url}`);
    if (timeout.aborted) {
      counts.timeouts++;
      return new FetchError('timeout', url, `${url} did not answer within ${timeoutMs} ms`);
    }
    if (callerSignal?.aborted) throw callerSignal.reason;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause instanceof FetchError && cause.code === 'ssrf_refused') {
      counts.refusedSsrf++;
      logger.warn({ url, reason: cause.message }, 'refused connection (SSRF guard, DNS changed)');
      return new FetchError('ssrf_refused', url, cause.message);
    }
    const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    return new FetchError('network', url, `Network error fetching ${url}: ${reason}`);
  }

  async function attempt(publicUrl: string, target: string, plan: RequestPlan): Promise<Answer> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const local = new AbortController();
    const signals = [timeout, local.signal, closer.signal];
    if (plan.signal) signals.push(plan.signal);
    try {
      counts.requests++;
      const response = await fetchImpl(target, {
        method: 'GET',
        headers: { 'user-agent': userAgent, accept: plan.accept },
        redirect: 'manual',
        signal: AbortSignal.any(signals),
        dispatcher,
      } as RequestInit);
      byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
      const answer: Answer = {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        location: response.headers.get('location') ?? undefined,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
        body: '',
      };
      if (response.status >= 200 && response.status < 300) {
        answer.body = await readBody(response, publicUrl, plan.maxBytes, () => local.abort());
      } else {
        local.abort(); // drop the connection rather than download an error page we will not read
      }
      return answer;
    } catch (error) {
      throw explain(error, publicUrl, timeout, plan.signal);
    }
  }

  /** Waits `ms`, cut short by close() or the caller's signal. */
  async function pause(ms: number, url: string, signal?: AbortSignal): Promise<void> {
    const stop = signal ? AbortSignal.any([signal, closer.signal]) : closer.signal;
    let onAbort = () => {};
    const aborted = new Promise<void>((resolve) => {
      onAbort = () => resolve();
      stop.addEventListener('abort', onAbort, { once: true });
    });
    await Promise.race([sleep(ms), aborted]);
    stop.removeEventListener('abort', onAbort);
    if (signal?.aborted) throw signal.reason;
    if (closer.signal.aborted)
      throw new FetchError('network', url, `Fetcher was closed while fetching ${url}`);
  }

  function backoffMs(retry: number): number {
    const exponential = retryBaseMs * 2 ** retry;
    return exponential + Math.random() * exponential * 0.5;
  }

  async function attemptWithRetries(publicUrl: string, target: string, plan: RequestPlan): Promise<Answer> {
    const host = new URL(publicUrl).host;
    for (let retry = 0; ; retry++) {
      let waitMs: number;
      try {
        const answer = await scheduler.run(host, () => attempt(publicUrl, target, plan));
        const retryable = answer.status >= 500 || answer.status === 429 || answer.status === 408;
        if (!retryable || retry >= plan.retries) return answer;
        waitMs =
          answer.retryAfterMs === undefined
            ? backoffMs(retry)
            : Math.min(answer.retryAfterMs, maxRetryAfterMs);
        logger.debug({ url: publicUrl, status: answer.status, waitMs }, 'retrying after HTTP status');
      } catch (error) {
        if (closer.signal.aborted) {
          throw new FetchError('network', publicUrl, `Fetcher was closed while fetching ${publicUrl}`);
        }
        // Anything but a FetchError is the caller's own abort reason, which must not be retried.
        if (!(error instanceof FetchError) || error.code !== 'network' || retry >= plan.retries) throw error;
        waitMs = backoffMs(retry);
        logger.debug({ url: publicUrl, err: error.message, waitMs }, 'retrying after network error');
      }
      counts.retries++;
      await pause(waitMs, publicUrl, plan.signal);
    }
  }

  async function checkGuard(publicUrl: string, target: string): Promise<void> {
    try {
      await guard.check(publicUrl, { resolve: target === publicUrl });
      if (target !== publicUrl) await guard.check(target);
    } catch (error) {
      if (error instanceof FetchError && error.code === 'ssrf_refused') {
        counts.refusedSsrf++;
        logger.warn({ url: publicUrl, target, reason: error.message }, 'refused request (SSRF guard)');
      }
      throw error;
    }
  }

  async function checkRobots(publicUrl: string): Promise<void> {
    if (!(await robots.isAllowed(publicUrl))) {
      counts.refusedRobots++;
      logger.info({ url: publicUrl }, 'robots.txt disallows this URL');
      throw new FetchError('robots_disallowed', publicUrl, `robots.txt disallows fetching ${publicUrl}`);
    }
    const parsed = new URL(publicUrl);
    const crawlDelay = await robots.crawlDelayMs(parsed.origin);
    if (crawlDelay > 0) scheduler.setMinDelay(parsed.host, crawlDelay);
  }

  /** Follows redirects by hand so that every hop passes the guard (and robots). */
  async function request(url: string, plan: RequestPlan): Promise<Answer & { finalUrl: string }> {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      throw new FetchError('invalid_url', url, `Not a valid URL: ${JSON.stringify(url)}`);
    }
    current.hash = '';
    for (let hop = 0; ; hop++) {
      if (closer.signal.aborted) throw new FetchError('network', url, 'Fetcher is closed');
      const publicUrl = current.href;
      const target = base === undefined ? publicUrl : rewriteToBase(publicUrl, base);
      await checkGuard(publicUrl, target);
      if (plan.checkRobots) await checkRobots(publicUrl);
      const answer = await attemptWithRetries(publicUrl, target, plan);
      if (!REDIRECT_STATUSES.has(answer.status) || answer.location === undefined) {
        return { ...answer, finalUrl: publicUrl };
      }
      if (hop >= maxRedirects) {
        throw new FetchError('too_many_redirects', url, `${url} redirected more than ${maxRedirects} times`);
      }
      const next = URL.parse(answer.location, target)?.href;
      if (next === undefined) {
        throw new FetchError(
          'invalid_url',
          url,
          `${publicUrl} redirected to an invalid URL: ${answer.location}`,
        );
      }
      const protocol = current.protocol === 'http:' ? 'http:' : 'https:';
      current = new URL(base === undefined ? next : rewriteFromBase(next, base, protocol));
      current.hash = '';
      logger.debug({ from: publicUrl, to: current.href, status: answer.status }, 'following redirect');
    }
  }

  async function fetchText(url: string, fetchOptions: FetchOptions = {}, accept = DEFAULT_ACCEPT) {
    if (fetchOptions.signal?.aborted) throw fetchOptions.signal.reason;
    const answer = await request(url, {
      accept: fetchOptions.accept ?? accept,
      signal: fetchOptions.signal,
      checkRobots: respectRobots && fetchOptions.ignoreRobots !== true,
      retries,
      maxBytes,
    });
    if (answer.status < 200 || answer.status >= 300) {
      throw new FetchError(
        'http_status',
        url,
        `${answer.finalUrl} answered HTTP ${answer.status}`,
        answer.status,
      );
    }
    const result: FetchResult = {
      url,
      finalUrl: answer.finalUrl,
      status: answer.status,
      contentType: answer.contentType,
      body: answer.body,
    };
    return result;
  }

  return {
    fetchText: (url, fetchOptions) => fetchText(url, fetchOptions),
    async fetchJson<T = unknown>(url: string, fetchOptions?: FetchOptions) {
      const result = await fetchText(url, fetchOptions, JSON_ACCEPT);
      let data: T;
      try {
        data = JSON.parse(result.body) as T;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new FetchError(
          'bad_json',
          url,
          `Response from ${result.finalUrl} is not valid JSON: ${reason}`,
        );
      }
      return { ...result, data };
    },
    stats: () => ({ ...counts, byStatus: { ...byStatus } }),
    close() {
      closer.abort();
      scheduler.close(new Error('Fetcher is closed'));
      void dispatcher.close().catch(() => {});
    },
  };
}
