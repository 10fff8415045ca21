// Keeps the crawler from being pointed at the machine it runs on or the network behind it: a job
// posting, a career page or a redirect could otherwise make us fetch http://169.254.169.254/ or an
// internal admin page and hand its contents to a model.

import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';
import { FetchError } from './types.ts';

export type HostLookup = (host: string) => Promise<string[]>;

export interface SsrfGuardOptions {
  /** Host names or IPs (case-insensitive, port ignored) that may be fetched even if they are not public. */
  allowHosts?: readonly string[];
  lookup?: HostLookup;
}

export interface SsrfCheckOptions {
  /**
   * Resolve host names through DNS (default true). Off only for URLs we will not connect to, such as the
   * public form of a URL that SOURCE_BASE_URL rewrites onto a local server; IP literals are still checked.
   */
  resolve?: boolean;
}

export interface SsrfGuard {
  check(url: string, options?: SsrfCheckOptions): Promise<void>;
}

// Names that reach a cloud metadata service without looking like an IP.
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog']);

export const defaultLookup: HostLookup = async (host) => {
  const records = await dnsLookup(host, { all: true, verbatim: true });
  return records.map((r) => r.address);
};

/** Lowercases, strips IPv6 brackets, a trailing dot and a port, and canonicalises IP literals. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    h = h.slice(1, h.indexOf(']') === -1 ? undefined : h.indexOf(']'));
  } else if (h.split(':').length === 2) {
    h = h.slice(0, h.indexOf(':'));
  }
  h = h.replace(/\.$/, '');
  if (ipaddr.isValid(h)) return ipaddr.parse(h).toString();
  return h;
}

/** The range name of an address that must not be fetched, or undefined when it is public unicast. */
export function forbiddenRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'unparseable';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  }
  const range = ip.range();
  // Everything other than plain unicast is refused, including IPv6 ranges that embed an IPv4
  // address (NAT64, 6to4, Teredo) since the embedded address could be private.
  return range === 'unicast' ? undefined : range;
}

export function createSsrfGuard(options: SsrfGuardOptions = {}): SsrfGuard {
  const allowed = new Set((options.allowHosts ?? []).map(normalizeHost).filter((h) => h !== ''));
  const lookup = options.lookup ?? defaultLookup;

  const refuse = (url: string, reason: string): never => {
    throw new FetchError('ssrf_refused', url, `Refusing to fetch ${url}: ${reason}`);
  };

  const checkAddress = (url: string, host: string, address: string): void => {
    if (allowed.has(normalizeHost(address))) return;
    const range = forbiddenRange(address);
    if (range !== undefined) {
      const via = normalizeHost(address) === host ? '' : ` (${host} resolves to ${address})`;
      refuse(url, `address ${address} is ${range}${via}`);
    }
  };

  return {
    async check(url, checkOptions = {}) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new FetchError('invalid_url', url, `Not a valid URL: ${JSON.stringify(url)}`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        refuse(url, `scheme ${parsed.protocol} is not http(s)`);
      }
      // The WHATWG parser has already turned 2130706433 and 0x7f.1 into 127.0.0.1.
      const host = normalizeHost(parsed.hostname);
      if (host === '') refuse(url, 'no host');
      if (allowed.has(host)) return;
      if (METADATA_HOSTS.has(host)) refuse(url, `${host} is a cloud metadata service`);
      if (ipaddr.isValid(host)) {
        checkAddress(url, host, host);
        return;
      }
      if (checkOptions.resolve === false) return;
      let addresses: string[];
      try {
        addresses = await lookup(host);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new FetchError('network', url, `Could not resolve ${host}: ${reason}`);
      }
      if (addresses.length === 0) refuse(url, `${host} resolves to no address`);
      for (const address of addresses) checkAddress(url, host, address);
    },
  };
}

export interface PinnedDispatcherOptions {
  allowHosts?: readonly string[];
  /** How the connection resolves host names (default: the system resolver). */
  lookup?: HostLookup;
}

/**
 * An HTTP dispatcher that checks the address it actually connects to. The guard's check happens
 * before the request; a host whose DNS answer changes in between (DNS rebinding) would otherwise
 * reach a private address. Here the connection uses the very addresses that were checked.
 */
export function createPinnedDispatcher(options: PinnedDispatcherOptions = {}): Agent {
  const allowed = new Set((options.allowHosts ?? []).map(normalizeHost).filter((h) => h !== ''));
  const resolve = options.lookup ?? defaultLookup;
  type Callback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;
  const lookup = (hostname: string, opts: { all?: boolean }, callback: Callback): void => {
    const host = normalizeHost(hostname);
    resolve(hostname).then(
      (addresses) => {
        const checked: LookupAddress[] = [];
        for (const address of addresses) {
          const range =
            allowed.has(host) || allowed.has(normalizeHost(address)) ? undefined : forbiddenRange(address);
          if (range !== undefined) {
            const error = new FetchError(
              'ssrf_refused',
              hostname,
              `Refusing to connect to ${hostname}: it now resolves to ${address}, which is ${range}`,
            );
            callback(error, []);
            return;
          }
          checked.push({ address, family: address.includes(':') ? 6 : 4 });
        }
        if (checked.length === 0) {
          callback(new Error(`${hostname} resolves to no address`), []);
          return;
        }
        if (opts.all) callback(null, checked);
        else callback(null, checked[0]!.address, checked[0]!.family);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), []),
    );
  };
  return new Agent({ connect: { lookup: lookup as never } });
}
