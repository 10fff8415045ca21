#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerDigestCommand } from '../bots/digest/command.ts';
import { registerBotCommand } from '../bots/telegram/command.ts';
import { ConfigError, type Env, loadConfig } from '../config/config.ts';
import { readEnv } from '../config/env-file.ts';
import { registerChatCommand } from './commands/chat.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerMatchCommands } from './commands/match.ts';
import { registerMcpCommand } from './commands/mcp.ts';
import { registerReviewCommands } from './commands/review.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSourceCommands } from './commands/sources.ts';
import { registerTasksCommands } from './commands/tasks.ts';
import { registerUserCommands } from './commands/users.ts';
import { registerWorkerCommand } from './commands/worker.ts';
import type { CliContext } from './context.ts';

export function buildProgram(context: CliContext): Command {
  const program = new Command('jobhound')
    .description('Jobhound: an open job-search assistant')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program, context);
  registerWorkerCommand(program, context);
  registerDbCommands(program, context);
  registerTasksCommands(program, context);
  registerSourceCommands(program, context);
  registerMatchCommands(program, context);
  registerReviewCommands(program, context);
  registerUserCommands(program, context);
  registerMcpCommand(program, context);
  registerChatCommand(program, context);
  registerDigestCommand(program, context);
  registerBotCommand(program, context);
  return program;
}

/** Exit codes: 0 ok, 1 runtime failure, 2 bad configuration or usage. */
export async function runCli(argv: string[], env: Env): Promise<number> {
  const context: CliContext = {
    env,
    config: () => loadConfig(env),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  try {
    await buildProgram(context).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ConfigError) {
      context.err(error.message);
      return 2;
    }
    context.err(`jobhound: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.main) {
  const code = await runCli(process.argv.slice(2), readEnv(process.env, process.cwd()));
  if (code !== 0) process.exitCode = code;
}
