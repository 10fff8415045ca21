import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { Hono } from 'hono';
import type { Logger } from '../config/logger.ts';
import type { AccessAccounts } from '../mcp-server/http-access.ts';
import type { McpResourceProvider } from '../mcp-server/resources.ts';
import { createMcpServer } from '../mcp-server/server.ts';
import type { ToolRegistry } from '../tools/tool.ts';
import { authorize, readBoundedBody } from './auth.ts';

/** Largest POST body read before parsing (the SDK transport's own default). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Sessions a client never closed are dropped after this long without a request. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** Open sessions one user may hold; the oldest is closed past this. */
export const MAX_SESSIONS_PER_USER = 16;

export interface McpRouteDeps {
  registryFor(userId: string): ToolRegistry;
  resources: McpResourceProvider;
  accounts: AccessAccounts;
  logger: Logger;
  /** The address the server is bound to: loopback allows tokenless single-user access. */
  host: string;
  /** Browser origins (besides this server's own loopback origin) allowed to call. */
  allowedOrigins?: string[];
  now?: () => number;
}

export type McpRoute = Hono & {
  /** Closes every session (and its open SSE streams) so the HTTP server can stop. */
  closeSessions(): Promise<void>;
  sessionCount(): number;
};

interface Session {
  userId: string;
  transport: WebStandardStreamableHTTPServerTransport;
  cleanup(): Promise<void>;
  lastSeen: number;
}

function rpcError(
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** MCP over Streamable HTTP, mounted by the HTTP server (e.g. at /mcp). */
export function createMcpRoute(deps: McpRouteDeps): McpRoute {
  const logger = deps.logger.child({ component: 'mcp-http' });
  const allowedOrigins = deps.allowedOrigins ?? [];
  const now = deps.now ?? Date.now;
  const sessions = new Map<string, Session>();

  const closeSession = async (id: string) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    await session.cleanup();
  };

  const sweep = async (userId: string) => {
    const cutoff = now() - SESSION_IDLE_MS;
    for (const [id, s] of sessions) if (s.lastSeen < cutoff) await closeSession(id);
    const mine = [...sessions]
      .filter(([, s]) => s.userId === userId)
      .sort(([, a], [, b]) => a.lastSeen - b.lastSeen);
    for (const [id] of mine.slice(0, Math.max(0, mine.length - MAX_SESSIONS_PER_USER + 1)))
      await closeSession(id);
  };

  const startSession = async (userId: string, body: unknown, request: Request): Promise<Response> => {
    await sweep(userId);
    const { server, cleanup } = createMcpServer({
      registry: deps.registryFor(userId),
      userId,
      resources: deps.resources,
      logger: deps.logger,
    });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { userId, transport, cleanup, lastSeen: now() });
        logger.info({ session: id, user: userId }, 'MCP session opened');
      },
    });
    // Set before connect(): the protocol chains onto these. Covers DELETE and server-side close.
    transport.onclose = () => {
      if (transport.sessionId && sessions.delete(transport.sessionId))
        logger.info({ session: transport.sessionId }, 'MCP session closed');
    };
    transport.onerror = (err) => logger.debug({ err: err.message }, 'MCP transport error');
    await server.connect(transport);
    const response = await transport.handleRequest(request, { parsedBody: body });
    if (!transport.sessionId || !sessions.has(transport.sessionId)) await cleanup();
    return response;
  };

  const app = new Hono();
  app.all('/', async (c) => {
    const caller = await authorize(c.req.raw, { ...deps, allowedOrigins });
    if ('status' in caller) {
      return caller.status === 403
        ? rpcError(403, -32000, `Forbidden: ${caller.error}`)
        : rpcError(401, -32001, `Unauthorized: ${caller.error}`, {
            'WWW-Authenticate': 'Bearer realm="jobhound"',
          });
    }

    const sessionId = c.req.header('mcp-session-id');
    if (sessionId) {
      const session = sessions.get(sessionId);
      // Another user's session id is answered exactly like an unknown one.
      if (!session || session.userId !== caller.userId) return rpcError(404, -32001, 'Session not found');
      session.lastSeen = now();
      return session.transport.handleRequest(c.req.raw);
    }

    if (c.req.method !== 'POST') {
      return rpcError(400, -32000, 'Bad Request: Mcp-Session-Id header is required');
    }
    const text = await readBoundedBody(c.req.raw, MAX_BODY_BYTES);
    if (text === null) return rpcError(413, -32000, `Payload Too Large: limit is ${MAX_BODY_BYTES} bytes`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return rpcError(400, -32700, 'Parse error: the body is not valid JSON');
    }
    const messages = Array.isArray(body) ? body : [body];
    if (!messages.some(isInitializeRequest)) {
      return rpcError(400, -32600, 'Invalid Request: start a session with an initialize request first');
    }
    return startSession(caller.userId, body, c.req.raw);
  });

  return Object.assign(app, {
    async closeSessions() {
      await Promise.all([...sessions.keys()].map(closeSession));
    },
    sessionCount: () => sessions.size,
  });
}
