import type { EmbeddingModelV4 } from '@ai-sdk/provider';
import type { Config } from '../config/config.ts';
import type { Logger } from '../config/logger.ts';
import type { Database } from '../db/client.ts';
import { type BrowserPool, createBrowserPool, findChromium } from './crawl/browser-pool.ts';
import { createFetcher, type SafeFetcher } from './crawl/safe-fetch.ts';
import { rewriteToBase } from './crawl/source-rewrite.ts';
import { createSsrfGuard } from './crawl/ssrf-guard.ts';
import { annualInCurrency, isKnownCurrency } from './jobs/currency.ts';
import { normalizePosting } from './jobs/normalize.ts';
import { createJobStore, type JobStore, type SalaryToUsdYear } from './jobs/store.ts';
import type { NormalizedJob, RawPosting, SalaryPeriod } from './jobs/types.ts';
import { createEmbeddingModel } from './match/embedding-model.ts';
import { createMatcher, type Matcher } from './match/matcher.ts';
import type { MatchRefiner } from './match/refine.ts';
import { createProfileStore, type ProfileStore } from './profile/store.ts';
import { createResumeStore, type ResumeStore } from './resume/store.ts';
import { createSkillExtractor, type SkillExtractor } from './skills/extract.ts';
import { createSourceStore, type SourceStore } from './sources/store.ts';
import { type Accounts, createAccounts } from './users/accounts.ts';

/** The long-lived parts every tool and task shares, built once per process from config. */
export interface Services {
  config: Config;
  logger: Logger;
  db: Database;
  fetcher: SafeFetcher;
  /** Null when no Chromium is installed; launched lazily on the first page that needs it. */
  browser: BrowserPool | null;
  skills: SkillExtractor;
  normalize(raw: RawPosting): NormalizedJob;
  toUsdYear: SalaryToUsdYear;
  jobStore: JobStore;
  sources: SourceStore;
  accounts: Accounts;
  embedder: EmbeddingModelV4;
  resumes: ResumeStore;
  profiles: ProfileStore;
  matcher: Matcher;
  close(): Promise<void>;
}

const PERIODS = new Set<string>(['year', 'month', 'week', 'day', 'hour']);

export const toUsdYear: SalaryToUsdYear = (amount, currency, period) => {
  if (amount === null || !currency || !isKnownCurrency(currency)) return null;
  const p = (period && PERIODS.has(period) ? period : 'year') as SalaryPeriod;
  return annualInCurrency(amount, currency, p, 'USD');
};

export function createServices(deps: {
  config: Config;
  logger: Logger;
  db: Database;
  /** Tests inject their own browser (or none). */
  browser?: BrowserPool | null;
  /** A configured language model's re-ranking of top matches (built by the runtime from agents/). */
  refiner?: MatchRefiner;
}): Services {
  const { config, logger, db } = deps;
  const fetcher = createFetcher({
    ...(config.SOURCE_BASE_URL ? { sourceBaseUrl: config.SOURCE_BASE_URL } : {}),
    allowHosts: config.CRAWL_ALLOW_HOSTS,
    globalConcurrency: config.CRAWL_CONCURRENCY,
    perHostConcurrency: config.CRAWL_PER_HOST_CONCURRENCY,
    logger: logger.child({ component: 'fetch' }),
  });
  let browser = deps.browser;
  if (browser === undefined) {
    const executablePath = findChromium(config as unknown as Record<string, string | undefined>);
    const guard = createSsrfGuard({ allowHosts: config.CRAWL_ALLOW_HOSTS });
    const base = config.SOURCE_BASE_URL;
    browser = executablePath
      ? createBrowserPool({
          executablePath,
          logger: logger.child({ component: 'browser' }),
          ...(base ? { rewrite: (url: string) => rewriteToBase(url, base) } : {}),
          guard: (url) => guard.check(base ? rewriteToBase(url, base) : url),
        })
      : null;
  }
  const skills = createSkillExtractor();
  const extractSkills = (text: string) => skills.skills(text);
  const embedder = createEmbeddingModel(
    {
      EMBEDDING_MODEL: config.EMBEDDING_MODEL,
      ...(config.OPENAI_API_KEY ? { OPENAI_API_KEY: config.OPENAI_API_KEY } : {}),
      ...(config.OPENAI_BASE_URL ? { OPENAI_BASE_URL: config.OPENAI_BASE_URL } : {}),
    },
    { extractSkills },
  );
  const resumes = createResumeStore({ db, embedder, extractSkills });
  const profiles = createProfileStore(db);
  const matcher = createMatcher({
    db,
    embedder,
    skills,
    resumes,
    profiles,
    toUsdYear,
    logger,
    ...(deps.refiner ? { refiner: deps.refiner } : {}),
  });
  return {
    config,
    logger,
    db,
    fetcher,
    browser,
    skills,
    normalize: (raw) => normalizePosting(raw, { extractSkills }),
    toUsdYear,
    jobStore: createJobStore(db, { toUsdYear }),
    sources: createSourceStore(db),
    accounts: createAccounts(db),
    embedder,
    resumes,
    profiles,
    matcher,
    async close() {
      fetcher.close();
      await browser?.close();
    },
  };
}
