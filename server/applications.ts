import { type Context, Hono } from 'hono';
import type { Database } from '../db/client.ts';
import { createApprovalStore } from '../tools/applications/approvals.ts';
import { type ApprovalCallContext, pendingApprovals } from '../tools/applications/approve.ts';
import { callTool, type ToolRegistry } from '../tools/tool.ts';
import { type AccessPolicy, authorize, readBoundedBody } from './auth.ts';
import { HttpRefusal, refusalResponse } from './refusal.ts';

// /api/v1/applications: the application tracker and the approval gate over REST. Every endpoint
// calls the same tools as chat and MCP, as the caller (their bearer token), never as anyone else.

/** Largest request body read: no application request needs more. */
export const MAX_APPLICATION_BODY_BYTES = 256 * 1024;

export interface ApplicationsRouteDeps extends AccessPolicy {
  tools: ToolRegistry;
  db: Database;
}

export function createApplicationsRoute(deps: ApplicationsRouteDeps): Hono {
  const app = new Hono();
  const approvals = createApprovalStore(deps.db);
  // Who each request acts as, decided once by the middleware below.
  const callers = new WeakMap<Request, string>();
  const userOf = (c: Context) => {
    const userId = callers.get(c.req.raw);
    if (!userId) throw new Error('the caller was not authorised');
    return userId;
  };

  app.onError(refusalResponse);

  app.use(async (c, next) => {
    const caller = await authorize(c.req.raw, deps);
    if ('status' in caller) {
      throw new HttpRefusal(
        caller.status,
        caller.status === 401 ? 'unauthorized' : 'forbidden',
        caller.error,
      );
    }
    callers.set(c.req.raw, caller.userId);
    await next();
  });

  const run = (c: Context, toolId: string, args: unknown, extra: Partial<ApprovalCallContext> = {}) => {
    const context: ApprovalCallContext = { userId: userOf(c), signal: c.req.raw.signal, ...extra };
    return callTool(deps.tools.require(toolId), args, context);
  };

  /** The approval named in the body, which must belong to the application in the path. */
  async function approvalFor(c: Context, body: Record<string, unknown>, required: boolean) {
    const applicationId = c.req.param('id')!;
    await run(c, 'get_application', { applicationId });
    if (body.approvalId === undefined) {
      if (required)
        throw new HttpRefusal(422, 'invalid_input', 'give the approvalId to submit with', 'approvalId');
      const [waiting] = (await pendingApprovals(deps.db, userOf(c))).filter(
        (p) => p.applicationId === applicationId,
      );
      if (!waiting) {
        throw new HttpRefusal(
          409,
          'conflict',
          `application ${applicationId} has no approval waiting: prepare it (and fill it) first`,
        );
      }
      return waiting.approvalId;
    }
    if (typeof body.approvalId !== 'string' || !/^[0-9a-f-]{36}$/i.test(body.approvalId)) {
      throw new HttpRefusal(422, 'invalid_input', 'approvalId must be a uuid', 'approvalId');
    }
    const approval = await approvals.require(userOf(c), body.approvalId);
    if (approval.applicationId !== applicationId) {
      throw new HttpRefusal(
        422,
        'invalid_input',
        `approval ${approval.id} belongs to another application`,
        'approvalId',
      );
    }
    return approval.id;
  }

  app.get('/', async (c) => {
    const { status, company, limit } = c.req.query();
    const args = {
      ...(status !== undefined ? { status } : {}),
      ...(company !== undefined ? { company } : {}),
      ...(limit !== undefined ? { limit: /^\d+$/.test(limit) ? Number(limit) : limit } : {}),
    };
    return c.json(await run(c, 'list_applications', args));
  });

  app.get('/:id', async (c) => c.json(await run(c, 'get_application', { applicationId: c.req.param('id') })));

  app.post('/', async (c) => c.json(await run(c, 'track_application', await readBody(c.req.raw))));

  app.post('/:id/prepare', async (c) => {
    const body = await readBody(c.req.raw);
    const { application } = (await run(c, 'get_application', { applicationId: c.req.param('id') })) as {
      application: { jobId: string };
    };
    return c.json(await run(c, 'prepare_application', { ...body, jobId: application.jobId }));
  });

  app.post('/:id/fill', async (c) =>
    c.json(await run(c, 'fill_application', { applicationId: c.req.param('id') })),
  );

  app.post('/:id/approve', async (c) => {
    const approvalId = await approvalFor(c, await readBody(c.req.raw), false);
    return c.json(await run(c, 'approve_application', { approvalId }, { channel: 'rest' }));
  });

  app.post('/:id/submit', async (c) => {
    const body = await readBody(c.req.raw);
    const approvalId = await approvalFor(c, body, true);
    return c.json(await run(c, 'submit_application', { ...body, approvalId }));
  });
  return app;
}

/** The JSON object body; an empty body is {}. */
async function readBody(request: Request): Promise<Record<string, unknown>> {
  const text = await readBoundedBody(request, MAX_APPLICATION_BODY_BYTES);
  if (text === null) {
    throw new HttpRefusal(
      413,
      'payload_too_large',
      `the request body is larger than ${MAX_APPLICATION_BODY_BYTES} bytes`,
    );
  }
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpRefusal(400, 'bad_request', 'the request body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HttpRefusal(400, 'bad_request', 'the request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}
