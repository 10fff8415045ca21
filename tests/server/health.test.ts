import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../cli/runtime.ts';
import { loadConfig } from '../../config/config.ts';
import { silentLogger } from '../../config/logger.ts';
import { createApp } from '../../server/app.ts';
import { createMetrics } from '../../server/metrics.ts';
import { createPostgresDatabase, defaultBackend, dropPostgresDatabase } from '../helpers/db.ts';

async function runtimeForTest() {
  const url = defaultBackend() === 'postgres' ? await createPostgresDatabase() : undefined;
  const config = loadConfig({ DATA_DIR: 'memory://', ...(url ? { DATABASE_URL: url } : {}) });
  const runtime = await createRuntime(config, silentLogger(), { schedule: false, dataDir: 'memory://' });
  return { runtime, drop: async () => url && (await dropPostgresDatabase(url)) };
}

describe('/health', () => {
  it('answers 200 when the database and the queue answer, and 503 once they are down', async () => {
    const { runtime, drop } = await runtimeForTest();
    const app = createApp({ logger: silentLogger(), metrics: runtime.metrics, health: runtime.health });
    const up = await app.request('/health');
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({
      status: 'ok',
      checks: { database: { ok: true }, queue: { ok: true } },
    });

    await runtime.close();
    const down = await app.request('/health');
    expect(down.status).toBe(503);
    const body = (await down.json()) as {
      status: string;
      checks: Record<string, { ok: boolean; error?: string }>;
    };
    expect(body.status).toBe('unavailable');
    expect(body.checks.database?.ok).toBe(false);
    expect(body.checks.queue?.ok).toBe(false);
    await drop();
  });

  it('reports a check that hangs as down instead of hanging itself', async () => {
    const app = createApp({
      logger: silentLogger(),
      metrics: createMetrics(),
      health: [{ name: 'database', check: () => new Promise(() => {}) }],
    });
    const res = await app.request('/health');
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toMatch(/did not answer/);
  });
});

describe('/metrics and errors', () => {
  it('exposes HTTP and queue metrics in the Prometheus format', async () => {
    const metrics = createMetrics({
      queueCounts: async () => [{ kind: 'crawl-source', queued: 3, active: 1, deadLettered: 0, total: 4 }],
    });
    const app = createApp({ logger: silentLogger(), metrics, health: [] });
    await app.request('/health');
    const text = await (await app.request('/metrics')).text();
    expect(text).toMatch(
      /jobhound_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} 1/,
    );
    expect(text).toMatch(/jobhound_queue_depth\{kind="crawl-source",state="queued"\} 3/);
  });

  it('shapes unknown routes and thrown errors as JSON with a code and a request id', async () => {
    const { Hono } = await import('hono');
    const broken = new Hono().get('/', () => {
      throw new Error('boom');
    });
    const app = createApp({
      logger: silentLogger(),
      metrics: createMetrics(),
      health: [],
      routes: [{ path: '/broken', app: broken }],
    });
    const missing = await app.request('/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'no route for GET /nope' } });
    const res = await app.request('/broken');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('internal');
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
  });
});
