import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFetcher, DEFAULT_USER_AGENT, parseRetryAfter } from '../../../tools/crawl/safe-fetch.ts';
import { delay, type Route, startTestServer, type TestServer } from '../../fixtures/http-server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(routes: Record<string, Route>): Promise<TestServer> {
  const server = await startTestServer(routes);
  servers.push(server);
  return server;
}

/** A fetcher allowed to reach the local test servers, with fast retries and no robots.txt traffic. */
function localFetcher(options: Parameters<typeof createFetcher>[0] = {}) {
  return createFetcher({ allowHosts: ['127.0.0.1'], respectRobots: false, retryBaseMs: 1, ...options });
}

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => expect.fail('expected the fetch to fail'),
    (e: unknown) => e as { code: string; status?: number; message: string; url: string },
  );
}

describe('fetchText and fetchJson', () => {
  it('returns the body, status and content type, sending our user agent', async () => {
    const server = await serve({ '/jobs': { body: 'Senior engineer — Zürich', headers: { 'x-a': '1' } } });
    const fetcher = localFetcher();
    const result = await fetcher.fetchText(`${server.url}/jobs#top`);
    expect(result).toEqual({
      url: `${server.url}/jobs#top`,
      finalUrl: `${server.url}/jobs`,
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: 'Senior engineer — Zürich',
    });
    expect(server.requests[0]?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(fetcher.stats()).toMatchObject({
      requests: 1,
      bytes: Buffer.byteLength(result.body),
      byStatus: { 200: 1 },
    });
  });

  it('decodes a windows-1252 body when the Content-Type says latin1', async () => {
    const server = await serve({
      '/old': {
        body: Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]),
        headers: { 'content-type': 'text/html; charset=ISO-8859-1' },
      },
    });
    expect((await localFetcher().fetchText(`${server.url}/old`)).body).toBe('Café €');
  });

  it('parses JSON and names the URL when the JSON is bad', async () => {
    const server = await serve({
      '/good': { body: '{"jobs":[1,2]}', headers: { 'content-type': 'application/json' } },
      '/bad': { body: '<html>maintenance</html>', headers: { 'content-type': 'application/json' } },
    });
    const fetcher = localFetcher();
    expect((await fetcher.fetchJson<{ jobs: number[] }>(`${server.url}/good`)).data.jobs).toEqual([1, 2]);
    expect(server.hits('/good')[0]?.headers.accept).toMatch(/^application\/json/);
    const error = await failure(fetcher.fetchJson(`${server.url}/bad`));
    expect(error.code).toBe('bad_json');
    expect(error.message).toContain(`${server.url}/bad`);
  });

  it('rejects a malformed URL as invalid_url', async () => {
    expect((await failure(localFetcher().fetchText('not a url'))).code).toBe('invalid_url');
  });
});

describe('redirects', () => {
  it('follows relative redirects and reports the final URL', async () => {
    const server = await serve({
      '/old': { status: 301, headers: { location: '/new?x=1' } },
      '/new': { body: 'moved here' },
    });
    const result = await localFetcher().fetchText(`${server.url}/old`);
    expect(result.finalUrl).toBe(`${server.url}/new?x=1`);
    expect(result.body).toBe('moved here');
  });

  it('refuses a redirect to the metadata address without fetching it, and counts it', async () => {
    const server = await serve({
      '/leak': { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } },
    });
    const fetchImpl = vi.fn(fetch);
    const fetcher = localFetcher({ fetchImpl });
    const error = await failure(fetcher.fetchText(`${server.url}/leak`));
    expect(error.code).toBe('ssrf_refused');
    expect(fetchImpl.mock.calls.map(([u]) => String(u))).toEqual([`${server.url}/leak`]);
    expect(fetcher.stats().refusedSsrf).toBe(1);
  });

  it('gives up after more than maxRedirects hops', async () => {
    const routes: Record<string, Route> = {};
    for (let i = 0; i < 10; i++) routes[`/r${i}`] = { status: 302, headers: { location: `/r${i + 1}` } };
    const server = await serve(routes);
    const error = await failure(localFetcher().fetchText(`${server.url}/r0`));
    expect(error.code).toBe('too_many_redirects');
    expect(server.requests.map((r) => r.path)).toEqual(['/r0', '/r1', '/r2', '/r3', '/r4', '/r5']);
  });
});

describe('SOURCE_BASE_URL rewriting', () => {
  it('sends public URLs to the base and maps redirects back to public URLs', async () => {
    const server = await serve({
      '/boards.example.com/acme': {
        status: 302,
        headers: { location: '/boards.example.com/acme/jobs?page=1' },
      },
      '/boards.example.com/acme/jobs': { body: 'acme jobs' },
    });
    const lookup = vi.fn(async () => ['10.0.0.1']);
    const fetcher = localFetcher({ sourceBaseUrl: server.url, lookup });
    const result = await fetcher.fetchText('https://boards.example.com/acme');
    expect(result.url).toBe('https://boards.example.com/acme');
    expect(result.finalUrl).toBe('https://boards.example.com/acme/jobs?page=1');
    expect(result.body).toBe('acme jobs');
    // Public hosts are never connected to, so they are not resolved either.
    expect(lookup).not.toHaveBeenCalled();
  });

  it('rewrites a redirect to another public host onto the base again, keeping http', async () => {
    const server = await serve({
      '/careers.example.com/': { status: 301, headers: { location: 'https://jobs.example.org/list' } },
      '/jobs.example.org/list': { body: 'list' },
    });
    const result = await localFetcher({ sourceBaseUrl: server.url }).fetchText('http://careers.example.com/');
    expect(result.finalUrl).toBe('https://jobs.example.org/list');
    expect(server.requests.map((r) => r.url)).toEqual(['/careers.example.com/', '/jobs.example.org/list']);
  });

  it('keeps the scheme of the request for redirects that stay on the base', async () => {
    const server = await serve({
      '/legacy.example.com/a': { status: 302, headers: { location: '/legacy.example.com/b' } },
      '/legacy.example.com/b': { body: 'b' },
    });
    const result = await localFetcher({ sourceBaseUrl: server.url }).fetchText('http://legacy.example.com/a');
    expect(result.finalUrl).toBe('http://legacy.example.com/b');
  });

  it('still refuses a public URL with a private IP literal', async () => {
    const server = await serve({});
    const fetcher = localFetcher({ sourceBaseUrl: server.url });
    expect((await failure(fetcher.fetchText('http://169.254.169.254/latest/meta-data'))).code).toBe(
      'ssrf_refused',
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('retries', () => {
  it('honours Retry-After on 429 before trying again', async () => {
    const server = await serve({
      '/busy': (_req, res, hit) => {
        if (hit === 1) res.writeHead(429, { 'retry-after': '1' }).end();
        else res.end('done');
      },
    });
    const sleep = vi.fn(async (_ms: number) => {});
    const fetcher = localFetcher({ sleep });
    expect((await fetcher.fetchText(`${server.url}/busy`)).body).toBe('done');
    expect(sleep).toHaveBeenCalledWith(1000);
    expect(fetcher.stats()).toMatchObject({ retries: 1, byStatus: { 200: 1, 429: 1 } });
  });

  it('caps a long Retry-After at maxRetryAfterMs', async () => {
    const server = await serve({
      '/busy': (_req, res, hit) =>
        hit === 1 ? res.writeHead(429, { 'retry-after': '3600' }).end() : res.end('ok'),
    });
    const sleep = vi.fn(async (_ms: number) => {});
    await localFetcher({ sleep, maxRetryAfterMs: 2500 }).fetchText(`${server.url}/busy`);
    expect(sleep).toHaveBeenCalledWith(2500);
  });

  it('retries a page that fails twice with 500 and then succeeds', async () => {
    const server = await serve({
      '/flaky': (_req, res, hit) => (hit <= 2 ? res.writeHead(500).end('oops') : res.end('finally')),
    });
    const fetcher = localFetcher();
    expect((await fetcher.fetchText(`${server.url}/flaky`)).body).toBe('finally');
    expect(server.hits('/flaky')).toHaveLength(3);
    expect(fetcher.stats()).toMatchObject({ retries: 2, byStatus: { 500: 2, 200: 1 } });
  });

  it('backs off exponentially between attempts and stops after the configured retries', async () => {
    const server = await serve({ '/down': { status: 503 } });
    const sleep = vi.fn(async (_ms: number) => {});
    const error = await failure(
      localFetcher({ sleep, retryBaseMs: 100, retries: 3 }).fetchText(`${server.url}/down`),
    );
    expect(error).toMatchObject({ code: 'http_status', status: 503 });
    expect(server.hits('/down')).toHaveLength(4);
    const waits = sleep.mock.calls.map(([ms]) => ms);
    expect(waits).toHaveLength(3);
    waits.forEach((ms, n) => {
      expect(ms).toBeGreaterThanOrEqual(100 * 2 ** n);
      expect(ms).toBeLessThanOrEqual(150 * 2 ** n);
    });
  });

  it('does not retry a 404', async () => {
    const server = await serve({});
    const fetcher = localFetcher();
    const error = await failure(fetcher.fetchText(`${server.url}/gone`));
    expect(error).toMatchObject({ code: 'http_status', status: 404 });
    expect(server.hits('/gone')).toHaveLength(1);
    expect(fetcher.stats().retries).toBe(0);
  });

  it('retries after a dropped connection', async () => {
    const server = await serve({
      '/drop': (req, res, hit) => (hit === 1 ? req.socket.destroy() : res.end('back')),
    });
    const fetcher = localFetcher();
    expect((await fetcher.fetchText(`${server.url}/drop`)).body).toBe('back');
    expect(fetcher.stats().retries).toBe(1);
  });

  it('reports a network error once the retries are used up', async () => {
    const server = await serve({ '/drop': (req) => req.socket.destroy() });
    const error = await failure(localFetcher({ retries: 1 }).fetchText(`${server.url}/drop`));
    expect(error.code).toBe('network');
    expect(server.hits('/drop')).toHaveLength(2);
  });
});

describe('timeouts and size limits', () => {
  it('times out a slow page without retrying it', async () => {
    const server = await serve({
      '/slow': async (_req, res) => {
        await delay(3000);
        res.end('late');
      },
    });
    const fetcher = localFetcher({ timeoutMs: 150 });
    const started = performance.now();
    const error = await failure(fetcher.fetchText(`${server.url}/slow`));
    expect(error.code).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1500);
    expect(fetcher.stats()).toMatchObject({ timeouts: 1, retries: 0 });
  });

  it('passes the caller abort reason through', async () => {
    const server = await serve({ '/slow': async (_req, res) => delay(3000).then(() => res.end()) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    await expect(
      localFetcher().fetchText(`${server.url}/slow`, { signal: controller.signal }),
    ).rejects.toThrow('user cancelled');
  });

  it('stops reading a 20 MB page once it passes maxBytes', async () => {
    const total = 20 * 1024 * 1024;
    let written = 0;
    const server = await serve({
      '/huge': async (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let wake = () => {};
        res.on('drain', () => wake()).on('close', () => wake());
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) await new Promise<void>((resolve) => (wake = resolve));
        }
        res.end();
      },
    });
    const fetcher = localFetcher({ maxBytes: 1024 * 1024 });
    const error = await failure(fetcher.fetchText(`${server.url}/huge`));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('1048576');
    await delay(50);
    expect(written).toBeLessThan(total / 2);
    expect(fetcher.stats()).toMatchObject({ tooLarge: 1, retries: 0 });
    expect(fetcher.stats().bytes).toBeLessThan(2 * 1024 * 1024);
  });

  it('refuses a page whose Content-Length is over the limit before reading it', async () => {
    const server = await serve({
      '/declared': (_req, res) => {
        res.writeHead(200, { 'content-length': String(20 * 1024 * 1024) });
        res.write('x'.repeat(1000));
      },
    });
    // A short timeout makes a fetcher that waits for the whole body fail fast instead of hanging.
    const fetcher = localFetcher({ timeoutMs: 1000 });
    expect((await failure(fetcher.fetchText(`${server.url}/declared`))).code).toBe('too_large');
    expect(fetcher.stats().bytes).toBe(0);
  });
});

describe('closing', () => {
  it('aborts requests in flight and refuses new ones', async () => {
    const server = await serve({ '/slow': async (_req, res) => delay(3000).then(() => res.end()) });
    const fetcher = localFetcher();
    const pending = fetcher.fetchText(`${server.url}/slow`);
    await delay(50);
    fetcher.close();
    expect((await failure(pending)).code).toBe('network');
    expect((await failure(fetcher.fetchText(`${server.url}/slow`))).code).toBe('network');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('a broken redirect', () => {
  it('reports an unparseable Location as invalid_url naming it', async () => {
    const server = await serve({
      '/bad': { status: 302, headers: { location: 'http://exa mple.com:99999/' } },
    });
    const error = await failure(localFetcher().fetchText(`${server.url}/bad`));
    expect(error.code).toBe('invalid_url');
    expect(error.message).toContain('exa mple.com');
  });
});
