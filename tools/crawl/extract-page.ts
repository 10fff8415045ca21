import type { RawPosting } from '../jobs/types.ts';
import { detectAts } from './ats-detect.ts';
import { extractPostingFromHtml, LISTING_MIN_JOB_LINKS } from './html-extract.ts';
import { extractJobPostingsFromHtml } from './jsonld.ts';
import { discoverLinks } from './links.ts';

// The extraction tiers for one fetched page, cheapest first. JSON-LD and link/ATS discovery are
// string scans; a DOM is only built when JSON-LD has nothing, and a browser is only asked for
// when the static HTML is an empty shell that scripts fill in.

export type ExtractionTier = 'jsonld' | 'html' | 'links' | 'none';

export interface PageExtraction {
  postings: RawPosting[];
  jobLinks: string[];
  nextPages: string[];
  atsSpecs: string[];
  needsBrowser: boolean;
  tier: ExtractionTier;
}

export interface ExtractPageOptions {
  /** The company whose site this is, when the caller knows it (used by the HTML tier). */
  company?: string;
}

const MOUNT_POINT =
  /<(div|main|section|app-root)\b[^>]*\bid\s*=\s*["']?(root|app|__next|__nuxt|main|application|svelte|react-root|jobs|careers)\b[^>]*>\s*(<\/\1>|<noscript)/i;
const SCRIPT = /<script\b/i;

/** Visible text left in the static HTML, roughly: scripts, styles and tags removed. */
function visibleTextLength(html: string): number {
  const body = html.slice(Math.max(0, html.search(/<body\b/i)));
  return body
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim().length;
}

/** An app shell: an empty mount point, or scripts and almost no text. */
export function looksClientRendered(html: string): boolean {
  if (!SCRIPT.test(html)) return false;
  if (MOUNT_POINT.test(html)) return true;
  return visibleTextLength(html) < 300 || /enable javascript|javascript (is )?required/i.test(html);
}

export function extractPage(html: string, pageUrl: string, options: ExtractPageOptions = {}): PageExtraction {
  const source = typeof html === 'string' ? html : '';
  const atsSpecs = detectAts(source, pageUrl).map((d) => d.spec);
  const links = discoverLinks(source, pageUrl);

  const jsonld = extractJobPostingsFromHtml(source, pageUrl);
  if (jsonld.length > 0) {
    const own = new Set(jsonld.map((p) => p.url));
    return {
      postings: jsonld,
      jobLinks: links.jobLinks.filter((link) => !own.has(link)),
      nextPages: links.nextPages,
      atsSpecs,
      needsBrowser: false,
      tier: 'jsonld',
    };
  }

  // Building a DOM costs ~100x the string scans; a listing page would be rejected anyway.
  const isListing = links.jobLinks.length >= LISTING_MIN_JOB_LINKS;
  const hints = options.company ? { company: options.company } : undefined;
  const posting = isListing ? null : extractPostingFromHtml(source, pageUrl, hints);
  const postings = posting ? [posting] : [];
  const tier: ExtractionTier = posting ? 'html' : links.jobLinks.length > 0 ? 'links' : 'none';
  const needsBrowser =
    postings.length === 0 &&
    links.jobLinks.length === 0 &&
    atsSpecs.length === 0 &&
    looksClientRendered(source);
  return { postings, jobLinks: links.jobLinks, nextPages: links.nextPages, atsSpecs, needsBrowser, tier };
}
