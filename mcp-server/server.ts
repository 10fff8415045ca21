import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  McpError,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Logger } from '../config/logger.ts';
import {
  type AnyTool,
  callTool,
  type ToolCallContext,
  ToolInputError,
  type ToolRegistry,
} from '../tools/tool.ts';
import { registerPrompts } from './prompts.ts';
import { type McpResourceProvider, registerResources } from './resources.ts';

/** Larger tool arguments are refused before parsing: no Jobhound tool needs more. */
export const MAX_ARGUMENT_BYTES = 256 * 1024;

export const SERVER_INFO = { name: 'jobhound', version: '0.1.0' } as const;

const INSTRUCTIONS =
  'Jobhound is a job-search assistant. Use search_jobs to find stored jobs and get_job for one job in full; ' +
  'read jobhound://resume/active and jobhound://profile for the user. Nothing is ever submitted without the user.';

export interface McpServerDeps {
  registry: ToolRegistry;
  /** Every call and resource read acts as this user; the transport decided who it is. */
  userId: string;
  resources: McpResourceProvider;
  logger: Logger;
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** One MCP server per connection (stdio process or HTTP session), bound to one user. */
export function createMcpServer(deps: McpServerDeps): { server: McpServer; cleanup(): Promise<void> } {
  const logger = deps.logger.child({ component: 'mcp' });
  const server = new McpServer(SERVER_INFO, { instructions: INSTRUCTIONS });
  const run = (tool: AnyTool, args: unknown, extra: Extra) => runTool(tool, args, extra, deps.userId, logger);

  const tools = deps.registry.list();
  for (const tool of tools) registerListedTool(server, tool, logger, (args, extra) => run(tool, args, extra));
  if (tools.length > 0) {
    // The SDK's own tools/call handler validates before the size cap can run, would parse the
    // arguments a second time in callTool, and reports an unknown tool as a tool result. The
    // registered tools above still provide tools/list with their JSON schemas.
    server.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const tool = deps.registry.get(request.params.name);
      if (!tool) {
        const known = tools.map((t) => t.id).join(', ');
        throw new McpError(
          ErrorCode.InvalidParams,
          `unknown tool '${request.params.name}' (known: ${known})`,
        );
      }
      return run(tool, request.params.arguments ?? {}, extra);
    });
  }

  registerResources(server, deps.resources, deps.userId);
  registerPrompts(server, deps);

  return {
    server,
    async cleanup() {
      await server.close().catch((err) => logger.warn({ err }, 'closing the MCP server'));
    },
  };
}

/**
 * The SDK converts every schema on each tools/list, and one that JSON Schema cannot express (a
 * transform) would fail the whole list; such a schema is left out of the listing instead.
 */
function registerListedTool(
  server: McpServer,
  tool: AnyTool,
  logger: Logger,
  handler: (args: unknown, extra: Extra) => Promise<CallToolResult>,
): void {
  const inputSchema = representable(tool.inputSchema, 'input');
  const outputSchema = representable(tool.outputSchema, 'output');
  if (!inputSchema || !outputSchema) {
    const which = [!inputSchema && 'input', !outputSchema && 'output'].filter(Boolean).join(' and ');
    logger.warn(
      { tool: tool.id },
      `the ${which} schema of ${tool.id} cannot be shown as JSON Schema; listed without it`,
    );
  }
  server.registerTool(
    tool.id,
    {
      title: tool.title,
      description: tool.description,
      ...(inputSchema ? { inputSchema } : {}),
      ...(outputSchema ? { outputSchema } : {}),
      annotations: { title: tool.title, ...tool.annotations },
    },
    handler,
  );
}

function representable(schema: z.ZodType, io: 'input' | 'output'): z.ZodType | undefined {
  try {
    z.toJSONSchema(schema, { target: 'draft-7', io });
    return schema;
  } catch {
    return undefined;
  }
}

async function runTool(
  tool: AnyTool,
  args: unknown,
  extra: Extra,
  userId: string,
  logger: Logger,
): Promise<CallToolResult> {
  const size = Buffer.byteLength(JSON.stringify(args ?? {}) ?? '', 'utf8');
  if (size > MAX_ARGUMENT_BYTES) {
    return toolError(
      `arguments for ${tool.id} are ${size} bytes; the limit is ${MAX_ARGUMENT_BYTES} bytes (256 KB)`,
    );
  }
  const context: ToolCallContext = { userId, signal: extra.signal };
  const onProgress = progressReporter(extra, logger);
  if (onProgress) context.onProgress = onProgress;
  const started = performance.now();
  try {
    const output = await callTool(tool, args, context);
    logger.debug({ tool: tool.id, ms: Math.round(performance.now() - started) }, 'tool call');
    const result: CallToolResult = { content: [{ type: 'text', text: renderOutput(tool, output) }] };
    if (isPlainObject(output)) result.structuredContent = output;
    return result;
  } catch (error) {
    return toolError(describeFailure(tool, error, extra.signal, logger));
  }
}

/** Sends MCP progress notifications, but only when the client asked for them with a token. */
function progressReporter(extra: Extra, logger: Logger): ToolCallContext['onProgress'] {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return undefined;
  return (update) => {
    const params: { progressToken: string | number; progress: number; total?: number; message?: string } = {
      progressToken,
      progress: update.done,
    };
    if (typeof update.total === 'number') params.total = update.total;
    if (update.message) params.message = update.message;
    extra
      .sendNotification({ method: 'notifications/progress', params })
      .catch((err) => logger.debug({ err }, 'progress notification not delivered'));
  };
}

function describeFailure(tool: AnyTool, error: unknown, signal: AbortSignal, logger: Logger): string {
  if (signal.aborted) return `${tool.id} was cancelled`;
  if (error instanceof ToolInputError) return error.message;
  if (error instanceof z.ZodError || error instanceof z.core.$ZodError) {
    // Input was already checked by callTool, so this is a tool returning the wrong shape.
    logger.error({ tool: tool.id, issues: error.issues }, 'tool output failed its schema');
    return `${tool.id} failed: ${error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ')}`;
  }
  logger.error({ tool: tool.id, err: error }, 'tool call failed');
  return `${tool.id} failed: ${rootMessage(error)}`;
}

/** Drizzle wraps database errors in "Failed query: <sql> params: ..."; the cause says what went wrong. */
function rootMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message.startsWith('Failed query:') && error.cause instanceof Error) return error.cause.message;
  return error.message;
}

function renderOutput(tool: AnyTool, output: unknown): string {
  if (tool.render) {
    try {
      return tool.render(output);
    } catch {
      // A rendering bug must not lose a good result; the JSON below still carries it.
    }
  }
  return JSON.stringify(output, null, 2) ?? '';
}

function toolError(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
