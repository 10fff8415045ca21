import { v5 as uuidv5 } from 'uuid';

/** Namespace for job ids: fixed forever, since changing it would give every stored job a new id. */
export const JOB_ID_NAMESPACE = '4f1d3c6e-8a2b-5b7e-9c41-6d0e2f7a9b13';

// Query parameters that say how someone reached a page, not which page it is. Greenhouse's gh_jid is
// deliberately absent: it identifies the job on boards that embed Greenhouse.
const TRACKING_PARAMS = new Set([
  'gh_src',
  'lever-source',
  'lever-origin',
  'lever-source[]',
  'ref',
  'referrer',
  'ref_src',
  'source',
  'src',
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  'hsctatracking',
  'trk',
  'trkinfo',
  'li_fat_id',
  'refid',
  'trackingid',
  '_ga',
  '_gl',
  'mkt_tok',
  'campaign',
  'campaignid',
  'cmpid',
  'sessionid',
]);

function isTracking(name: string): boolean {
  const key = name.toLowerCase();
  return key.startsWith('utm_') || TRACKING_PARAMS.has(key);
}

/**
 * The form of a posting URL used to recognise the same posting: lower-case scheme and host, no default
 * port, fragment or tracking parameters, remaining parameters sorted, no trailing slash except the root.
 * Throws when the text is not an absolute http(s) URL.
 */
export function canonicalUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new Error(`Invalid job URL "${url}": not an absolute URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`Invalid job URL "${url}": scheme must be http or https, not ${parsed.protocol}`);
  }
  // URL already lower-cases scheme and host and drops the default port.
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  const kept = [...parsed.searchParams]
    .filter(([name]) => !isTracking(name))
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  parsed.search = new URLSearchParams(kept).toString();
  if (parsed.pathname.length > 1) parsed.pathname = parsed.pathname.replace(/\/+$/, '') || '/';
  return parsed.toString();
}

/** A stable UUIDv5 for a posting, derived from its canonical URL (canonicalised again, to be safe). */
export function jobIdFromUrl(canonical: string): string {
  return uuidv5(canonicalUrl(canonical), JOB_ID_NAMESPACE);
}
