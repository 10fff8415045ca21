import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer, type McpServerDeps } from './server.ts';

export interface StdioServerDeps extends McpServerDeps {
  /** Defaults to the process's own; tests pass streams. */
  stdin?: Readable;
  stdout?: Writable;
  /** Aborting it (SIGINT/SIGTERM in the CLI) stops the server. */
  signal?: AbortSignal;
}

/**
 * Serves MCP over stdin/stdout until stdin ends, the client closes, or `signal` aborts.
 * stdout carries only protocol messages, so nothing here logs to it.
 */
export async function runStdioServer(deps: StdioServerDeps): Promise<void> {
  const stdin = deps.stdin ?? process.stdin;
  const stdout = deps.stdout ?? process.stdout;
  const logger = deps.logger.child({ component: 'mcp-stdio' });
  const { server, cleanup } = createMcpServer(deps);
  const transport = new StdioServerTransport(stdin, stdout);

  let finish!: () => void;
  const closed = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const stop = (why: string) => {
    logger.info({ why }, 'MCP stdio server stopping');
    finish();
  };
  const onEnd = () => stop('stdin closed');
  const onAbort = () => stop('signal');
  const onStdoutError = (err: Error) => {
    // The client went away (EPIPE); nothing can be answered any more.
    logger.warn({ err }, 'stdout is gone');
    finish();
  };

  // Set before connect(): the protocol chains onto these rather than replacing them.
  transport.onclose = () => finish();
  transport.onerror = (err) => logger.warn({ err }, 'MCP stdio transport error');
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);
  stdout.on('error', onStdoutError);
  deps.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (deps.signal?.aborted) return;
    await server.connect(transport);
    logger.info({ user: deps.userId }, 'MCP stdio server ready');
    await closed;
  } finally {
    stdin.off('end', onEnd);
    stdin.off('close', onEnd);
    stdout.off('error', onStdoutError);
    deps.signal?.removeEventListener('abort', onAbort);
    await cleanup();
  }
}
