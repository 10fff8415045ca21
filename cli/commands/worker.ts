import type { Command } from 'commander';
import { createLogger } from '../../config/logger.ts';
import type { CliContext } from '../context.ts';
import { createRuntime } from '../runtime.ts';
import { onShutdown } from '../shutdown.ts';

export function registerWorkerCommand(program: Command, context: CliContext): void {
  program
    .command('worker')
    .description('process queued tasks only (run several, on several machines, against one PostgreSQL)')
    .action(async () => {
      const config = context.config();
      const logger = createLogger(config, { role: 'worker', pid: process.pid });
      const runtime = await createRuntime(config, logger);
      await runtime.startWorkers();
      logger.info('worker started');
      context.err(`Jobhound worker ${process.pid} started`);
      await onShutdown(logger, () => runtime.close());
    });
}
