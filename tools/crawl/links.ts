import { decodeEntities } from './jsonld.ts';

// Link discovery on career/listing pages. Runs on every crawled page, so anchors are read with a
// regex scan rather than a DOM: listing pages are large and we only need href, rel and text.

export interface DiscoveredLinks {
  jobLinks: string[];
  nextPages: string[];
}

interface Anchor {
  href: string;
  rel: string;
  text: string;
  label: string;
}

/** ATS hosts whose job detail URLs we recognise even though they are on another site. */
const ATS_DETAIL: Array<[RegExp, RegExp]> = [
  [/(^|\.)greenhouse\.io$/, /\/jobs\/\d+/],
  [/^jobs\.(eu\.)?lever\.co$/, /^\/[^/]+\/[0-9a-f-]{20,}/i],
  [/^jobs\.ashbyhq\.com$/, /^\/[^/]+\/[0-9a-f-]{20,}/i],
  [/(^|\.)workable\.com$/, /\/j\/[0-9a-z]+/i],
  [/^(jobs|careers)\.smartrecruiters\.com$/, /^\/[^/]+\/\d{6,}/],
  [/\.recruitee\.com$/, /^\/o\/[^/]+/],
  [/\.jobs\.personio\.(de|com)$/, /^\/job\/\d+/],
  [/\.myworkdayjobs\.com$/, /\/job\//],
];

const SOCIAL_HOSTS =
  /(^|\.)(linkedin\.com|twitter\.com|x\.com|facebook\.com|instagram\.com|youtube\.com|xing\.com|glassdoor\.[a-z.]+|tiktok\.com|kununu\.com|github\.com|medium\.com|t\.me|wa\.me)$/i;
const NOT_A_POSTING =
  /\/(log-?in|sign-?in|sign-?up|register|apply|account|privacy|imprint|impressum|cookie|terms|search|filter|alerts?|rss|feed)(\/|$)/i;
const JOB_PATH =
  /\/(jobs?|positions?|openings?|vacanc(?:y|ies)|stellen(?:angebote)?|stellenanzeigen?|roles?|opportunit(?:y|ies)|o)\/(?!page\/)[^/?#]+/i;
const CAREERS_SLUG =
  /\/(careers?|karriere|career-opportunities)\/(?:[^/?#]+\/)*([^/?#]*(?:\d{3,}|[a-z]+-[a-z]+-[a-z]+)[^/?#]*)/i;
const JOB_QUERY = /[?&](gh_jid|jobid|job_id|jid|ashby_jid|posting_id|vacancyid|lever-origin)=/i;
const TITLE_WORDS =
  /\b(engineer|developer|manager|designer|scientist|analyst|intern(ship)?|specialist|director|consultant|architect|administrator|coordinator|representative|associate|recruiter|accountant|technician|officer|lead|head of|entwickler(in)?|werkstudent(in)?|praktikum|\(m\/w\/d\)|\(w\/m\/d\)|\(f\/m\/d\)|\(all genders?\))\b/i;
const NEXT_TEXT =
  /^(next|next page|more jobs|weiter|nächste( seite)?|suivant|siguiente|›|»|>|→|next\s*[›»>→])$/i;

/** True when a URL is shaped like a single job posting (path, query or a known ATS detail URL). */
export function isJobDetailUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  for (const [hostRe, pathRe] of ATS_DETAIL) {
    if (hostRe.test(host)) return pathRe.test(url.pathname);
  }
  if (NOT_A_POSTING.test(url.pathname)) return false;
  if (JOB_QUERY.test(url.search)) return true;
  return JOB_PATH.test(url.pathname) || CAREERS_SLUG.test(url.pathname);
}

/** Registrable-ish domain: enough to tell "same company site" without a public-suffix list. */
export function siteOf(host: string): string {
  const labels = host.toLowerCase().split('.');
  const secondLevel = labels[labels.length - 2] ?? '';
  const keep = labels.length > 2 && secondLevel.length <= 3 && (labels.at(-1)?.length ?? 0) === 2 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

function isAtsHost(host: string): boolean {
  return ATS_DETAIL.some(([hostRe]) => hostRe.test(host));
}

const ANCHOR = /<(a|link)\b([^>]*)>/gi;
const ATTR = /([a-zA-Z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

function attributes(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(raw); m; m = ATTR.exec(raw)) {
    out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

function readAnchors(html: string): Anchor[] {
  const anchors: Anchor[] = [];
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(html); m; m = ANCHOR.exec(html)) {
    const attrs = attributes(m[2]!);
    if (attrs.href === undefined) continue;
    const isLinkTag = m[1]!.toLowerCase() === 'link';
    // <link> only matters for rel=next; stylesheets and canonicals are not navigation.
    if (isLinkTag && !/(^|\s)next(\s|$)/i.test(attrs.rel ?? '')) continue;
    let text = '';
    if (!isLinkTag) {
      // Anchor text is looked for in a bounded window so an unclosed <a> cannot make this quadratic.
      const window = html.slice(ANCHOR.lastIndex, ANCHOR.lastIndex + 2000);
      const end = window.search(/<\/a\s*>/i);
      const inner = end === -1 ? window.slice(0, 300) : window.slice(0, end);
      text = decodeEntities(inner.replace(/<[^>]*>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim();
    }
    anchors.push({
      href: decodeEntities(attrs.href.trim()),
      rel: (attrs.rel ?? '').toLowerCase(),
      text,
      label: `${attrs['aria-label'] ?? ''} ${attrs.class ?? ''} ${attrs.title ?? ''}`.toLowerCase(),
    });
  }
  return anchors;
}

function absolute(href: string, base: URL): URL | null {
  if (!href || /^(mailto|tel|javascript|data|sms):/i.test(href)) return null;
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url;
  } catch {
    return null;
  }
}

function pageNumber(url: URL): { key: string; n: number } | null {
  for (const key of ['page', 'p', 'pg', 'seite', 'pagenumber']) {
    const value = url.searchParams.get(key);
    if (value && /^\d+$/.test(value)) return { key, n: Number(value) };
  }
  const path = /\/page\/(\d+)\/?$/.exec(url.pathname);
  return path ? { key: '/page/', n: Number(path[1]) } : null;
}

function isNextOf(candidate: URL, page: URL): boolean {
  if (candidate.pathname.replace(/\/page\/\d+\/?$/, '') !== page.pathname.replace(/\/page\/\d+\/?$/, '')) {
    return false;
  }
  const current = pageNumber(page)?.n ?? 1;
  const next = pageNumber(candidate);
  return next !== null && next.n === current + 1;
}

function looksLikeNext(anchor: Anchor): boolean {
  if (anchor.rel.split(/\s+/).includes('next')) return true;
  if (NEXT_TEXT.test(anchor.text)) return true;
  return (
    anchor.text.length <= 20 && /(^|[\s_-])next([\s_-]|$)/.test(anchor.label) && !/prev/.test(anchor.label)
  );
}

export function discoverLinks(html: string, pageUrl: string): DiscoveredLinks {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return { jobLinks: [], nextPages: [] };
  }
  page.hash = '';
  const site = siteOf(page.hostname);
  const jobLinks = new Set<string>();
  const nextPages = new Set<string>();
  for (const anchor of typeof html === 'string' ? readAnchors(html) : []) {
    const url = absolute(anchor.href, page);
    if (!url || url.href === page.href) continue;
    const host = url.hostname.toLowerCase();
    if (SOCIAL_HOSTS.test(host)) continue;
    const sameSite = siteOf(host) === site;
    if (sameSite && (looksLikeNext(anchor) || isNextOf(url, page))) {
      nextPages.add(url.href);
      continue;
    }
    if (!sameSite && !isAtsHost(host)) continue;
    if (isJobDetailUrl(url)) jobLinks.add(url.href);
    else if (
      sameSite &&
      anchor.text.length <= 120 &&
      TITLE_WORDS.test(anchor.text) &&
      looksLikeDetailPath(url)
    ) {
      jobLinks.add(url.href);
    }
  }
  for (const next of nextPages) jobLinks.delete(next);
  return { jobLinks: [...jobLinks], nextPages: [...nextPages] };
}

/** A path deep or specific enough to be one page per posting, not a section of the site. */
function looksLikeDetailPath(url: URL): boolean {
  if (NOT_A_POSTING.test(url.pathname)) return false;
  const segments = url.pathname.split('/').filter(Boolean);
  const last = segments.at(-1) ?? '';
  return segments.length >= 2 && (/\d{3,}/.test(last) || last.split('-').length >= 2);
}
