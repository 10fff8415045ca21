import { pino } from 'pino';
import type { Config } from './config.ts';

export type Logger = pino.Logger;

/** Logs go to stderr: in MCP stdio mode stdout carries only the protocol. */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL'>,
  bindings: Record<string, unknown> = {},
): Logger {
  return pino({ level: config.LOG_LEVEL, base: { ...bindings } }, pino.destination({ fd: 2, sync: false }));
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
