import type { Command } from 'commander';
import { createDigestRoute } from '../../bots/digest/route.ts';
import { createTelegramBot } from '../../bots/telegram/bot.ts';
import { createLogger } from '../../config/logger.ts';
import { createDbResourceProvider } from '../../mcp-server/resources.ts';
import { createApp } from '../../server/app.ts';
import { createApplicationsRoute } from '../../server/applications.ts';
import { createChatRoute } from '../../server/chat.ts';
import { listen } from '../../server/listen.ts';
import { createMcpRoute } from '../../server/mcp.ts';
import { createOpenAiRoute } from '../../server/openai-chat.ts';
import { createResumeRoute } from '../../server/resume.ts';
import { createWebRoute } from '../../server/web.ts';
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
        // The Telegram bot: a webhook when PUBLIC_URL is set, else long polling.
        const telegram = config.TELEGRAM_BOT_TOKEN
          ? createTelegramBot({
              config: { ...config, TELEGRAM_BOT_TOKEN: config.TELEGRAM_BOT_TOKEN },
              db: runtime.handle.db,
              tools: runtime.tools,
              chat: runtime.chat,
              logger,
            })
          : null;
        const app = createApp({
          logger,
          metrics: runtime.metrics,
          health: runtime.health,
          routes: [
            { path: '/mcp', app: mcp },
            { path: '/api/chat', app: createChatRoute({ ...access, chat: runtime.chat }) },
            { path: '/v1', app: createOpenAiRoute({ ...access, chat: runtime.chat }) },
            { path: '/api/v1/digest', app: createDigestRoute({ ...access, db: runtime.handle.db }) },
            {
              path: '/api/v1/applications',
              app: createApplicationsRoute({ ...access, tools: runtime.tools, db: runtime.handle.db }),
            },
            ...(telegram && config.PUBLIC_URL ? [{ path: '/telegram', app: telegram.webhookRoute() }] : []),
            { path: '/api/v1/resume', app: createResumeRoute({ ...access, tools: runtime.tools }) },
            { path: '/', app: createWebRoute() },
          ],
        });
        const server = await listen(app, config.HOST, config.PORT);
        if (options.worker) await runtime.startWorkers();
        if (telegram) {
          const started = config.PUBLIC_URL
            ? telegram.setWebhook(config.PUBLIC_URL)
            : telegram.startPolling();
          await started.catch((err) => logger.error({ err }, 'the Telegram bot did not start'));
        }
        const where = config.DATABASE_URL ? 'PostgreSQL' : `embedded PGlite in ${config.DATA_DIR}`;
        logger.info({ url: server.url, database: where }, 'jobhound is listening');
        context.err(`Jobhound is listening on ${server.url} (database: ${where})`);
        await onShutdown(logger, async () => {
          // Open SSE streams would otherwise hold server.close() until the deadline.
          await mcp.closeSessions();
          await telegram?.stop();
          await server.close();
          await runtime.close();
        });
      } catch (error) {
        await runtime.close();
        throw error;
      }
    });
}
