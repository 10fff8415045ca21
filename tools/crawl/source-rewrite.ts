// SOURCE_BASE_URL lets one local server stand in for every provider host: a request for
// https://HOST/PATH?QUERY is sent to ${base}/HOST/PATH?QUERY, and URLs coming back from the base
// (redirect targets) are mapped back to their public form so callers never see the fixture server.

import { FetchError } from './types.ts';

function parseUrl(url: string, what: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new FetchError('invalid_url', url, `${what} is not a valid URL: ${JSON.stringify(url)}`);
  }
}

function trimBase(base: string): string {
  const parsed = parseUrl(base, 'SOURCE_BASE_URL');
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError('invalid_url', base, `SOURCE_BASE_URL must be http(s), got ${parsed.protocol}`);
  }
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

/** Maps a public http(s) URL onto the base: https://host:8443/a?b → ${base}/host:8443/a?b (fragment dropped). */
export function rewriteToBase(url: string, base: string): string {
  const parsed = parseUrl(url, 'URL');
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError('invalid_url', url, `only http(s) URLs can be fetched, got ${parsed.protocol}`);
  }
  return `${trimBase(base)}/${parsed.host}${parsed.pathname}${parsed.search}`;
}

/** True when the URL lives under the base (the inverse mapping applies to it). */
export function isUnderBase(url: string, base: string): boolean {
  const trimmed = trimBase(base);
  return url === trimmed || url.startsWith(`${trimmed}/`);
}

/**
 * Maps a URL under the base back to its public form: ${base}/host/a?b → https://host/a?b.
 * The base form does not carry the scheme, so the caller passes the scheme of the public URL the
 * request started from (https by default). URLs outside the base are already public and returned as is.
 */
export function rewriteFromBase(url: string, base: string, protocol: 'http:' | 'https:' = 'https:'): string {
  const parsed = parseUrl(url, 'URL');
  const absolute = parsed.href;
  const trimmed = trimBase(base);
  if (!isUnderBase(absolute, trimmed)) return absolute;
  const rest = absolute.slice(trimmed.length + 1);
  const hostEnd = rest.search(/[/?#]/);
  const host = hostEnd === -1 ? rest : rest.slice(0, hostEnd);
  if (host === '') {
    throw new FetchError('invalid_url', url, `URL under SOURCE_BASE_URL names no host: ${url}`);
  }
  const publicUrl = parseUrl(`${protocol}//${host}${hostEnd === -1 ? '/' : rest.slice(hostEnd)}`, 'URL');
  publicUrl.hash = '';
  return publicUrl.href;
}
