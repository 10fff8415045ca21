import type { Command } from 'commander';
import { createLogger } from '../../config/logger.ts';
import { createDbResourceProvider } from '../../mcp-server/resources.ts';
import { createApp } from '../../server/app.ts';
import { createChatRoute } from '../../server/chat.ts';
import { listen } from '../../server/listen.ts';
import { createMcpRoute } from '../../server/mcp.ts';
import { createOpenAiRoute } from '../../server/openai-chat.ts';
import type { CliContext } from '../context.ts';
import { createRuntime } from '../runtime.ts';
import { onShutdown } from '../shutdown.ts';

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('start the HTTP server with an in-process worker (the default way to run Jobhound)')
    .option('--no-worker', 'do not process queued tasks in this process')
    .action(async (options: { worker: boolean }) => {
      const config = context.config();
      const logger = createLogger(config, { role: 'serve' });
      const runtime = await createRuntime(config, logger);
      try {
        const access = {
          accounts: runtime.services.accounts,
          logger,
          host: config.HOST,
          ...(config.PUBLIC_URL ? { allowedOrigins: [new URL(config.PUBLIC_URL).origin] } : {}),
        };
        const mcp = createMcpRoute({
          ...access,
          registryFor: () => runtime.tools,
          resources: createDbResourceProvider(runtime.handle.db),
        });
        const app = createApp({
          logger,
          metrics: runtime.metrics,
          health: runtime.health,
          routes: [
            { path: '/mcp', app: mcp },
            { path: '/api/chat', app: createChatRoute({ ...access, chat: runtime.chat }) },
            { path: '/v1', app: createOpenAiRoute({ ...access, chat: runtime.chat }) },
          ],
        });
        const server = await listen(app, config.HOST, config.PORT);
        if (options.worker) await runtime.startWorkers();
        const where = config.DATABASE_URL ? 'PostgreSQL' : `embedded PGlite in ${config.DATA_DIR}`;
        logger.info({ url: server.url, database: where }, 'jobhound is listening');
        context.err(`Jobhound is listening on ${server.url} (database: ${where})`);
        await onShutdown(logger, async () => {
          // Open SSE streams would otherwise hold server.close() until the deadline.
          await mcp.closeSessions();
          await server.close();
          await runtime.close();
        });
      } catch (error) {
        await runtime.close();
        throw error;
      }
    });
}
