/** The parts of Accounts the HTTP endpoint needs to decide who is calling. */
export interface AccessAccounts {
  authenticate(token: string): Promise<string | null>;
  /** The local user while it is the only account (created on first use), else null. */
  soleLocalUser(): Promise<string | null>;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return LOOPBACK_NAMES.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

/**
 * A browser page on another origin (or a DNS-rebound name) must not drive the assistant: the
 * Origin has to be the server's own (loopback, or the address the request came to) or one the
 * operator listed.
 */
export function checkOrigin(
  origin: string | undefined,
  requestUrl: string,
  allowedOrigins: readonly string[],
): string | null {
  if (origin === undefined) return null;
  const given = originOf(origin);
  if (given && allowedOrigins.some((o) => originOf(o) === given)) return null;
  if (given) {
    // A page this server served itself (the web chat, opened at whatever address reached it). On
    // a loopback-bound server checkHost has already refused a Host that is not loopback; bound
    // elsewhere, every request needs a token, which a page on another origin cannot read.
    const own = new URL(requestUrl);
    if (given === own.origin) return null;
    const url = new URL(given);
    if (isLoopbackHost(url.hostname) && url.port === own.port && url.protocol === 'http:') return null;
  }
  return `origin '${origin}' is not allowed to use this MCP endpoint`;
}

/** When bound to loopback, a Host that is not a loopback name means DNS rebinding. */
export function checkHost(
  hostHeader: string | undefined,
  boundHost: string,
  allowedOrigins: readonly string[],
): string | null {
  if (!isLoopbackHost(boundHost) || hostHeader === undefined) return null;
  const name = hostHeader.replace(/:\d+$/, '');
  if (isLoopbackHost(name)) return null;
  if (allowedOrigins.some((o) => originOf(o) !== null && new URL(o).host === hostHeader.toLowerCase()))
    return null;
  return `host '${hostHeader}' is not this server`;
}

export type Caller = { userId: string } | { error: string };

/**
 * Who a request acts as. A bearer token always decides; without one, a loopback server whose
 * only user is the local one lets the request act as that user (a single-person install).
 */
export async function resolveCaller(
  authorization: string | undefined,
  accounts: AccessAccounts,
  boundHost: string,
): Promise<Caller> {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (authorization && !match) return { error: 'the Authorization header must be "Bearer <token>"' };
  if (match) {
    const userId = await accounts.authenticate(match[1]!);
    return userId ? { userId } : { error: 'the bearer token is not valid' };
  }
  const local = isLoopbackHost(boundHost) ? await accounts.soleLocalUser() : null;
  return local ? { userId: local } : { error: 'a bearer token is required (Authorization: Bearer <token>)' };
}
