import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../config/logger.ts';
import { createDbResourceProvider, RESOURCE_NOT_FOUND } from '../../mcp-server/resources.ts';
import { createMcpServer, MAX_ARGUMENT_BYTES } from '../../mcp-server/server.ts';
import { defineTool, readOnly, ToolRegistry } from '../../tools/tool.ts';
import { createAccounts } from '../../tools/users/accounts.ts';
import { createJobhoundFixture, type JobhoundFixture } from './jobhound-fixture.ts';

let fx: JobhoundFixture;
let userId: string;
const open: Array<() => Promise<void>> = [];

/** What the test-only tools saw, so tests can assert on the server side of a call. */
const seen = { cancelled: false, started: Promise.withResolvers<void>() };

const countSlowly = defineTool({
  id: 'count_slowly',
  title: 'Count slowly',
  description: 'test tool that reports progress',
  inputSchema: z.object({ steps: z.number().int().min(1).max(10) }),
  outputSchema: z.object({ counted: z.number() }),
  annotations: readOnly,
  async execute({ steps }, context) {
    for (let i = 1; i <= steps; i++) context.onProgress?.({ done: i, total: steps, message: `step ${i}` });
    return { counted: steps };
  },
});

const waitForCancel = defineTool({
  id: 'wait_for_cancel',
  title: 'Wait for cancel',
  description: 'test tool that runs until it is cancelled',
  inputSchema: z.object({}),
  outputSchema: z.object({ finished: z.boolean() }),
  annotations: readOnly,
  async execute(_input, context) {
    seen.started.resolve();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 20_000);
      context.signal?.addEventListener('abort', () => {
        seen.cancelled = true;
        clearTimeout(timer);
        resolve();
      });
    });
    return { finished: !seen.cancelled };
  },
});

const explode = defineTool({
  id: 'explode',
  title: 'Explode',
  description: 'test tool that fails',
  inputSchema: z.object({}),
  outputSchema: z.object({}),
  annotations: readOnly,
  async execute() {
    throw new Error('the disk is on fire');
  },
});

const shout = defineTool({
  id: 'shout',
  title: 'Shout',
  description: 'test tool whose output schema has a transform',
  inputSchema: z.object({ words: z.string() }),
  outputSchema: z.object({ words: z.string().transform((w) => w.toUpperCase()) }),
  annotations: readOnly,
  async execute({ words }) {
    return { words };
  },
});

async function connect(registry = fx.registry): Promise<Client> {
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
  open.push(async () => {
    await client.close();
    await cleanup();
  });
  return client;
}

const text = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;

beforeAll(async () => {
  fx = await createJobhoundFixture();
  userId = await createAccounts(fx.db).localUser();
});
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});
afterAll(async () => {
  await fx.close();
});

describe('the MCP server', () => {
  it('lists every registry tool with its name, title, input schema and annotations', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      fx.registry
        .list()
        .map((t) => t.id)
        .sort(),
    );
    const search = tools.find((t) => t.name === 'search_jobs')!;
    expect(search.title).toBe('Search jobs');
    expect(search.inputSchema.properties).toHaveProperty('query');
    expect(search.inputSchema.properties).toHaveProperty('limit');
    expect(search.outputSchema?.properties).toHaveProperty('jobs');
    expect(search.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
    });
    const getJob = tools.find((t) => t.name === 'get_job')!;
    expect(getJob.inputSchema.required).toEqual(['jobId']);
  });

  it('still lists and runs a tool whose output schema JSON Schema cannot express', async () => {
    const client = await connect(new ToolRegistry([...fx.registry.list(), shout]));
    const { tools } = await client.listTools();
    const listed = tools.find((t) => t.name === 'shout')!;
    expect(listed.inputSchema.required).toEqual(['words']);
    expect(listed.outputSchema).toBeUndefined();
    expect(tools.map((t) => t.name)).toContain('search_jobs');
    const result = await client.callTool({ name: 'shout', arguments: { words: 'hi' } });
    expect(result.structuredContent).toEqual({ words: 'HI' });
  });

  it('answers every tool with a result, never a protocol error', async () => {
    const client = await connect();
    const examples: Record<string, Record<string, unknown>> = {
      search_jobs: { query: 'engineer' },
      get_job: { jobId: fx.jobIds.engineer },
    };
    for (const tool of fx.registry.list()) {
      const result = (await client.callTool({
        name: tool.id,
        arguments: examples[tool.id] ?? {},
      })) as CallToolResult;
      expect(result.content.length, tool.id).toBeGreaterThan(0);
      if (examples[tool.id]) expect(result.isError, `${tool.id}: ${text(result)}`).toBeFalsy();
    }
  });

  it('returns structured content that round-trips through the tool output schema', async () => {
    const client = await connect();
    const result = (await client.callTool({
      name: 'search_jobs',
      arguments: { query: 'kubernetes' },
    })) as CallToolResult;
    const tool = fx.registry.require('search_jobs');
    const parsed = tool.outputSchema.parse(result.structuredContent) as {
      total: number;
      jobs: Array<{ id: string }>;
    };
    expect(parsed).toEqual(result.structuredContent);
    expect(parsed.jobs.map((j) => j.id)).toEqual([fx.jobIds.engineer]);
    expect(text(result)).toMatch(/Senior Platform Engineer — Acme Robotics/);

    const one = (await client.callTool({
      name: 'get_job',
      arguments: { jobId: fx.jobIds.designer },
    })) as CallToolResult;
    expect(fx.registry.require('get_job').outputSchema.parse(one.structuredContent)).toMatchObject({
      title: 'Product Designer',
      description: 'Design delightful mobile apps with Figma.',
    });
  });

  it('reports a wrong argument as a tool error naming the field and the reason', async () => {
    const client = await connect();
    const result = (await client.callTool({
      name: 'search_jobs',
      arguments: { limit: 'many' },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/limit: .*number/i);
    const missing = (await client.callTool({ name: 'get_job', arguments: {} })) as CallToolResult;
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/jobId/);
  });

  it('reports a job that does not exist as a tool error, not a crash', async () => {
    const client = await connect();
    const id = '00000000-0000-4000-8000-000000000000';
    const result = (await client.callTool({ name: 'get_job', arguments: { jobId: id } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toBe(`job '${id}' was not found`);
  });

  it('reports a failing tool with its message and no stack trace', async () => {
    const client = await connect(new ToolRegistry([...fx.registry.list(), explode]));
    const result = (await client.callTool({ name: 'explode', arguments: {} })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toBe('explode failed: the disk is on fire');
  });

  it('answers an unknown tool with a protocol error and keeps serving', async () => {
    const client = await connect();
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(
      /unknown tool 'no_such_tool'/,
    );
    const next = (await client.callTool({
      name: 'search_jobs',
      arguments: { query: 'designer' },
    })) as CallToolResult;
    expect(next.isError, text(next)).toBeFalsy();
    expect((next.structuredContent as { total: number }).total).toBe(1);
  });

  it('refuses arguments larger than 256 KB', async () => {
    const client = await connect();
    const query = 'x'.repeat(MAX_ARGUMENT_BYTES + 1);
    const result = (await client.callTool({ name: 'search_jobs', arguments: { query } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/the limit is 262144 bytes/);
  });

  it('sends progress notifications when the client asks for them', async () => {
    const client = await connect(new ToolRegistry([...fx.registry.list(), countSlowly]));
    const updates: Array<{ progress: number; total?: number; message?: string }> = [];
    const result = await client.callTool({ name: 'count_slowly', arguments: { steps: 3 } }, undefined, {
      onprogress: (p) => updates.push(p),
    });
    expect(result.structuredContent).toEqual({ counted: 3 });
    await vi.waitFor(() => expect(updates).toHaveLength(3));
    expect(updates).toEqual([
      { progress: 1, total: 3, message: 'step 1' },
      { progress: 2, total: 3, message: 'step 2' },
      { progress: 3, total: 3, message: 'step 3' },
    ]);
  });

  it('passes a cancelled call on to the running tool', async () => {
    const client = await connect(new ToolRegistry([...fx.registry.list(), waitForCancel]));
    const controller = new AbortController();
    const call = client.callTool({ name: 'wait_for_cancel', arguments: {} }, undefined, {
      signal: controller.signal,
    });
    await seen.started.promise;
    controller.abort('user changed their mind');
    await expect(call).rejects.toThrow();
    await vi.waitFor(() => expect(seen.cancelled).toBe(true));
    const next = (await client.callTool({
      name: 'search_jobs',
      arguments: { query: 'designer' },
    })) as CallToolResult;
    expect(next.isError, text(next)).toBeFalsy();
  });

  it('reads a job as a JSON resource and names a missing one', async () => {
    const client = await connect();
    const uri = `jobhound://jobs/${fx.jobIds.engineer}`;
    const { contents } = await client.readResource({ uri });
    expect(contents[0]).toMatchObject({ uri, mimeType: 'application/json' });
    const job = JSON.parse((contents[0] as { text: string }).text);
    expect(job).toMatchObject({
      id: fx.jobIds.engineer,
      title: 'Senior Platform Engineer',
      company: 'Acme Robotics',
    });
    const missing = client.readResource({ uri: 'jobhound://jobs/not-a-job' });
    await expect(missing).rejects.toMatchObject({ code: RESOURCE_NOT_FOUND });
    await expect(client.readResource({ uri: 'jobhound://jobs/not-a-job' })).rejects.toThrow(
      /job 'not-a-job' was not found/,
    );
  });

  it('lists the resources and templates and says when there is no resume yet', async () => {
    const client = await connect();
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual([
      'jobhound://digest/today',
      'jobhound://profile',
      'jobhound://resume/active',
    ]);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'jobhound://jobs/{id}',
      'jobhound://matches/{jobId}',
    ]);
    await expect(client.readResource({ uri: 'jobhound://resume/active' })).rejects.toThrow(
      /no active resume/,
    );
  });

  it('offers prompts that name the job and the tools to call', async () => {
    const client = await connect();
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual([
      'find-similar-jobs',
      'prepare-application',
      'review-resume-for-job',
    ]);
    const similar = await client.getPrompt({
      name: 'find-similar-jobs',
      arguments: { jobId: fx.jobIds.engineer },
    });
    const message = similar.messages[0]!;
    expect(message.role).toBe('user');
    const body = (message.content as { text: string }).text;
    expect(body).toContain('Senior Platform Engineer at Acme Robotics');
    expect(body).toMatch(/search_(jobs|matches)/);
    expect(body).toContain(fx.jobIds.engineer);
    await expect(
      client.getPrompt({
        name: 'prepare-application',
        arguments: { jobId: '00000000-0000-4000-8000-000000000000' },
      }),
    ).rejects.toThrow(/was not found/);
  });
});
