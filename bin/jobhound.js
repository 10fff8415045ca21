#!/usr/bin/env node
import { runCli } from '../cli/main.ts';
// Node >= 22.18 runs the TypeScript sources directly; this shim gives npm a `bin` to link.
import { readEnv } from '../config/env-file.ts';

const code = await runCli(process.argv.slice(2), readEnv(process.env, process.cwd()));
if (code !== 0) process.exitCode = code;
