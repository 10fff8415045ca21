import { accessSync, constants } from 'node:fs';
import type { Logger } from 'pino';
import {
  type APIResponse,
  type Browser,
  type BrowserContext,
  chromium,
  type Page,
  type Route,
} from 'playwright-core';

// Headless Chromium for the few career pages that only render client-side. A browser costs
// ~100 MB and a second to start, so it is launched on first use, its pages are reused across
// renders, and heavy resources are never downloaded. Every request a page makes passes the same
// guard (SSRF/robots) as plain fetches, and may be rewritten (SOURCE_BASE_URL) on its way out.

export type PoolLogger = Pick<Logger, 'debug' | 'warn'>;

export interface RequestPolicy {
  /** Maps a public URL to the URL actually requested (SOURCE_BASE_URL support). */
  rewrite?: (url: string) => string;
  /** Called with the public URL of every request the page makes; a rejection aborts the request. */
  guard?: (url: string) => Promise<void>;
}

export interface BrowserPoolOptions extends RequestPolicy {
  executablePath?: string;
  size?: number;
  pageTimeoutMs?: number;
  logger: PoolLogger;
}

export interface RenderOptions extends RequestPolicy {
  /** CSS selector to wait for instead of network idle. */
  waitFor?: string;
}

export interface RenderResult {
  html: string;
  finalUrl: string;
  status: number;
}

export interface BrowserPoolStats {
  launches: number;
  pagesCreated: number;
  openPages: number;
}

export interface BrowserPool {
  render(url: string, options?: RenderOptions): Promise<RenderResult>;
  stats(): BrowserPoolStats;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium-headless-shell',
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
const BLOCKED_RESOURCES = new Set(['image', 'font', 'media', 'stylesheet']);

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to use: CHROMIUM_PATH when it exists, else the first usual install found, else null. */
export function findChromium(
  env: Record<string, string | undefined>,
  exists: (path: string) => boolean = isExecutable,
): string | null {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured && exists(configured)) return configured;
  return CHROMIUM_CANDIDATES.find((path) => exists(path)) ?? null;
}

interface Slot {
  page: Page;
  generation: number;
  /** The policy of the render in progress; null between renders, when requests are refused. */
  policy: RequestPolicy | null;
  /** Why the guard refused the page's own navigation, so render can report it. */
  refusal: unknown;
  /** Where the page's own document redirected to; render() follows it. */
  redirect: string | undefined;
  /** Requests of this page still being answered through the guard. */
  inFlight: number;
}

/** A rendered page counts as settled after this long with no DOM change and no request pending. */
export const SETTLE_QUIET_MS = 120;

/** Page script (run in the page, hence a string): resolves once the DOM has been quiet for `quiet` ms. */
function quietDomScript(quiet: number, budget: number): string {
  return `new Promise((resolve) => {
    const finish = () => { observer.disconnect(); clearTimeout(limit); resolve(); };
    let timer = setTimeout(finish, ${quiet});
    const limit = setTimeout(finish, ${Math.round(budget)});
    const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, ${quiet}); });
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  })`;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createBrowserPool(options: BrowserPoolOptions): BrowserPool {
  const size = Math.max(1, options.size ?? 4);
  const timeout = options.pageTimeoutMs ?? 20_000;
  const { logger } = options;
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;
  let launching: Promise<BrowserContext> | null = null;
  let generation = 0;
  let open = 0;
  let idle: Slot[] = [];
  let waiters: Array<() => void> = [];
  let closed = false;
  const counters = { launches: 0, pagesCreated: 0 };

  function wakeAll(): void {
    const pending = waiters;
    waiters = [];
    for (const wake of pending) wake();
  }

  function forgetBrowser(dead: Browser): void {
    if (browser !== dead) return;
    logger.warn({ generation }, 'headless browser disconnected; it will be relaunched on the next render');
    browser = null;
    context = null;
    launching = null;
    generation++;
    open = 0;
    idle = [];
    wakeAll();
  }

  async function launch(): Promise<BrowserContext> {
    const executablePath = options.executablePath ?? findChromium(process.env);
    if (!executablePath) {
      throw new Error('No Chromium found: set CHROMIUM_PATH or install chromium-headless-shell');
    }
    const launched = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
    counters.launches++;
    if (closed) {
      await launched.close().catch(() => undefined);
      throw new Error('browser pool is closed');
    }
    launched.on('disconnected', () => forgetBrowser(launched));
    browser = launched;
    // Service workers would fetch outside the route handler, past the guard.
    context = await launched.newContext({ serviceWorkers: 'block', acceptDownloads: false });
    return context;
  }

  async function ensureContext(): Promise<BrowserContext> {
    if (context && browser?.isConnected()) return context;
    if (!launching) {
      launching = launch().catch((err: unknown) => {
        launching = null;
        throw err;
      });
    }
    return launching;
  }

  async function handleRoute(slot: Slot, route: Route): Promise<void> {
    const request = route.request();
    const url = request.url();
    slot.inFlight++;
    try {
      if (BLOCKED_RESOURCES.has(request.resourceType()) || !slot.policy) {
        await route.abort('blockedbyclient');
        return;
      }
      const isMainDocument = request.isNavigationRequest() && request.frame() === slot.page.mainFrame();
      const outcome = await fetchGuarded(route, slot.policy, url, isMainDocument);
      if (outcome.kind === 'refused') {
        if (isMainDocument) slot.refusal = outcome.reason;
        logger.debug(
          { url: outcome.url, reason: errorMessage(outcome.reason) },
          'browser request refused by guard',
        );
        await route.abort('blockedbyclient');
      } else if (outcome.kind === 'redirect') {
        // render() navigates to the new URL itself, so the page's address and base URL follow it.
        slot.redirect = outcome.location;
        await route.fulfill({ status: 200, contentType: 'text/html', body: '' });
      } else {
        await route.fulfill({ response: outcome.response });
      }
    } catch (err) {
      // The page navigated away or closed while this request was pending: nothing to answer.
      logger.debug({ url, reason: errorMessage(err) }, 'browser request dropped');
      await route.abort('failed').catch(() => undefined);
    } finally {
      slot.inFlight--;
    }
  }

  type FetchOutcome =
    | { kind: 'response'; response: APIResponse }
    | { kind: 'redirect'; location: string }
    | { kind: 'refused'; url: string; reason: unknown };

  /**
   * Requests run from here rather than by the browser: the browser follows redirects without
   * asking route handlers, so a redirect could reach an address the guard never saw. Each hop is
   * guarded and rewritten; a main-document redirect is handed back to render() instead.
   */
  async function fetchGuarded(
    route: Route,
    policy: RequestPolicy,
    url: string,
    isMainDocument: boolean,
  ): Promise<FetchOutcome> {
    let current = url;
    for (let hop = 0; ; hop++) {
      try {
        await policy.guard?.(current);
      } catch (reason) {
        return { kind: 'refused', url: current, reason };
      }
      const target = policy.rewrite ? policy.rewrite(current) : current;
      const response = await route.fetch(
        hop === 0
          ? { url: target, maxRedirects: 0, timeout }
          : { url: target, method: 'GET', maxRedirects: 0, timeout },
      );
      const location = response.headers().location;
      if (!REDIRECT_STATUSES.has(response.status()) || !location || hop >= MAX_REDIRECTS) {
        return { kind: 'response', response };
      }
      const next = new URL(location, current).href;
      if (isMainDocument) return { kind: 'redirect', location: next };
      current = next;
    }
  }

  async function newSlot(): Promise<Slot> {
    const ctx = await ensureContext();
    const page = await ctx.newPage();
    counters.pagesCreated++;
    const slot: Slot = {
      page,
      generation,
      policy: null,
      refusal: undefined,
      redirect: undefined,
      inFlight: 0,
    };
    page.setDefaultTimeout(timeout);
    page.on('crash', () => logger.warn({ url: page.url() }, 'browser page crashed'));
    await page.route('**/*', (route) => handleRoute(slot, route));
    return slot;
  }

  async function acquire(): Promise<Slot> {
    for (;;) {
      if (closed) throw new Error('browser pool is closed');
      const slot = idle.pop();
      if (slot) {
        if (slot.generation === generation && !slot.page.isClosed()) return slot;
        if (slot.generation === generation) open--;
        continue;
      }
      if (open < size) {
        open++;
        const created = generation;
        try {
          return await newSlot();
        } catch (err) {
          if (created === generation) open--;
          wakeAll();
          throw err;
        }
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }

  /** Parks a page on about:blank, which stops the last page's timers and requests. */
  async function park(page: Page): Promise<boolean> {
    return page.goto('about:blank').then(
      () => true,
      () => false,
    );
  }

  /** A page whose render failed may still be showing Chrome's error page; it is closed, not reused. */
  async function release(slot: Slot, healthy: boolean): Promise<void> {
    slot.policy = null;
    slot.refusal = undefined;
    slot.redirect = undefined;
    const current = slot.generation === generation && !closed;
    const reusable = healthy && current && !slot.page.isClosed() && (await park(slot.page));
    if (reusable) idle.push(slot);
    else {
      if (current) open--;
      await slot.page.close().catch(() => undefined);
    }
    waiters.shift()?.();
  }

  /**
   * Waits until the page has made no DOM change for SETTLE_QUIET_MS while none of its requests is
   * pending. Every request passes our route handler, so the count is exact; this ends a client-side
   * render about 400 ms sooner than Playwright's networkidle, which always waits 500 ms.
   */
  async function settle(slot: Slot, deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      const budget = Math.max(1, deadline - Date.now());
      await slot.page.evaluate(quietDomScript(SETTLE_QUIET_MS, budget));
      if (slot.inFlight === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function renderOn(slot: Slot, url: string, renderOptions: RenderOptions): Promise<RenderResult> {
    const deadline = Date.now() + timeout;
    let response: Awaited<ReturnType<Page['goto']>> = null;
    let target = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      slot.redirect = undefined;
      try {
        response = await slot.page.goto(target, {
          waitUntil: 'domcontentloaded',
          timeout: Math.max(1, deadline - Date.now()),
        });
      } catch (err) {
        if (slot.refusal !== undefined) throw slot.refusal;
        throw new Error(`render of ${target} failed: ${errorMessage(err)}`);
      }
      if (!slot.redirect) break;
      target = slot.redirect;
    }
    if (slot.redirect) throw new Error(`render of ${url} failed: more than ${MAX_REDIRECTS} redirects`);
    const remaining = Math.max(1, deadline - Date.now());
    if (renderOptions.waitFor) {
      await slot.page
        .waitForSelector(renderOptions.waitFor, { state: 'attached', timeout: remaining })
        .catch(() => {
          logger.debug(
            { url, selector: renderOptions.waitFor },
            'selector did not appear before the timeout',
          );
        });
    } else {
      // Pages that poll never settle; what rendered by the deadline is what we keep.
      await settle(slot, deadline).catch(() => undefined);
    }
    return { html: await slot.page.content(), finalUrl: slot.page.url(), status: response?.status() ?? 0 };
  }

  return {
    async render(url, renderOptions = {}) {
      const slot = await acquire();
      slot.policy = {
        rewrite: renderOptions.rewrite ?? options.rewrite,
        guard: renderOptions.guard ?? options.guard,
      };
      let healthy = false;
      try {
        const result = await renderOn(slot, url, renderOptions);
        healthy = true;
        return result;
      } finally {
        await release(slot, healthy);
      }
    },
    stats() {
      return { ...counters, openPages: open };
    },
    async close() {
      closed = true;
      wakeAll();
      const current = browser;
      browser = null;
      context = null;
      launching = null;
      idle = [];
      open = 0;
      await current?.close().catch(() => undefined);
    },
  };
}
