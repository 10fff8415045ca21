import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFetcher } from '../../../tools/crawl/safe-fetch.ts';
import { createSsrfGuard, forbiddenRange, normalizeHost } from '../../../tools/crawl/ssrf-guard.ts';
import { startTestServer, type TestServer } from '../../fixtures/http-server.ts';

const publicLookup = async () => ['93.184.216.34'];

async function refusal(check: Promise<void>): Promise<string> {
  const error = await check.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ name: 'FetchError', code: 'ssrf_refused' });
  return (error as Error).message;
}

describe('createSsrfGuard', () => {
  const guard = createSsrfGuard({ lookup: publicLookup });

  it.each([
    ['loopback', 'http://127.0.0.1/'],
    ['private 10/8', 'http://10.0.0.1/admin'],
    ['private 172.16/12', 'http://172.20.1.1/'],
    ['private 192.168/16', 'https://192.168.1.1/'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data'],
    ['IPv6 loopback', 'http://[::1]/'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/'],
    ['decimal IPv4', 'http://2130706433/'],
    ['hex/short IPv4', 'http://0x7f.1/'],
    ['octal IPv4', 'http://0177.0.0.1/'],
    ['CGNAT', 'http://100.64.0.1/'],
    ['0.0.0.0/8', 'http://0.0.0.0/'],
    ['multicast', 'http://224.0.0.1/'],
    ['broadcast', 'http://255.255.255.255/'],
    ['reserved', 'http://240.0.0.1/'],
    ['IPv6 unique local (AWS metadata)', 'http://[fd00:ec2::254]/'],
    ['IPv6 link-local', 'http://[fe80::1]/'],
    ['the GCP metadata name', 'http://metadata.google.internal/computeMetadata/v1/'],
  ])('refuses %s (%s)', async (_name, url) => {
    await refusal(guard.check(url));
  });

  it('refuses schemes other than http(s)', async () => {
    expect(await refusal(guard.check('file:///etc/passwd'))).toMatch(/scheme file:/);
    await refusal(guard.check('gopher://example.com/'));
  });

  it('refuses a host name that resolves to a private address, naming both', async () => {
    const sneaky = createSsrfGuard({ lookup: async () => ['10.1.2.3'] });
    expect(await refusal(sneaky.check('https://intranet.example.com/'))).toMatch(
      /intranet\.example\.com resolves to 10\.1\.2\.3/,
    );
  });

  it('refuses a name when any one of its addresses is private', async () => {
    const mixed = createSsrfGuard({ lookup: async () => ['93.184.216.34', '::1'] });
    await refusal(mixed.check('https://example.com/'));
  });

  it('lets public addresses and names through', async () => {
    await expect(guard.check('https://example.com/jobs')).resolves.toBeUndefined();
    await expect(guard.check('http://93.184.216.34/')).resolves.toBeUndefined();
    await expect(guard.check('http://[2606:2800:220:1:248:1893:25c8:1946]/')).resolves.toBeUndefined();
  });

  it('allows listed hosts case-insensitively and ignoring the port', async () => {
    const lookup = vi.fn(async () => ['127.0.0.1']);
    const allowing = createSsrfGuard({ allowHosts: ['LocalHost:8080', '127.0.0.1', '[::1]'], lookup });
    await expect(allowing.check('http://localhost:3000/')).resolves.toBeUndefined();
    await expect(allowing.check('http://127.0.0.1:9/')).resolves.toBeUndefined();
    await expect(allowing.check('http://[::1]:9/')).resolves.toBeUndefined();
    // An allowed IP also covers other names that resolve to it.
    await expect(allowing.check('http://fixtures.test/')).resolves.toBeUndefined();
    await refusal(allowing.check('http://10.0.0.1/'));
  });

  it('reports a failed DNS lookup as a network error', async () => {
    const failing = createSsrfGuard({
      lookup: async () => {
        throw new Error('getaddrinfo ENOTFOUND nowhere.invalid');
      },
    });
    await expect(failing.check('https://nowhere.invalid/')).rejects.toMatchObject({ code: 'network' });
  });

  it('checks IP literals but skips DNS when told not to resolve', async () => {
    const lookup = vi.fn(async () => ['10.0.0.1']);
    const offline = createSsrfGuard({ lookup });
    await expect(offline.check('https://boards.example.com/', { resolve: false })).resolves.toBeUndefined();
    await refusal(offline.check('https://10.0.0.1/', { resolve: false }));
    expect(lookup).not.toHaveBeenCalled();
  });

  it('rejects unparseable URLs as invalid_url', async () => {
    await expect(guard.check('not a url')).rejects.toMatchObject({ code: 'invalid_url' });
  });
});

describe('address helpers', () => {
  it('normalises hosts for comparison', () => {
    expect(normalizeHost('Example.COM.')).toBe('example.com');
    expect(normalizeHost('[::FFFF:7f00:1]:80')).toBe('::ffff:7f00:1');
    expect(normalizeHost('10.0.0.1:443')).toBe('10.0.0.1');
  });

  it('classifies public unicast as fine and names other ranges', () => {
    expect(forbiddenRange('8.8.8.8')).toBeUndefined();
    expect(forbiddenRange('::ffff:10.0.0.1')).toBe('private');
    expect(forbiddenRange('169.254.169.254')).toBe('linkLocal');
  });
});

describe('the fetcher behind the guard', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('never contacts a loopback server that is not in allowHosts, and counts and logs the refusal', async () => {
    server = await startTestServer({ '/': { body: 'secret' } });
    const warn = vi.fn();
    const fetcher = createFetcher({ logger: { warn, info() {}, debug() {} }, respectRobots: false });
    await expect(fetcher.fetchText(`${server.url}/`)).rejects.toMatchObject({ code: 'ssrf_refused' });
    expect(server.requests).toHaveLength(0);
    expect(fetcher.stats().refusedSsrf).toBe(1);
    expect(fetcher.stats().requests).toBe(0);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('refuses a host name the injected DNS maps to a private address without fetching', async () => {
    const fetchImpl = vi.fn(fetch);
    const fetcher = createFetcher({ lookup: async () => ['192.168.0.10'], fetchImpl, respectRobots: false });
    await expect(fetcher.fetchText('https://router.example.com/')).rejects.toMatchObject({
      code: 'ssrf_refused',
    });
    expect(fetchImpl).not.toHaveBeenCalled();
  });
  it('refuses a host whose DNS answer turns private between the check and the connection (rebinding)', async () => {
    server = await startTestServer({ '/': { body: 'internal admin' } });
    const port = new URL(server.url).port;
    const fetcher = createFetcher({
      lookup: async () => ['93.184.216.34'],
      connectLookup: async () => ['127.0.0.1'],
      respectRobots: false,
      retries: 0,
    });
    await expect(fetcher.fetchText(`http://rebind.example:${port}/`)).rejects.toMatchObject({
      code: 'ssrf_refused',
      message: expect.stringMatching(/rebind\.example.*127\.0\.0\.1.*loopback/),
    });
    expect(server.requests).toHaveLength(0);
    expect(fetcher.stats().refusedSsrf).toBe(1);
    fetcher.close();
  });

  it('connects to a host name listed in allowHosts even when it resolves to loopback', async () => {
    server = await startTestServer({ '/': { body: 'fixture' } });
    const port = new URL(server.url).port;
    const fetcher = createFetcher({
      allowHosts: ['fixture.test'],
      connectLookup: async () => ['127.0.0.1'],
      respectRobots: false,
    });
    const page = await fetcher.fetchText(`http://fixture.test:${port}/`);
    expect(page.body).toBe('fixture');
    fetcher.close();
  });
});
