import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import type { Env } from './config.ts';

/** The process environment over a `.env` file when one exists in `dir`; the real environment wins. */
export function readEnv(processEnv: Env, dir: string): Env {
  const file = `${dir}/.env`;
  if (!existsSync(file)) return { ...processEnv };
  const fromFile = parseEnv(readFileSync(file, 'utf8')) as Env;
  return { ...fromFile, ...processEnv };
}
