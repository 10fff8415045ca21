import { PassThrough } from 'node:stream';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../config/logger.ts';
import type { McpResourceProvider } from '../../mcp-server/resources.ts';
import { runStdioServer } from '../../mcp-server/stdio.ts';
import { defineTool, readOnly, ToolRegistry } from '../../tools/tool.ts';

const echo = defineTool({
  id: 'echo',
  title: 'Echo',
  description: 'says back what it was given, and who asked',
  inputSchema: z.object({ words: z.string() }),
  outputSchema: z.object({ words: z.string(), userId: z.string() }),
  annotations: readOnly,
  async execute({ words }, context) {
    return { words, userId: context.userId };
  },
});

const nothing: McpResourceProvider = {
  activeResume: async () => null,
  profile: async () => ({ roles: ['tester'] }),
  job: async () => null,
  match: async () => null,
  digest: async () => null,
};

function start(signal?: AbortSignal) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const lines: string[] = [];
  let buffered = '';
  stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
  });
  const done = runStdioServer({
    registry: new ToolRegistry([echo]),
    userId: 'user-1',
    resources: nothing,
    logger: silentLogger(),
    stdin,
    stdout,
    ...(signal ? { signal } : {}),
  });
  const send = (message: object) => stdin.write(`${JSON.stringify(message)}\n`);
  const answer = async (id: number) => {
    for (let i = 0; i < 200; i++) {
      const found = lines.map((l) => JSON.parse(l)).find((m) => m.id === id);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no answer to request ${id}; stdout had: ${lines.join('\n')}`);
  };
  return { stdin, lines, done, send, answer };
}

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: LATEST_PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: { name: 't', version: '1' },
  },
};

describe('the stdio MCP server', () => {
  it('answers on stdout with protocol lines only and acts as its user', async () => {
    const s = start();
    s.send(initialize);
    expect((await s.answer(1)).result.serverInfo.name).toBe('jobhound');
    s.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    s.send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'echo', arguments: { words: 'hi' } },
    });
    expect((await s.answer(2)).result.structuredContent).toEqual({ words: 'hi', userId: 'user-1' });
    s.send({ jsonrpc: '2.0', id: 3, method: 'resources/read', params: { uri: 'jobhound://profile' } });
    expect(JSON.parse((await s.answer(3)).result.contents[0].text)).toEqual({ roles: ['tester'] });
    for (const line of s.lines) expect(JSON.parse(line)).toHaveProperty('jsonrpc', '2.0');
    s.stdin.end();
    await s.done;
  });

  it('stops when stdin closes', async () => {
    const s = start();
    s.send(initialize);
    await s.answer(1);
    s.stdin.end();
    await expect(s.done).resolves.toBeUndefined();
  });

  it('stops when the signal aborts (SIGINT/SIGTERM in the CLI)', async () => {
    const controller = new AbortController();
    const s = start(controller.signal);
    s.send(initialize);
    await s.answer(1);
    controller.abort();
    await expect(s.done).resolves.toBeUndefined();
  });

  it('keeps serving after a line that is not JSON', async () => {
    const s = start();
    s.stdin.write('this is not json\n');
    s.send(initialize);
    expect((await s.answer(1)).result.serverInfo.name).toBe('jobhound');
    s.stdin.end();
    await s.done;
  });
});
