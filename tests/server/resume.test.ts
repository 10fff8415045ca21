import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../config/logger.ts';
import { resumes } from '../../db/schema.ts';
import { createApp } from '../../server/app.ts';
import { listen, type RunningServer } from '../../server/listen.ts';
import { createResumeRoute, MAX_RESUME_BODY_BYTES } from '../../server/resume.ts';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime.ts';

// POST /api/v1/resume: the web page's resume upload, through the upload_resume tool.

const RESUME = readFileSync(join(import.meta.dirname, '../fixtures/resumes/jane-doe.txt'));

describe('POST /api/v1/resume', () => {
  let t: TestRuntime;
  let open: RunningServer;
  let guarded: RunningServer;

  const serve = (host: string) =>
    listen(
      createApp({
        logger: silentLogger(),
        metrics: t.runtime.metrics,
        health: [],
        routes: [
          {
            path: '/api/v1/resume',
            app: createResumeRoute({ accounts: t.runtime.services.accounts, host, tools: t.runtime.tools }),
          },
        ],
      }),
      '127.0.0.1',
      0,
    );

  beforeAll(async () => {
    t = await startTestRuntime();
    open = await serve('127.0.0.1');
    guarded = await serve('0.0.0.0');
  }, 60_000);

  afterAll(async () => {
    await open?.close();
    await guarded?.close();
    await t?.close();
  });

  const post = (server: RunningServer, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/v1/resume`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('stores a file as the active resume and says what it read; the same file again changes nothing', async () => {
    const file = { fileBase64: RESUME.toString('base64'), fileName: 'jane-doe.txt' };
    const res = await post(open, file);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { resume: { skills: string[]; created: boolean }; message: string };
    expect(body.resume.created).toBe(true);
    expect(body.resume.skills.length).toBeGreaterThan(3);
    expect(body.message).toMatch(/^Stored /);
    const active = await t.runtime.handle.db
      .select({ id: resumes.id })
      .from(resumes)
      .where(and(eq(resumes.userId, t.userId), eq(resumes.active, true)));
    expect(active).toHaveLength(1);

    const again = (await (await post(open, file)).json()) as {
      resume: { created: boolean };
      message: string;
    };
    expect(again.resume.created).toBe(false);
    expect(again.message).toMatch(/^Already had /);
  });

  it('refuses a bad upload with a message naming what was wrong', async () => {
    const noName = await post(open, { fileBase64: RESUME.toString('base64') });
    expect(noName.status).toBe(422);
    expect(await noName.json()).toMatchObject({
      error: { code: 'invalid_input', field: 'fileName', message: expect.stringMatching(/fileName/) },
    });
    const garbage = await post(open, {
      fileBase64: Buffer.from('%PDF-1.7 this is not really a pdf').toString('base64'),
      fileName: 'cv.pdf',
    });
    expect(garbage.status).toBe(422);
    expect(((await garbage.json()) as { error: { message: string } }).error.message).toMatch(/pdf/i);
    const notJson = await post(open, '{"fileName": ');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: 'bad_request' } });
    const tooBig = await post(open, { text: 'x'.repeat(MAX_RESUME_BODY_BYTES) });
    expect(tooBig.status).toBe(413);
  });

  it('needs a token when the server is bound beyond loopback', async () => {
    const res = await post(guarded, { text: 'Jane Doe, engineer' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
    const token = await t.runtime.services.accounts.issueToken(t.userId);
    const ok = await post(
      guarded,
      { fileBase64: RESUME.toString('base64'), fileName: 'jane-doe.txt' },
      { authorization: `Bearer ${token}` },
    );
    expect(ok.status).toBe(200);
  });
});
