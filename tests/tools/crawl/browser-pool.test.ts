import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserPool, createBrowserPool, findChromium } from '../../../tools/crawl/browser-pool.ts';
import { discoverLinks } from '../../../tools/crawl/links.ts';

const csrListing = readFileSync(new URL('../../fixtures/pages/csr-listing.html', import.meta.url), 'utf8');
const silent = { debug: () => undefined, warn: () => undefined };

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH when that file exists', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' }, (p) => p === '/opt/chrome/chrome')).toBe(
      '/opt/chrome/chrome',
    );
  });

  it('falls back to the usual install locations in order', () => {
    const installed = new Set(['/usr/bin/chromium', '/usr/bin/google-chrome']);
    expect(findChromium({ CHROMIUM_PATH: '/missing' }, (p) => installed.has(p))).toBe('/usr/bin/chromium');
  });

  it('returns null when no Chromium is installed', () => {
    expect(findChromium({}, () => false)).toBeNull();
  });
});

describe('createBrowserPool with a missing executable', () => {
  it('rejects the render with the launch error and launches nothing', async () => {
    const pool = createBrowserPool({ executablePath: '/nonexistent/chromium', size: 1, logger: silent });
    await expect(pool.render('http://127.0.0.1:9/')).rejects.toThrow(/nonexistent\/chromium/);
    expect(pool.stats()).toEqual({ launches: 0, pagesCreated: 0, openPages: 0 });
    await pool.close();
  });
});

const chromiumPath = findChromium(process.env);
if (!chromiumPath) {
  console.warn(
    'Skipping browser pool rendering tests: no Chromium found (set CHROMIUM_PATH or install chromium-headless-shell)',
  );
}

const ASSET_PAGE = `<!doctype html><html><head><link rel="stylesheet" href="/site.css">
<link rel="preload" as="font" href="/font.woff2" crossorigin></head>
<body><img src="/logo.png"><div id="out"></div>
<script>fetch('/api/data.json').then(r => r.json()).then(d => {
  document.getElementById('out').innerHTML = '<a href="/jobs/' + d.id + '-welder">Welder</a>';
});
fetch('/private/secret.json').catch(() => {});</script></body></html>`;

/** Chromium processes started under this test process (the launcher may be a shell wrapper). */
function chromiumDescendants(): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of table) {
      if (mine.has(row.ppid) && !mine.has(row.pid)) {
        mine.add(row.pid);
        grew = true;
      }
    }
  }
  return table.filter((row) => mine.has(row.pid) && /chrom/i.test(row.args)).map((row) => row.pid);
}

describe.skipIf(!chromiumPath)('createBrowserPool (skipped when findChromium finds no Chromium)', () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      hits.push(path);
      if (path === '/careers') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(csrListing);
      } else if (path === '/assets') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(ASSET_PAGE);
      } else if (path === '/api/data.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": 4242}');
      } else if (path === '/old-careers') {
        res.writeHead(301, { location: '/careers' }).end();
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const withPool = async (size: number, use: (pool: BrowserPool) => Promise<void>) => {
    const pool = createBrowserPool({
      executablePath: chromiumPath!,
      size,
      pageTimeoutMs: 15_000,
      logger: silent,
    });
    try {
      await use(pool);
    } finally {
      await pool.close();
    }
  };

  it('renders a client-side listing so its job links can be found', async () => {
    await withPool(2, async (pool) => {
      const result = await pool.render(`${base}/careers`, { waitFor: 'ul.jobs a' });
      expect(result.status).toBe(200);
      expect(result.finalUrl).toBe(`${base}/careers`);
      expect(discoverLinks(result.html, result.finalUrl).jobLinks).toEqual([
        `${base}/jobs/9101-warehouse-shift-lead`,
        `${base}/jobs/9102-route-planning-analyst`,
        `${base}/jobs/9103-fleet-maintenance-technician`,
      ]);
    });
  }, 60_000);

  it('starts no browser until a page needs one', async () => {
    await withPool(2, async (pool) => {
      expect(pool.stats()).toEqual({ launches: 0, pagesCreated: 0, openPages: 0 });
    });
  });

  it('reuses its pages across ten renders instead of opening one per request', async () => {
    await withPool(3, async (pool) => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => pool.render(`${base}/careers`, { waitFor: 'ul.jobs a' })),
      );
      for (const result of results) expect(result.html).toContain('Route Planning Analyst');
      expect(pool.stats().pagesCreated).toBeLessThanOrEqual(3);
      expect(pool.stats().launches).toBe(1);
    });
  }, 90_000);

  it('never downloads images, fonts or stylesheets but lets scripts fetch data', async () => {
    await withPool(1, async (pool) => {
      hits.length = 0;
      const result = await pool.render(`${base}/assets`, { waitFor: 'a[href*="4242"]' });
      expect(result.html).toContain('/jobs/4242-welder');
      expect(hits).toContain('/api/data.json');
      for (const asset of ['/site.css', '/logo.png', '/font.woff2']) expect(hits).not.toContain(asset);
    });
  }, 60_000);

  it('aborts every request the guard refuses, including ones the page script makes', async () => {
    const asked: string[] = [];
    const guard = async (url: string) => {
      asked.push(url);
      if (url.includes('/private/')) throw new Error('refused: private path');
    };
    await withPool(1, async (pool) => {
      hits.length = 0;
      await pool.render(`${base}/assets`, { guard });
      expect(asked).toContain(`${base}/private/secret.json`);
      expect(hits).not.toContain('/private/secret.json');
      expect(hits).toContain('/api/data.json');
    });
  }, 60_000);

  it('rejects with the guard’s error when the page itself is refused', async () => {
    const guard = async () => {
      throw new Error('ssrf_refused: 127.0.0.1 is private');
    };
    await withPool(1, async (pool) => {
      await expect(pool.render(`${base}/careers`, { guard })).rejects.toThrow('ssrf_refused');
      const after = await pool.render(`${base}/careers`, { waitFor: 'ul.jobs a' });
      expect(after.html).toContain('Warehouse Shift Lead');
    });
  }, 60_000);

  it('checks redirect targets with the guard and reports the final URL', async () => {
    const asked: string[] = [];
    await withPool(1, async (pool) => {
      const result = await pool.render(`${base}/old-careers`, {
        waitFor: 'ul.jobs a',
        guard: async (url) => {
          asked.push(url);
        },
      });
      expect(asked.slice(0, 2)).toEqual([`${base}/old-careers`, `${base}/careers`]);
      expect(result.finalUrl).toBe(`${base}/careers`);
    });
  }, 60_000);

  it('loads public URLs through the rewrite function while the page keeps its public address', async () => {
    const rewrite = (url: string) => url.replace('https://orbit.example', base);
    await withPool(1, async (pool) => {
      const result = await pool.render('https://orbit.example/careers', { rewrite, waitFor: 'ul.jobs a' });
      expect(result.finalUrl).toBe('https://orbit.example/careers');
      expect(discoverLinks(result.html, result.finalUrl).jobLinks).toContain(
        'https://orbit.example/jobs/9101-warehouse-shift-lead',
      );
    });
  }, 60_000);

  it('relaunches the browser after its process is killed', async () => {
    await withPool(2, async (pool) => {
      const before = new Set(chromiumDescendants());
      await pool.render(`${base}/careers`, { waitFor: 'ul.jobs a' });
      const started = chromiumDescendants().filter((pid) => !before.has(pid));
      expect(started.length).toBeGreaterThan(0);
      for (const pid of started) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone with its parent
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 300));

      const result = await pool.render(`${base}/careers`, { waitFor: 'ul.jobs a' });
      expect(result.html).toContain('Fleet Maintenance Technician');
      expect(pool.stats().launches).toBe(2);
    });
  }, 90_000);
});
