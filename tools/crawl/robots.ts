// robots.txt, fetched once per origin and cached for the fetcher's lifetime. Failures to get it are
// cached too, so a host whose robots.txt times out is not asked again on every page.

import robotsParserModule from 'robots-parser';
import { FetchError } from './types.ts';

// The typings declare an ES default export, but the package is CommonJS (module.exports = fn),
// and module.exports is what Node hands an ES default import.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export const MAX_CRAWL_DELAY_MS = 30_000;

export interface RobotsTxtResponse {
  status: number;
  body: string;
}

export interface RobotsLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface RobotsOptions {
  userAgent: string;
  /**
   * Gets ${origin}/robots.txt. It resolves with the status for any HTTP answer (including 4xx/5xx)
   * and rejects only when no answer came (network error, timeout, refused).
   */
  fetchRobotsTxt: (robotsUrl: string) => Promise<RobotsTxtResponse>;
  logger?: RobotsLogger;
}

export interface RobotsCache {
  isAllowed(url: string): Promise<boolean>;
  /** The origin's Crawl-delay for our user agent in ms, capped at 30 s; 0 when none. */
  crawlDelayMs(origin: string): Promise<number>;
}

interface Policy {
  isAllowed(url: string): boolean;
  crawlDelayMs: number;
}

const ALLOW_ALL: Policy = { isAllowed: () => true, crawlDelayMs: 0 };
const DISALLOW_ALL: Policy = { isAllowed: () => false, crawlDelayMs: 0 };

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    throw new FetchError('invalid_url', url, `Not a valid URL: ${JSON.stringify(url)}`);
  }
}

export function createRobotsCache(options: RobotsOptions): RobotsCache {
  const { userAgent, fetchRobotsTxt, logger } = options;
  const policies = new Map<string, Promise<Policy>>();

  async function load(origin: string): Promise<Policy> {
    const robotsUrl = `${origin}/robots.txt`;
    let response: RobotsTxtResponse;
    try {
      response = await fetchRobotsTxt(robotsUrl);
    } catch (error) {
      // No answer at all is treated as "no robots.txt", as most crawlers do.
      logger?.debug(
        { url: robotsUrl, err: (error as Error).message },
        'robots.txt unavailable, allowing all',
      );
      return ALLOW_ALL;
    }
    if (response.status === 401 || response.status === 403) {
      logger?.info({ url: robotsUrl, status: response.status }, 'robots.txt is forbidden, disallowing all');
      return DISALLOW_ALL;
    }
    if (response.status < 200 || response.status >= 300) return ALLOW_ALL;
    const robots = robotsParser(robotsUrl, response.body);
    const delaySeconds = robots.getCrawlDelay(userAgent);
    const crawlDelayMs =
      typeof delaySeconds === 'number' && Number.isFinite(delaySeconds) && delaySeconds > 0
        ? Math.min(delaySeconds * 1000, MAX_CRAWL_DELAY_MS)
        : 0;
    // robots-parser answers undefined for URLs outside this origin; those are not ours to judge.
    return { isAllowed: (url) => robots.isAllowed(url, userAgent) !== false, crawlDelayMs };
  }

  function policyFor(origin: string): Promise<Policy> {
    let policy = policies.get(origin);
    if (!policy) {
      policy = load(origin);
      policies.set(origin, policy);
    }
    return policy;
  }

  return {
    async isAllowed(url) {
      const policy = await policyFor(originOf(url));
      return policy.isAllowed(url);
    },
    async crawlDelayMs(origin) {
      const policy = await policyFor(originOf(origin));
      return policy.crawlDelayMs;
    },
  };
}
