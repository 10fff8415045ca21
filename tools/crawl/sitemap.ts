import { XMLParser } from 'fast-xml-parser';
import { isJobDetailUrl } from './links.ts';

// Sitemaps are the cheapest way to enumerate a career site's postings. They come from arbitrary
// servers, so anything that is not a well-formed urlset/sitemapindex yields an empty result.

export interface SitemapEntries {
  urls: Array<{ loc: string; lastmod?: string }>;
  sitemaps: string[];
}

type Node = Record<string, unknown>;

function createParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    isArray: (name) => name === 'url' || name === 'sitemap',
  });
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return textOf((value as Node)['#text']);
  return undefined;
}

function httpUrl(value: unknown): string | undefined {
  const text = textOf(value);
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function asNodes(value: unknown): Node[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.filter((v): v is Node => v !== null && typeof v === 'object');
}

export function parseSitemap(xml: string): SitemapEntries {
  const empty: SitemapEntries = { urls: [], sitemaps: [] };
  if (typeof xml !== 'string' || !xml.includes('<')) return empty;
  let doc: unknown;
  try {
    doc = createParser().parse(xml);
  } catch {
    return empty;
  }
  if (!doc || typeof doc !== 'object') return empty;
  const root = doc as Node;
  const urls: SitemapEntries['urls'] = [];
  for (const node of asNodes((root.urlset as Node | undefined)?.url)) {
    const loc = httpUrl(node.loc);
    if (!loc) continue;
    const lastmod = textOf(node.lastmod);
    urls.push(lastmod ? { loc, lastmod } : { loc });
  }
  const sitemaps: string[] = [];
  for (const node of asNodes((root.sitemapindex as Node | undefined)?.sitemap)) {
    const loc = httpUrl(node.loc);
    if (loc) sitemaps.push(loc);
  }
  return { urls, sitemaps };
}

/** True when a sitemap URL is shaped like a single job posting. */
export function looksLikeJobUrl(url: string): boolean {
  try {
    return isJobDetailUrl(new URL(url));
  } catch {
    return false;
  }
}
