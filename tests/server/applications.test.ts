import type { IncomingMessage, ServerResponse } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../config/logger.ts';
import { applicationApprovals, jobs } from '../../db/schema.ts';
import { createApp } from '../../server/app.ts';
import { createApplicationsRoute } from '../../server/applications.ts';
import { createMetrics } from '../../server/metrics.ts';
import { createFillApplicationTool } from '../../tools/applications/fill-application.ts';
import { createFormFiller } from '../../tools/applications/form-filler.ts';
import { createSubmitApplicationTool } from '../../tools/applications/submit-application.ts';
import { ToolRegistry } from '../../tools/tool.ts';
import { createAccounts } from '../../tools/users/accounts.ts';
import { startTestServer, type TestServer } from '../fixtures/http-server.ts';
import {
  ANSWERS,
  type ApplicationsFixture,
  openApplicationsFixture,
} from '../tools/applications/applications-fixture.ts';
import { LEVER_FORM } from '../tools/applications/apply-forms.ts';
import { PRIYA } from '../tools/review/review-fixture.ts';

// The tailored PDF comes from pdf-lib; the form filler gets the real Chromium path directly.
const chromiumPath = (
  await vi.importActual<typeof import('../../tools/crawl/browser-pool.ts')>(
    '../../tools/crawl/browser-pool.ts',
  )
).findChromium(process.env);
vi.mock('../../tools/crawl/browser-pool.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../tools/crawl/browser-pool.ts')>()),
  findChromium: () => null,
}));

let fx: ApplicationsFixture;
let form: TestServer;
const posted: string[] = [];
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  fx = await openApplicationsFixture();
  form = await startTestServer({
    '/lever': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: LEVER_FORM },
    '/lever/apply': async (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      posted.push(Buffer.concat(chunks).toString('latin1'));
      res.end('<h1>Thank you</h1>');
    },
  });
  // The real tools, with the form filler on the real Chromium for filling and submitting.
  const deps = { db: fx.db, queue: fx.queue, logger: fx.services.logger, config: fx.services.config };
  const filler = chromiumPath
    ? createFormFiller({ executablePath: chromiumPath, logger: silentLogger() })
    : null;
  const tools = new ToolRegistry(
    fx.registry
      .list()
      .map((tool) =>
        tool.id === 'fill_application'
          ? createFillApplicationTool({ ...deps, formFiller: filler })
          : tool.id === 'submit_application' && filler
            ? createSubmitApplicationTool({ ...deps, submitter: filler.submitter() })
            : tool,
      ),
  );
  const accounts = createAccounts(fx.db);
  const route = createApplicationsRoute({ accounts, host: '127.0.0.1', tools, db: fx.db });
  app = createApp({
    logger: silentLogger(),
    metrics: createMetrics(),
    health: [],
    routes: [{ path: '/api/v1/applications', app: route }],
  });
  await fx.db
    .update(jobs)
    .set({ applyUrl: `${form.url}/lever` })
    .where(eq(jobs.id, fx.jobIds.engineer));
}, 60_000);
afterAll(async () => {
  await form?.close();
  await fx?.close();
});

/** A user with a resume, every default answer stored, and an API token. */
async function applicant(): Promise<{ userId: string; token: string }> {
  const userId = await fx.otherUser();
  await fx.services.resumes.add(userId, { kind: 'text', text: PRIYA, name: 'priya.txt' });
  await fx.call('save_answers', { answers: ANSWERS }, userId);
  return { userId, token: await createAccounts(fx.db).issueToken(userId) };
}

async function api(token: string | null, method: string, path: string, body?: unknown) {
  const res = await app.request(`http://127.0.0.1:8787/api/v1/applications${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON read loosely in assertions
  return { status: res.status, json: (await res.json()) as any };
}

describe('/api/v1/applications', () => {
  it('refuses a request without a valid bearer token', async () => {
    await applicant(); // more than the local user: tokenless access is off
    const none = await api(null, 'GET', '');
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('unauthorized');
    expect((await api('jh_wrong', 'GET', '')).status).toBe(401);
  });

  it('tracks, lists with filters and shows an application with its history', async () => {
    const { token } = await applicant();
    const created = await api(token, 'POST', '', { jobId: fx.jobIds.designer, note: 'from the digest' });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ created: true, application: { status: 'saved' } });
    const id = created.json.application.id;
    const moved = await api(token, 'POST', '', {
      applicationId: id,
      status: 'withdrawn',
      note: 'not a fit',
    });
    expect(moved.json.application.status).toBe('withdrawn');
    expect(
      (await api(token, 'GET', '?status=withdrawn&limit=5')).json.applications.map(
        (a: { id: string }) => a.id,
      ),
    ).toEqual([id]);
    expect((await api(token, 'GET', '?status=applied')).json.applications).toEqual([]);
    const detail = await api(token, 'GET', `/${id}`);
    expect(detail.json.history.map((e: { toStatus: string }) => e.toStatus)).toEqual(['saved', 'withdrawn']);

    const badStatus = await api(token, 'GET', '?status=hired');
    expect(badStatus).toMatchObject({
      status: 422,
      json: { error: { code: 'invalid_input', field: 'status' } },
    });
    expect((await api(token, 'GET', '?limit=lots')).json.error.field).toBe('limit');
    expect((await api(token, 'POST', '', '{not json')).status).toBe(400);
    const missing = await api(token, 'POST', '', { jobId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.status).toBe(404);
  });

  it('refuses submission without an approval; approval through REST then submit sends it once', async () => {
    const { userId, token } = await applicant();
    const { json: tracked } = await api(token, 'POST', '', { jobId: fx.jobIds.engineer });
    const id = tracked.application.id;
    const prepared = await api(token, 'POST', `/${id}/prepare`, {});
    expect(prepared.json).toMatchObject({ status: 'ready', applicationId: id });

    const noId = await api(token, 'POST', `/${id}/submit`, {});
    expect(noId).toMatchObject({ status: 422, json: { error: { field: 'approvalId' } } });
    const unapproved = await api(token, 'POST', `/${id}/submit`, { approvalId: prepared.json.approvalId });
    expect(unapproved.status).toBe(422);
    expect(unapproved.json.error.message).toMatch(/has not been given.*nothing was submitted/);
    expect(posted).toEqual([]);

    let approvalId = prepared.json.approvalId;
    if (chromiumPath) {
      // The dry-run fill shows the form; its approval is bound to exactly what it shows.
      const filled = await api(token, 'POST', `/${id}/fill`);
      expect(filled.json).toMatchObject({ outcome: 'filled', unfilled: [] });
      expect(posted).toEqual([]);
      approvalId = filled.json.approvalId;
    }
    const approved = await api(token, 'POST', `/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ approvalId, applicationId: id, approvedVia: 'rest' });
    const [row] = await fx.db
      .select()
      .from(applicationApprovals)
      .where(eq(applicationApprovals.id, approvalId));
    expect(row).toMatchObject({ userId, approvedVia: 'rest' });
    expect((await api(token, 'POST', `/${id}/approve`)).status).toBe(409); // nothing else waits

    const sent = await api(token, 'POST', `/${id}/submit`, { approvalId });
    expect(sent.status).toBe(200);
    if (chromiumPath) {
      expect(sent.json).toMatchObject({ outcome: 'submitted', status: 'applied', submittedToday: 1 });
      expect(posted).toHaveLength(1);
      expect(posted[0]).toContain('Priya Raman');
    } else {
      expect(sent.json.outcome).toBe('needs_you');
    }
    const again = await api(token, 'POST', `/${id}/submit`, { approvalId });
    expect(again.status).toBe(422);
    expect(posted.length).toBeLessThanOrEqual(1);
  }, 90_000);

  it("answers 404 for another user's application on every endpoint, and never acts on it", async () => {
    const owner = await applicant();
    const { json: tracked } = await api(owner.token, 'POST', '', { jobId: fx.jobIds.engineer });
    const id = tracked.application.id;
    const { json: prepared } = await api(owner.token, 'POST', `/${id}/prepare`, {});
    const stranger = await applicant();
    for (const [method, path, body] of [
      ['GET', `/${id}`, undefined],
      ['POST', `/${id}/prepare`, {}],
      ['POST', `/${id}/fill`, {}],
      ['POST', `/${id}/approve`, { approvalId: prepared.approvalId }],
      ['POST', `/${id}/submit`, { approvalId: prepared.approvalId }],
    ] as const) {
      const res = await api(stranger.token, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.error).toMatchObject({ code: 'not_found', field: 'applicationId' });
    }
    expect((await api(stranger.token, 'GET', '')).json.applications).toEqual([]);
    const [row] = await fx.db
      .select()
      .from(applicationApprovals)
      .where(eq(applicationApprovals.id, prepared.approvalId));
    expect(row).toMatchObject({ approvedAt: null, submittedAt: null });

    // The owner's approval id on the owner's other application is refused too.
    const { json: other } = await api(owner.token, 'POST', '', { jobId: fx.jobIds.designer });
    const mismatch = await api(owner.token, 'POST', `/${other.application.id}/approve`, {
      approvalId: prepared.approvalId,
    });
    expect(mismatch).toMatchObject({ status: 422, json: { error: { field: 'approvalId' } } });
  });
});
