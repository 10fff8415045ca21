import { z } from 'zod';
import { ATS_PROVIDERS, type AtsProvider } from './ats/types.ts';
import { SourceSpecError } from './errors.ts';

export type { AtsProvider } from './ats/types.ts';
export { SourceSpecError } from './errors.ts';

/** A job source the user named: a board on a known ATS, or any careers page URL. */
export type SourceSpec =
  | { kind: 'ats'; provider: AtsProvider; board: string; spec: string }
  | { kind: 'url'; url: string; spec: string };

const BOARD_NOUN: Record<AtsProvider, string> = {
  greenhouse: 'board',
  lever: 'site',
  ashby: 'org',
  workable: 'account',
  smartrecruiters: 'company',
  recruitee: 'company',
  personio: 'company',
};

export const ACCEPTED_SOURCE_FORMS: readonly string[] = [
  ...ATS_PROVIDERS.map((p) => `${p}:<${BOARD_NOUN[p]}>`),
  'an http(s) URL (a careers page, or a board URL such as https://boards.greenhouse.io/acme)',
];

// These two put the company in the host name, so it must be a DNS label.
const SUBDOMAIN_PROVIDERS: ReadonlySet<AtsProvider> = new Set(['recruitee', 'personio']);
const PATH_BOARD = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const SUBDOMAIN_BOARD = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Parse "greenhouse:acme", a provider's board URL, or any http(s) URL; throws SourceSpecError. */
export function parseSourceSpec(input: string): SourceSpec {
  const spec = input.trim();
  if (spec === '') throw specError(input, 'is empty');
  if (/^https?:\/\//i.test(spec)) return parseUrlSpec(spec);
  const colon = spec.indexOf(':');
  if (colon <= 0) throw specError(spec, 'has no provider prefix and is not an http(s) URL');
  const prefix = spec.slice(0, colon).toLowerCase();
  const board = spec.slice(colon + 1);
  if (board.startsWith('//'))
    throw specError(spec, `uses the unsupported URL scheme "${prefix}:" (only http and https)`);
  if (!isAtsProvider(prefix)) throw specError(spec, `names the unknown provider "${prefix}"`);
  return atsSpec(spec, prefix, board);
}

/** A tool-input schema: a source spec string, parsed into a SourceSpec. */
export const sourceSpecSchema = z
  .string()
  .describe(`A job source: ${ACCEPTED_SOURCE_FORMS.join(', ')}`)
  .transform((value, ctx): SourceSpec => {
    try {
      return parseSourceSpec(value);
    } catch (err) {
      if (!(err instanceof SourceSpecError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message, input: value });
      return z.NEVER;
    }
  });

export function isAtsProvider(value: string): value is AtsProvider {
  return (ATS_PROVIDERS as readonly string[]).includes(value);
}

function atsSpec(spec: string, provider: AtsProvider, rawBoard: string): SourceSpec {
  const noun = BOARD_NOUN[provider];
  const board = rawBoard.trim();
  if (board === '') throw specError(spec, `names no ${noun} after "${provider}:"`);
  if (/\s/.test(board)) throw specError(spec, `has a ${noun} name with spaces ("${board}")`);
  if (board.includes('/')) throw specError(spec, `has a ${noun} name with a slash ("${board}")`);
  if (SUBDOMAIN_PROVIDERS.has(provider)) {
    if (!SUBDOMAIN_BOARD.test(board)) {
      throw specError(
        spec,
        `has a ${noun} name that is not a valid subdomain ("${board}": letters, digits and inner "-" only)`,
      );
    }
    const lower = board.toLowerCase();
    return { kind: 'ats', provider, board: lower, spec: `${provider}:${lower}` };
  }
  if (!PATH_BOARD.test(board)) {
    throw specError(
      spec,
      `has a ${noun} name with characters other than letters, digits, ".", "_" and "-" ("${board}")`,
    );
  }
  return { kind: 'ats', provider, board, spec: `${provider}:${board}` };
}

function parseUrlSpec(spec: string): SourceSpec {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw specError(spec, 'is not a valid URL');
  }
  if (url.username !== '' || url.password !== '') throw specError(spec, 'contains a user name or password');
  const match = matchProviderUrl(url);
  if (match === undefined) return { kind: 'url', url: url.href, spec: url.href };
  if (match.board === undefined || match.board === '') {
    throw specError(spec, `is a ${match.provider} URL but names no ${BOARD_NOUN[match.provider]}`);
  }
  return atsSpec(spec, match.provider, match.board);
}

interface ProviderUrlMatch {
  provider: AtsProvider;
  board: string | undefined;
}

const NOT_A_COMPANY = new Set([
  'www',
  'app',
  'api',
  'apply',
  'help',
  'blog',
  'support',
  'careers',
  'jobs',
  'resources',
]);

/** Recognises the public board (and API) URLs of each provider; undefined for any other site. */
function matchProviderUrl(url: URL): ProviderUrlMatch | undefined {
  const host = url.hostname.toLowerCase();
  const seg = url.pathname
    .split('/')
    .filter((s) => s !== '')
    .map(safeDecode);
  const sub = (suffix: string): string | undefined => {
    if (!host.endsWith(suffix)) return undefined;
    const label = host.slice(0, -suffix.length);
    return label !== '' && !label.includes('.') && !NOT_A_COMPANY.has(label) ? label : undefined;
  };
  switch (host) {
    case 'boards.greenhouse.io':
    case 'job-boards.greenhouse.io':
      return {
        provider: 'greenhouse',
        board: seg[0] === 'embed' ? (url.searchParams.get('for') ?? undefined) : seg[0],
      };
    case 'boards-api.greenhouse.io':
      return { provider: 'greenhouse', board: seg[1] === 'boards' ? seg[2] : undefined };
    case 'jobs.lever.co':
      return { provider: 'lever', board: seg[0] };
    case 'api.lever.co':
      return { provider: 'lever', board: seg[1] === 'postings' ? seg[2] : undefined };
    case 'jobs.ashbyhq.com':
      return { provider: 'ashby', board: seg[0] };
    case 'api.ashbyhq.com':
      return { provider: 'ashby', board: seg[1] === 'job-board' ? seg[2] : undefined };
    case 'apply.workable.com':
      // apply.workable.com/j/{shortcode} is a job short link that does not name the account.
      if (seg[0] === 'j') return undefined;
      if (seg[0] === 'api') {
        const at = seg.indexOf('accounts');
        return { provider: 'workable', board: at >= 0 ? seg[at + 1] : undefined };
      }
      return { provider: 'workable', board: seg[0] };
    case 'jobs.smartrecruiters.com':
    case 'careers.smartrecruiters.com':
      return { provider: 'smartrecruiters', board: seg[0] };
    case 'api.smartrecruiters.com':
      return { provider: 'smartrecruiters', board: seg[1] === 'companies' ? seg[2] : undefined };
  }
  const personio = sub('.jobs.personio.de') ?? sub('.jobs.personio.com');
  if (personio) return { provider: 'personio', board: personio };
  const recruitee = sub('.recruitee.com');
  if (recruitee) return { provider: 'recruitee', board: recruitee };
  const workable = sub('.workable.com');
  if (workable) return { provider: 'workable', board: workable };
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function specError(spec: string, reason: string): SourceSpecError {
  return new SourceSpecError(
    spec,
    `Invalid job source "${spec}": it ${reason}. Accepted forms: ${ACCEPTED_SOURCE_FORMS.join(', ')}.`,
  );
}
