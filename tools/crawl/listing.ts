import type { Logger } from '../../config/logger.ts';
import type { RawPosting } from '../jobs/types.ts';
import type { BrowserPool } from './browser-pool.ts';
import { isPermanentCrawlError } from './crawl-errors.ts';
import { extractPage, type PageExtraction } from './extract-page.ts';
import { looksLikeJobUrl, parseSitemap } from './sitemap.ts';
import type { Fetcher } from './types.ts';

export const MAX_LISTING_PAGES = 50;
export const MAX_SITEMAPS = 20;
export const MAX_JOB_LINKS = 5000;

export interface Listing {
  postings: RawPosting[];
  jobLinks: string[];
  atsSpecs: string[];
  /** false when pagination was cut short or a listing page failed: do not close unseen jobs. */
  complete: boolean;
  pagesRead: number;
  rendered: number;
}

interface ListingDeps {
  fetcher: Fetcher;
  browser: BrowserPool | null;
  logger: Logger;
}

const isXml = (contentType: string, body: string) =>
  /xml/i.test(contentType) || /^\s*(<\?xml|<urlset|<sitemapindex)/i.test(body);

/** Walks a career page (or sitemap): listing pages and pagination, collecting job links and postings. */
export async function discoverListing(startUrl: string, deps: ListingDeps): Promise<Listing> {
  const out: Listing = {
    postings: [],
    jobLinks: [],
    atsSpecs: [],
    complete: true,
    pagesRead: 0,
    rendered: 0,
  };
  const links = new Set<string>();
  const specs = new Set<string>();
  const visited = new Set<string>();
  const queue = [startUrl];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (visited.has(url)) continue;
    if (visited.size >= MAX_LISTING_PAGES) {
      out.complete = false;
      break;
    }
    visited.add(url);
    let page: { body: string; contentType: string; finalUrl: string };
    try {
      page = await deps.fetcher.fetchText(url);
    } catch (error) {
      // The first page failing is the source failing; a later one only makes the crawl partial.
      if (url === startUrl) throw error;
      if (!isPermanentCrawlError(error)) throw error;
      deps.logger.warn({ url, err: (error as Error).message }, 'listing page failed');
      out.complete = false;
      continue;
    }
    out.pagesRead += 1;
    if (isXml(page.contentType, page.body)) {
      const sitemap = parseSitemap(page.body);
      for (const entry of sitemap.urls) if (looksLikeJobUrl(entry.loc)) links.add(entry.loc);
      for (const child of sitemap.sitemaps.slice(0, MAX_SITEMAPS)) queue.push(child);
      continue;
    }
    let extraction: PageExtraction = extractPage(page.body, page.finalUrl);
    if (extraction.needsBrowser && deps.browser) {
      const rendered = await deps.browser.render(page.finalUrl);
      out.rendered += 1;
      extraction = extractPage(rendered.html, rendered.finalUrl);
    }
    out.postings.push(...extraction.postings);
    for (const link of extraction.jobLinks) links.add(link);
    for (const spec of extraction.atsSpecs) specs.add(spec);
    for (const next of extraction.nextPages) if (!visited.has(next)) queue.push(next);
  }
  if (links.size === 0 && out.postings.length === 0 && specs.size === 0 && out.pagesRead === 1) {
    await readSiteSitemap(startUrl, deps, links);
  }
  out.jobLinks = [...links].slice(0, MAX_JOB_LINKS);
  if (links.size > MAX_JOB_LINKS) out.complete = false;
  out.atsSpecs = [...specs];
  return out;
}

/** A page with nothing on it may still have its jobs listed in the site's sitemap.xml. */
async function readSiteSitemap(startUrl: string, deps: ListingDeps, links: Set<string>): Promise<void> {
  const sitemapUrl = new URL('/sitemap.xml', startUrl).toString();
  if (sitemapUrl === startUrl) return;
  try {
    const page = await deps.fetcher.fetchText(sitemapUrl);
    if (!isXml(page.contentType, page.body)) return;
    for (const entry of parseSitemap(page.body).urls) if (looksLikeJobUrl(entry.loc)) links.add(entry.loc);
  } catch {
    // No sitemap is the usual case.
  }
}
