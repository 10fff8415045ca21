import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import type { Logger } from '../config/logger.ts';
import type { Metrics } from './metrics.ts';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface AppDeps {
  logger: Logger;
  metrics: Metrics;
  health: HealthCheck[];
  /** Route groups mounted by later features (REST, chat, MCP, Telegram webhook). */
  routes?: Array<{ path: string; app: Hono }>;
}

const HEALTH_TIMEOUT_MS = 2000;

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routePath(c) || 'unmatched';
    deps.metrics.httpDuration.observe({ method: c.req.method, route, status: String(c.res.status) }, seconds);
    deps.logger.debug(
      {
        reqId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: seconds * 1000,
      },
      'request',
    );
  });

  app.get('/health', async (c) => {
    const results = await Promise.all(
      deps.health.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), HEALTH_TIMEOUT_MS, `${name} did not answer in ${HEALTH_TIMEOUT_MS} ms`);
          return [name, { ok: true }] as const;
        } catch (error) {
          return [
            name,
            { ok: false, error: error instanceof Error ? error.message : String(error) },
          ] as const;
        }
      }),
    );
    const ok = results.every(([, r]) => r.ok);
    return c.json({ status: ok ? 'ok' : 'unavailable', checks: Object.fromEntries(results) }, ok ? 200 : 503);
  });

  app.get('/metrics', async (c) => {
    const body = await deps.metrics.registry.metrics();
    return c.body(body, 200, { 'content-type': deps.metrics.registry.contentType });
  });

  for (const route of deps.routes ?? []) app.route(route.path, route.app);

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const status = error.status;
      return c.json({ error: { code: codeFor(status), message: error.message } }, status);
    }
    deps.logger.error({ err: error, reqId: c.get('requestId') }, 'unhandled error');
    return c.json(
      { error: { code: 'internal', message: 'internal server error', requestId: c.get('requestId') } },
      500,
    );
  });
  return app;
}

function codeFor(status: number): string {
  if (status === 400) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 422) return 'invalid_input';
  if (status === 429) return 'rate_limited';
  return status >= 500 ? 'internal' : 'error';
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
