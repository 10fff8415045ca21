import type { Config, Env } from '../config/config.ts';

export interface CliContext {
  env: Env;
  /** Parses the configuration; throws ConfigError listing every bad variable. */
  config(): Config;
  out(line: string): void;
  err(line: string): void;
}
