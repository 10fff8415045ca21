import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../config/logger.ts';
import { createDbResourceProvider } from '../../mcp-server/resources.ts';
import { createApp } from '../../server/app.ts';
import { listen, type RunningServer } from '../../server/listen.ts';
import { createMcpRoute, MAX_BODY_BYTES, type McpRoute } from '../../server/mcp.ts';
import { createMetrics } from '../../server/metrics.ts';
import { defineTool, readOnly, ToolRegistry } from '../../tools/tool.ts';
import { createAccounts } from '../../tools/users/accounts.ts';
import {
  createJobhoundFixture,
  insertActiveResume,
  type JobhoundFixture,
} from '../mcp-server/jobhound-fixture.ts';

let fx: JobhoundFixture;
let route: McpRoute;
let running: RunningServer;
let endpoint: URL;
const tokens = { alice: '', bob: '' };
const slow = { started: Promise.withResolvers<void>(), finished: Promise.withResolvers<void>() };

const takeYourTime = defineTool({
  id: 'take_your_time',
  title: 'Take your time',
  description: 'test tool that answers after a pause',
  inputSchema: z.object({}),
  outputSchema: z.object({ done: z.boolean() }),
  annotations: readOnly,
  async execute() {
    slow.started.resolve();
    await new Promise((r) => setTimeout(r, 300));
    slow.finished.resolve();
    return { done: true };
  },
});

async function connectAs(token: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(endpoint, {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name: 'e2e', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: LATEST_PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: { name: 'raw', version: '1' },
  },
};

function post(body: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
    ...(signal ? { signal } : {}),
  });
}

beforeAll(async () => {
  fx = await createJobhoundFixture();
  const accounts = createAccounts(fx.db);
  const alice = await accounts.createUser('alice');
  const bob = await accounts.createUser('bob');
  tokens.alice = await accounts.issueToken(alice.id);
  tokens.bob = await accounts.issueToken(bob.id);
  await insertActiveResume(fx.db, alice.id, 'alice.txt', 'Alice Example — Staff Kubernetes Engineer');
  await insertActiveResume(fx.db, bob.id, 'bob.txt', 'Bob Example — Senior Product Designer');
  const registry = new ToolRegistry([...fx.registry.list(), takeYourTime]);
  route = createMcpRoute({
    registryFor: () => registry,
    resources: createDbResourceProvider(fx.db),
    accounts,
    logger: silentLogger(),
    host: '127.0.0.1',
  });
  const app = createApp({
    logger: silentLogger(),
    metrics: createMetrics(),
    health: [],
    routes: [{ path: '/mcp', app: route }],
  });
  running = await listen(app, '127.0.0.1', 0);
  endpoint = new URL(`${running.url}/mcp`);
});

afterAll(async () => {
  await route?.closeSessions();
  await running?.close();
  await fx?.close();
});

describe('MCP over Streamable HTTP', () => {
  it('refuses a request without a token once accounts exist, asking for a bearer token', async () => {
    const res = await post(JSON.stringify(initialize));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="jobhound"');
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/bearer token is required/);
    const wrong = await post(JSON.stringify(initialize), { authorization: 'Bearer jh_not-a-token' });
    expect(wrong.status).toBe(401);
    await expect(connectAs('jh_not-a-token')).rejects.toThrow();
  });

  it('refuses a browser page from another origin with 403 and accepts its own origin', async () => {
    const auth = { authorization: `Bearer ${tokens.alice}` };
    const foreign = await post(JSON.stringify(initialize), { ...auth, origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toMatch(/evil\.example/);
    const own = await post(JSON.stringify(initialize), {
      ...auth,
      origin: `http://localhost:${endpoint.port}`,
    });
    expect(own.status).toBe(200);
    await own.body?.cancel();
    // fetch() will not send a forged Host, so a DNS-rebound request is made by hand.
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(endpoint, {
        method: 'POST',
        headers: {
          ...auth,
          host: `attacker.example:${endpoint.port}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(JSON.stringify(initialize));
    });
    expect(rebound).toBe(403);
  });

  it('keeps two users in parallel sessions apart: each reads only their own resume', async () => {
    const [alice, bob] = await Promise.all([connectAs(tokens.alice), connectAs(tokens.bob)]);
    const read = async (client: Client) => {
      const { contents } = await client.readResource({ uri: 'jobhound://resume/active' });
      return JSON.parse((contents[0] as { text: string }).text) as { name: string; text: string };
    };
    const [a, b] = await Promise.all([read(alice), read(bob)]);
    expect(a).toMatchObject({ name: 'alice.txt', text: expect.stringContaining('Kubernetes') });
    expect(b).toMatchObject({ name: 'bob.txt', text: expect.stringContaining('Designer') });

    const aliceSession = (alice.transport as StreamableHTTPClientTransport).sessionId!;
    const hijack = await post(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 9,
        method: 'resources/read',
        params: { uri: 'jobhound://resume/active' },
      }),
      {
        authorization: `Bearer ${tokens.bob}`,
        'mcp-session-id': aliceSession,
        'mcp-protocol-version': LATEST_PROTOCOL_VERSION,
      },
    );
    expect(hijack.status).toBe(404);
    expect(await hijack.text()).not.toContain('Kubernetes');
    await Promise.all([alice.close(), bob.close()]);
  });

  it('answers a malformed body with a JSON-RPC parse error and keeps serving', async () => {
    const res = await post('{"jsonrpc": "2.0", "method": ', { authorization: `Bearer ${tokens.alice}` });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 }, id: null });

    const client = await connectAs(tokens.alice);
    const session = (client.transport as StreamableHTTPClientTransport).sessionId!;
    const inSession = await post('not json', {
      authorization: `Bearer ${tokens.alice}`,
      'mcp-session-id': session,
      'mcp-protocol-version': LATEST_PROTOCOL_VERSION,
    });
    expect(inSession.status).toBe(400);
    expect(((await inSession.json()) as { error: { code: number } }).error.code).toBe(-32700);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('search_jobs');
    await client.close();
  });

  it('refuses a body over 4 MiB with 413 before parsing it', async () => {
    const huge = JSON.stringify({
      ...initialize,
      params: { ...initialize.params, padding: 'x'.repeat(MAX_BODY_BYTES) },
    });
    const res = await post(huge, { authorization: `Bearer ${tokens.alice}` });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Payload Too Large/);
  });

  it('closes a session on DELETE', async () => {
    const client = await connectAs(tokens.bob);
    const transport = client.transport as StreamableHTTPClientTransport;
    const session = transport.sessionId!;
    const before = route.sessionCount();
    await transport.terminateSession();
    expect(route.sessionCount()).toBe(before - 1);
    const after = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), {
      authorization: `Bearer ${tokens.bob}`,
      'mcp-session-id': session,
    });
    expect(after.status).toBe(404);
    await client.close();
  });

  it('survives a client that disconnects in the middle of a call', async () => {
    const client = await connectAs(tokens.alice);
    const session = (client.transport as StreamableHTTPClientTransport).sessionId!;
    const controller = new AbortController();
    const call = post(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 77,
        method: 'tools/call',
        params: { name: 'take_your_time', arguments: {} },
      }),
      {
        authorization: `Bearer ${tokens.alice}`,
        'mcp-session-id': session,
        'mcp-protocol-version': LATEST_PROTOCOL_VERSION,
      },
      controller.signal,
    ).then((res) => res.text());
    await slow.started.promise;
    controller.abort();
    await expect(call).rejects.toThrow();
    await slow.finished.promise;
    await vi.waitFor(async () => {
      const result = await client.callTool({ name: 'search_jobs', arguments: { query: 'designer' } });
      expect((result.structuredContent as { total: number }).total).toBe(1);
    });
    await client.close();
  });
});
