import { createTool } from '@mastra/core/tools';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { z } from 'zod';
import type { ExternalMcpServer } from '../config/config.ts';
import type { Logger } from '../config/logger.ts';
import { fenceUntrusted } from './untrusted-data.ts';

// Tools of MCP servers the user lists in MCP_SERVERS (a job board's server, their own), offered to
// the researcher. They are read-only unless the user says otherwise: a tool the server does not
// mark readOnlyHint is left out unless it is in allowTools or the server has allowWrites. What they
// return is outside content, so the model sees it fenced as untrusted data.

const CONNECT_TIMEOUT_MS = 15_000;
const CALL_TIMEOUT_MS = 60_000;

export interface ExternalTools {
  /** Mastra tools keyed `<server>_<tool>`. */
  tools: Record<string, ReturnType<typeof createTool>>;
  /** What was left out and why, for logs and `jobhound` diagnostics. */
  skipped: Array<{ server: string; tool?: string; reason: string }>;
  close(): Promise<void>;
}

function transportFor(server: ExternalMcpServer): Transport {
  if (server.url) {
    return new StreamableHTTPClientTransport(new URL(server.url), {
      ...(server.headers ? { requestInit: { headers: server.headers } } : {}),
    });
  }
  return new StdioClientTransport({
    command: server.command!,
    args: server.args,
    ...(server.env ? { env: { ...(process.env as Record<string, string>), ...server.env } } : {}),
    stderr: 'ignore',
  });
}

/** MCP tool input schemas are JSON Schema; zod reads them so the agent validates arguments. */
function inputSchemaOf(schema: unknown): z.ZodType {
  try {
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch {
    return z.record(z.string(), z.unknown());
  }
}

const toolKey = (server: string, tool: string) =>
  `${server}_${tool}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);

/** Text of an MCP tool result: its text parts, or its structured content as JSON. */
function resultText(result: { content?: unknown; structuredContent?: unknown }): string {
  const parts = Array.isArray(result.content) ? result.content : [];
  const texts = parts
    .filter((p): p is { type: 'text'; text: string } => p?.type === 'text' && typeof p.text === 'string')
    .map((p) => p.text);
  if (texts.length > 0) return texts.join('\n');
  return result.structuredContent !== undefined ? JSON.stringify(result.structuredContent) : '';
}

/**
 * Connects to every configured server and lists its tools. A server that cannot be reached is
 * logged and skipped; Jobhound runs without it.
 */
export async function connectExternalMcp(
  servers: Record<string, ExternalMcpServer>,
  logger: Pick<Logger, 'warn' | 'info'>,
): Promise<ExternalTools> {
  const clients: Client[] = [];
  const tools: ExternalTools['tools'] = {};
  const skipped: ExternalTools['skipped'] = [];
  for (const [name, server] of Object.entries(servers)) {
    const client = new Client({ name: 'jobhound', version: '0.1.0' });
    try {
      await client.connect(transportFor(server), { timeout: CONNECT_TIMEOUT_MS });
      const { tools: listed } = await client.listTools(undefined, { timeout: CONNECT_TIMEOUT_MS });
      clients.push(client);
      for (const tool of listed) {
        const allowed =
          tool.annotations?.readOnlyHint === true ||
          server.allowWrites ||
          server.allowTools.includes(tool.name);
        if (!allowed) {
          skipped.push({
            server: name,
            tool: tool.name,
            reason: 'not marked read-only (add it to allowTools)',
          });
          continue;
        }
        const key = toolKey(name, tool.name);
        tools[key] = createTool({
          id: key,
          description: `[${name} MCP server] ${tool.description ?? tool.name}`,
          inputSchema: inputSchemaOf(tool.inputSchema),
          toModelOutput: (output: unknown) => ({ type: 'text', value: String(output) }),
          execute: async (input: unknown, context) => {
            try {
              const result = await client.callTool(
                { name: tool.name, arguments: (input ?? {}) as Record<string, unknown> },
                undefined,
                { timeout: CALL_TIMEOUT_MS, ...(context.abortSignal ? { signal: context.abortSignal } : {}) },
              );
              const text = resultText(result as { content?: unknown; structuredContent?: unknown });
              const fenced = fenceUntrusted(text, `mcp:${name}/${tool.name}`);
              return result.isError ? `${key} reported an error: ${fenced}` : fenced;
            } catch (error) {
              return `${key} failed: ${error instanceof Error ? error.message : String(error)}`;
            }
          },
        });
      }
      logger.info({ server: name, tools: listed.length }, 'external MCP server connected');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      skipped.push({ server: name, reason: `could not connect: ${reason}` });
      logger.warn({ server: name, err: reason }, 'external MCP server skipped');
      await client.close().catch(() => undefined);
    }
  }
  return {
    tools,
    skipped,
    async close() {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    },
  };
}
