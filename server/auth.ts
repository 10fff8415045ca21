/**
 * What every API route checks before it acts on a request: that it comes through a name this
 * server answers to and, from a browser, from an allowed origin; who is calling (a bearer token,
 * or the local user of a loopback install without accounts); and that its body stays in bounds.
 * The MCP route and the chat routes shape the refusals in their own error formats.
 */
import { type AccessAccounts, checkHost, checkOrigin, resolveCaller } from '../mcp-server/http-access.ts';

export interface AccessPolicy {
  accounts: AccessAccounts;
  /** The address the server is bound to: loopback allows tokenless single-user access. */
  host: string;
  /** Browser origins (besides this server's own loopback origin) allowed to call. */
  allowedOrigins?: string[];
}

export type Access = { userId: string } | { status: 401 | 403; error: string };

/** 403 for a foreign host or origin, 401 without a valid bearer token, else the caller's user id. */
export async function authorize(request: Request, policy: AccessPolicy): Promise<Access> {
  const allowed = policy.allowedOrigins ?? [];
  const refusal =
    checkHost(request.headers.get('host') ?? undefined, policy.host, allowed) ??
    checkOrigin(request.headers.get('origin') ?? undefined, request.url, allowed);
  if (refusal) return { status: 403, error: refusal };
  const caller = await resolveCaller(
    request.headers.get('authorization') ?? undefined,
    policy.accounts,
    policy.host,
  );
  return 'error' in caller ? { status: 401, error: caller.error } : caller;
}

/** The body as text, or null once it passes `limit` bytes (read no further than that). */
export async function readBoundedBody(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
