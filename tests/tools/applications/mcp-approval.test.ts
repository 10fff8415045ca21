import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../config/logger.ts';
import { applicationApprovals } from '../../../db/schema.ts';
import { createDbResourceProvider } from '../../../mcp-server/resources.ts';
import { createMcpServer } from '../../../mcp-server/server.ts';
import { createSubmitApplicationTool } from '../../../tools/applications/submit-application.ts';
import type { SubmitRequest } from '../../../tools/applications/submitter.ts';
import { ToolRegistry } from '../../../tools/tool.ts';
import { PRIYA } from '../review/review-fixture.ts';
import { ANSWERS, type ApplicationsFixture, openApplicationsFixture } from './applications-fixture.ts';

// The approval gate as an MCP client sees it: the user's own client approves (approvedVia 'mcp'),
// and submit_application refuses anything not approved.

vi.mock('../../../tools/crawl/browser-pool.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../tools/crawl/browser-pool.ts')>()),
  findChromium: () => null,
}));

let fx: ApplicationsFixture;
let registry: ToolRegistry;
const sent: SubmitRequest[] = [];
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  fx = await openApplicationsFixture();
  const submit = createSubmitApplicationTool({
    db: fx.db,
    queue: fx.queue,
    logger: fx.services.logger,
    config: fx.services.config,
    submitter: {
      async submit(request) {
        sent.push(request);
        return { outcome: 'submitted', url: 'https://jobs.lever.co/acme/1/apply', message: 'sent' };
      },
    },
  });
  registry = new ToolRegistry(fx.registry.list().map((t) => (t.id === submit.id ? submit : t)));
}, 60_000);
afterAll(async () => {
  for (const close of closers) await close();
  await fx?.close();
});

/** An MCP client connected as this user (the transport decided who it is). */
async function clientFor(userId: string): Promise<Client> {
  const { server, cleanup } = createMcpServer({
    registry,
    userId,
    resources: createDbResourceProvider(fx.db),
    logger: silentLogger(),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(clientSide);
  closers.push(async () => {
    await client.close();
    await cleanup();
  });
  return client;
}
const call = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;
const text = (result: CallToolResult) => (result.content[0] as { text: string }).text;

async function applicant() {
  const userId = await fx.otherUser();
  await fx.services.resumes.add(userId, { kind: 'text', text: PRIYA, name: 'priya.txt' });
  await fx.call('save_answers', { answers: ANSWERS }, userId);
  return userId;
}

describe('the approval gate over MCP', () => {
  it('refuses to submit without approval, records an MCP approval, then submits once', async () => {
    const userId = await applicant();
    const client = await clientFor(userId);
    const prepared = await call(client, 'prepare_application', { jobId: fx.jobIds.engineer });
    const { approvalId } = prepared.structuredContent as { approvalId: string };

    const refused = await call(client, 'submit_application', { approvalId });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/has not been given.*nothing was submitted/);
    expect(sent).toHaveLength(0);

    const approved = await call(client, 'approve_application', { approvalId });
    expect(approved.isError).toBeFalsy();
    expect(approved.structuredContent).toMatchObject({ approvalId, approvedVia: 'mcp' });
    const [row] = await fx.db
      .select()
      .from(applicationApprovals)
      .where(eq(applicationApprovals.id, approvalId));
    expect(row?.approvedVia).toBe('mcp');

    const submitted = await call(client, 'submit_application', { approvalId });
    expect(submitted.structuredContent).toMatchObject({ outcome: 'submitted', status: 'applied' });
    expect(sent).toHaveLength(1);
    expect(text(await call(client, 'submit_application', { approvalId }))).toMatch(/not ready to submit/);
    expect(sent).toHaveLength(1);
  });

  it("refuses another user's approval and an approval of changed values", async () => {
    const userId = await applicant();
    const own = await clientFor(userId);
    const prepared = await call(own, 'prepare_application', { jobId: fx.jobIds.designer });
    const { approvalId, applicationId } = prepared.structuredContent as {
      approvalId: string;
      applicationId: string;
    };
    const stranger = await clientFor(await applicant());
    expect(text(await call(stranger, 'approve_application', { approvalId }))).toMatch(/was not found/);

    await fx.db.execute(
      sql`update applications set package = jsonb_set(package, '{coverLetter,markdown}', '"Hire me."') where id = ${applicationId}`,
    );
    const changed = await call(own, 'approve_application', { approvalId });
    expect(changed.isError).toBe(true);
    expect(text(changed)).toMatch(/changed after approval .* was requested/);
    const [row] = await fx.db
      .select()
      .from(applicationApprovals)
      .where(eq(applicationApprovals.id, approvalId));
    expect(row).toMatchObject({ approvedAt: null, approvedVia: null });
    expect(sent.filter((r) => r.applicationId === applicationId)).toEqual([]);
  });
});
