// The form tests' setup: the applicant fixture, a local server for the fixture forms that records
// what is posted to it, and the fill / approve / submit tools on a real Chromium form filler.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { jobs } from '../../../db/schema.ts';
import { createApproveApplicationTool } from '../../../tools/applications/approve-application.ts';
import { createFillApplicationTool } from '../../../tools/applications/fill-application.ts';
import { createFormFiller, type FormFiller } from '../../../tools/applications/form-filler.ts';
import { createSubmitApplicationTool } from '../../../tools/applications/submit-application.ts';
import { callTool } from '../../../tools/tool.ts';
import {
  type Route,
  type RouteHandler,
  startTestServer,
  type TestServer,
} from '../../fixtures/http-server.ts';
import { PRIYA } from '../review/review-fixture.ts';
import { ANSWERS, type ApplicationsFixture, openApplicationsFixture } from './applications-fixture.ts';

export interface Filled {
  outcome: string;
  url: string;
  reason?: string;
  filled: Array<{ field: string; value: string }>;
  unfilled: Array<{ field: string; required: boolean }>;
  steps?: number;
  screenshotBase64?: string;
  approvalId: string | null;
}
export interface Submitted {
  outcome: string;
  status: string;
  message: string;
  submittedToday: number;
  filled?: Array<{ field: string; value: string }>;
}

export const html = (body: string) => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });

/** The value (UTF-8) of one field of a multipart/form-data body read as latin1. */
export function part(body: string, name: string): string | undefined {
  const escaped = name.replace(/[[\]]/g, '\\$&');
  const match = body.match(
    new RegExp(
      `name="${escaped}"(?:; filename="[^"]*")?\\r\\n(?:Content-Type: [^\\r]*\\r\\n)?\\r\\n([\\s\\S]*?)\\r\\n--`,
    ),
  );
  return match?.[1] === undefined ? undefined : Buffer.from(match[1], 'latin1').toString('utf8');
}

/** The value a fill or submission put in the first field whose wording matches. */
export const field = (out: { filled?: Array<{ field: string; value: string }> }, name: RegExp) =>
  out.filled?.find((f) => name.test(f.field))?.value;

export interface FormHarness {
  fx: ApplicationsFixture;
  server: TestServer;
  /** Every body posted to a `record` route, in order. */
  posted: Array<{ path: string; body: string }>;
  filler(): FormFiller;
  /** Points the engineer job's apply link here. */
  applyAt(url: string): Promise<void>;
  fill(user: string, applicationId: string, formFiller?: FormFiller): Promise<Filled>;
  submit(user: string, approvalId: string, formFiller?: FormFiller): Promise<Submitted>;
  approve(user: string, approvalId: string): Promise<unknown>;
  /** A new user with a resume and every default answer, and a ready application for the job. */
  applicant(): Promise<{ user: string; applicationId: string; approvalId: string }>;
  close(): Promise<void>;
}

export async function openFormHarness(
  chromiumPath: string,
  routes: (record: (path: string) => RouteHandler) => Record<string, Route>,
): Promise<FormHarness> {
  const fx = await openApplicationsFixture();
  const posted: FormHarness['posted'] = [];
  const record = (path: string) => async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    posted.push({ path, body: Buffer.concat(chunks).toString('latin1') });
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<h1>Thank you for applying</h1>');
  };
  const server = await startTestServer(routes(record));
  const filler = () => createFormFiller({ executablePath: chromiumPath, logger: fx.services.logger });
  const { db, queue, services } = fx;
  return {
    fx,
    server,
    posted,
    filler,
    async applyAt(url) {
      await db.update(jobs).set({ applyUrl: url }).where(eq(jobs.id, fx.jobIds.engineer));
    },
    fill: (user, applicationId, formFiller = filler()) =>
      callTool(
        createFillApplicationTool({ db, config: services.config, logger: services.logger, formFiller }),
        { applicationId },
        { userId: user },
      ) as Promise<Filled>,
    submit: (user, approvalId, formFiller = filler()) =>
      callTool(
        createSubmitApplicationTool({
          db,
          queue,
          logger: services.logger,
          config: services.config,
          submitter: formFiller.submitter(),
        }),
        { approvalId },
        { userId: user },
      ) as Promise<Submitted>,
    approve: (user, approvalId) =>
      callTool(createApproveApplicationTool({ db }), { approvalId }, { userId: user }),
    async applicant() {
      const user = await fx.otherUser();
      await services.resumes.add(user, { kind: 'text', text: PRIYA, name: 'priya.txt' });
      await fx.call('save_answers', { answers: ANSWERS }, user);
      const prepared = await fx.call<{ applicationId: string; approvalId: string; status: string }>(
        'prepare_application',
        { jobId: fx.jobIds.engineer },
        user,
      );
      expect(prepared.status).toBe('ready');
      return { user, applicationId: prepared.applicationId, approvalId: prepared.approvalId };
    },
    async close() {
      await server.close();
      await fx.close();
    },
  };
}
