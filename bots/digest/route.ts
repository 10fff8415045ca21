import { Hono } from 'hono';
import type { Database } from '../../db/client.ts';
import { type AccessPolicy, authorize } from '../../server/auth.ts';
import { DIGEST_SIZE_MAX } from '../../tools/profile/profile.ts';
import { composeDigest } from './compose.ts';

/**
 * GET /api/v1/digest: the caller's digest as it would be sent now (nothing is recorded).
 * `?limit=` (1–20) changes the number of items (default: the profile's digest size).
 */
export function createDigestRoute(deps: AccessPolicy & { db: Database }): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const caller = await authorize(c.req.raw, deps);
    if ('status' in caller) {
      const code = caller.status === 401 ? 'unauthorized' : 'forbidden';
      const headers: Record<string, string> =
        caller.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="jobhound"' } : {};
      return c.json({ error: { code, message: caller.error } }, caller.status, headers);
    }
    const rawLimit = c.req.query('limit');
    const limit = rawLimit === undefined ? undefined : Number(rawLimit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > DIGEST_SIZE_MAX)) {
      return c.json(
        {
          error: {
            code: 'invalid_input',
            message: `limit must be a whole number from 1 to ${DIGEST_SIZE_MAX}`,
            field: 'limit',
          },
        },
        422,
      );
    }
    return c.json(await composeDigest(deps.db, caller.userId, limit === undefined ? {} : { limit }));
  });
  return app;
}
