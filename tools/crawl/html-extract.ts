import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';
import type { RawPosting } from '../jobs/types.ts';
import { decodeEntities } from './jsonld.ts';
import { discoverLinks } from './links.ts';

// Detail-page extraction for sites without JSON-LD. The page text ends up in job descriptions that
// an LLM reads later, so anything a visitor cannot see (hidden, aria-hidden, display:none...) is
// removed before extraction: hidden text is where prompt injections hide.

export interface MainContent {
  title: string | null;
  markdown: string;
  text: string;
}

// linkedom's DOM is typed loosely against the DOM lib, which this project does not load.
// biome-ignore lint/suspicious/noExplicitAny: linkedom/Readability need DOM types this project lacks
type Doc = any;
// biome-ignore lint/suspicious/noExplicitAny: see Doc
type El = any;

const REMOVED_TAGS =
  'script,style,noscript,iframe,frame,frameset,form,template,svg,canvas,object,embed,link,meta';
const HIDDEN_SELECTOR =
  '[hidden],[aria-hidden="true"],[style],.hidden,.d-none,.is-hidden,.display-none,.visually-hidden,.sr-only';
const HIDDEN_STYLE =
  /display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d])|opacity\s*:\s*0(?![.\d])/i;
const MIN_POSTING_TEXT = 200;
/** A page with this many job links is a listing, whatever else it holds. */
export const LISTING_MIN_JOB_LINKS = 8;
const BLOCK_END = /<(?:br|\/p|\/div|\/li|\/h\d|\/tr|\/dd|\/dt|\/section|\/header|\/td|\/th)\b[^>]*>/gi;
const POSTING_WORDS =
  /\b(responsibilit|requirement|qualification|what you('|’)ll do|about the role|about you|your profile|we offer|benefits|experience|apply|skills|aufgaben|dein profil|ihr profil|wir bieten|anforderungen)/gi;

function parse(html: string): Doc {
  const source =
    typeof html === 'string' && /<html[\s>]/i.test(html)
      ? html
      : `<!doctype html><html><body>${html ?? ''}</body></html>`;
  return parseHTML(source).document;
}

function textOf(el: El): string {
  return ((el?.textContent as string | undefined) ?? '').replace(/\s+/g, ' ').trim();
}

function meta(doc: Doc, name: string): string | null {
  const el = doc.querySelector(`meta[property="${name}"],meta[name="${name}"]`);
  const value = ((el?.getAttribute('content') as string | null) ?? '').trim();
  return value || null;
}

/** Removes non-content and invisible elements in place. */
function stripInvisible(doc: Doc): void {
  for (const el of [...doc.querySelectorAll(REMOVED_TAGS)]) el.remove();
  for (const el of [...doc.querySelectorAll(HIDDEN_SELECTOR)]) {
    if (el.hasAttribute('style') && !el.hasAttribute('hidden') && !el.matches?.('[aria-hidden="true"]')) {
      const cls = ` ${el.getAttribute('class') ?? ''} `;
      const hiddenClass = /\s(hidden|d-none|is-hidden|display-none|visually-hidden|sr-only)\s/.test(cls);
      if (!hiddenClass && !HIDDEN_STYLE.test(el.getAttribute('style') ?? '')) continue;
    }
    el.remove();
  }
}

/** Readability resolves links against documentURI, which linkedom leaves empty; do it ourselves. */
function absolutizeLinks(doc: Doc, pageUrl: string): void {
  for (const [selector, attr] of [
    ['a[href]', 'href'],
    ['img[src]', 'src'],
  ] as const) {
    for (const el of [...doc.querySelectorAll(selector)]) {
      const value = el.getAttribute(attr) as string;
      try {
        const url = new URL(value, pageUrl);
        if (/^(javascript|data|vbscript):/i.test(url.protocol)) el.removeAttribute(attr);
        else el.setAttribute(attr, url.href);
      } catch {
        el.removeAttribute(attr);
      }
    }
  }
}

/** Plain text that keeps block boundaries as spaces ("About the role You will..."). */
function htmlToText(html: string): string {
  return decodeEntities(html.replace(BLOCK_END, ' ').replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

function createTurndown(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
  });
  service.remove(['button', 'input', 'select', 'textarea']);
  return service;
}

interface ContentParts extends MainContent {
  html: string;
}

function prepare(doc: Doc, pageUrl: string): Doc {
  stripInvisible(doc);
  absolutizeLinks(doc, pageUrl);
  return doc;
}

/** Runs Readability on a prepared document, falling back to <main>/<article>/<body>. */
function readContent(doc: Doc): ContentParts {
  const fallbackTitle = textOf(doc.querySelector('h1')) || textOf(doc.querySelector('title')) || null;
  const fallbackRoot = doc.querySelector('main,[role="main"],article') ?? doc.body ?? doc.documentElement;
  const fallbackHtml = (fallbackRoot?.innerHTML as string | undefined) ?? '';
  let article: ReturnType<Readability['parse']> = null;
  try {
    article = new Readability(doc, { charThreshold: 200 }).parse();
  } catch {
    article = null;
  }
  const useArticle = Boolean(article?.content && (article.textContent ?? '').trim().length > 0);
  // Readability creates its wrappers as "DIV"; keep the markup conventional.
  const html = (useArticle ? (article!.content as string) : fallbackHtml).replace(/<(\/?)DIV\b/g, '<$1div');
  let markdown = '';
  try {
    markdown = createTurndown().turndown(html).trim();
  } catch {
    markdown = '';
  }
  const text = htmlToText(html);
  const title = (article?.title ?? '').trim() || fallbackTitle;
  return { title, markdown, text, html };
}

export function extractMainContent(html: string, pageUrl: string): MainContent {
  try {
    const { title, markdown, text } = readContent(prepare(parse(html), pageUrl));
    return { title, markdown, text };
  } catch {
    return { title: null, markdown: '', text: '' };
  }
}

function cleanTitle(raw: string | null, company: string | null): string | null {
  if (!raw) return null;
  let title = raw.replace(/\s+/g, ' ').trim();
  // "<title>" is usually "Job – Company Careers"; keep the part before the site suffix.
  const parts = title.split(/\s+[|–—]\s+|\s+-\s+(?=[^-]*$)/);
  if (parts.length > 1) {
    const rest = parts.slice(1).join(' ').toLowerCase();
    if ((company && rest.includes(company.toLowerCase())) || /career|jobs|karriere|stellen/.test(rest)) {
      title = parts[0]!.trim();
    }
  }
  return title || null;
}

const LOCATION_LABEL = /^(location|locations|standort|arbeitsort|einsatzort|office)\s*:?$/i;
const LOCATION_LINE = /^\s*(?:location|standort|arbeitsort|einsatzort)\s*:\s*(.{2,80}?)\s*$/im;

function plausibleLocation(text: string): string | undefined {
  const cleaned = text.replace(/^(location|standort)\s*:?\s*/i, '').trim();
  return cleaned.length >= 2 && cleaned.length <= 100 ? cleaned : undefined;
}

function findLocation(doc: Doc): string | undefined {
  const tagged = doc.querySelectorAll(
    '[itemprop="jobLocation"],[itemprop="addressLocality"],[class*="location"],[id*="location"],[data-qa*="location"]',
  );
  for (const el of [...tagged]) {
    const text = plausibleLocation(textOf(el));
    if (text) return text;
  }
  // "<dt>Location</dt><dd>Berlin</dd>" and "<strong>Location:</strong> Berlin" layouts.
  for (const label of [...doc.querySelectorAll('dt,th,td,strong,b,label,span')]) {
    if (!LOCATION_LABEL.test(textOf(label))) continue;
    const value =
      plausibleLocation(textOf(label.nextElementSibling)) ?? plausibleLocation(textOf(label.parentElement));
    if (value) return value;
  }
  const lines = ((doc.body?.innerHTML as string | undefined) ?? '')
    .replace(BLOCK_END, '\n')
    .replace(/<[^>]*>/g, ' ');
  return LOCATION_LINE.exec(decodeEntities(lines))?.[1]?.trim() || undefined;
}

function findApplyUrl(doc: Doc, pageUrl: string): string | undefined {
  for (const a of [...doc.querySelectorAll('a[href]')]) {
    if (!/\b(apply|bewerben|jetzt bewerben)\b/i.test(textOf(a))) continue;
    try {
      const url = new URL(a.getAttribute('href'), pageUrl);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // not a usable link: keep looking
    }
  }
  return undefined;
}

function hostCompany(pageUrl: string): string | null {
  try {
    const labels = new URL(pageUrl).hostname.replace(/^(?:www|jobs|careers|karriere)\./, '').split('.');
    return (labels.length > 1 ? labels[labels.length - 2] : labels[0]) || null;
  } catch {
    return null;
  }
}

export function extractPostingFromHtml(
  html: string,
  pageUrl: string,
  hints?: { company?: string },
): RawPosting | null {
  try {
    return extractPosting(html, pageUrl, hints);
  } catch {
    return null;
  }
}

function extractPosting(html: string, pageUrl: string, hints?: { company?: string }): RawPosting | null {
  const url = new URL(pageUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  const doc = parse(html);
  const siteName = meta(doc, 'og:site_name');
  const company =
    hints?.company?.trim() ||
    siteName ||
    textOf(doc.querySelector('[itemprop="hiringOrganization"]')) ||
    hostCompany(pageUrl);
  const title = [textOf(doc.querySelector('h1')), meta(doc, 'og:title'), textOf(doc.querySelector('title'))]
    .map((candidate) => cleanTitle(candidate || null, company))
    .find((c) => c && c.length <= 200 && c.toLowerCase() !== company?.toLowerCase());
  if (!title || !company) return null;

  const jobLinks = discoverLinks(html, url.href).jobLinks.length;
  prepare(doc, url.href);
  const location = findLocation(doc);
  const applyUrl = findApplyUrl(doc, url.href);
  const content = readContent(doc);
  if (content.text.length < MIN_POSTING_TEXT) return null;
  const signals = new Set((content.text.match(POSTING_WORDS) ?? []).map((w) => w.toLowerCase())).size;
  const isListing = jobLinks >= LISTING_MIN_JOB_LINKS || (jobLinks >= 4 && signals < 2);
  if (isListing || (signals === 0 && !location)) return null;

  const posting: RawPosting = { url: url.href, title, company, descriptionHtml: content.html };
  if (content.markdown) posting.descriptionMarkdown = content.markdown;
  if (location) posting.locationText = location;
  if (applyUrl && applyUrl !== url.href) posting.applyUrl = applyUrl;
  if (location && /\bremote\b/i.test(location)) posting.remote = 'remote';
  return posting;
}
