import type { Command } from 'commander';
import type { CliContext } from '../../cli/context.ts';
import { withLocalRuntime } from '../../cli/local-runtime.ts';
import { createRuntime } from '../../cli/runtime.ts';
import { onShutdown } from '../../cli/shutdown.ts';
import { createLogger } from '../../config/logger.ts';
import { findUser } from '../digest/command.ts';
import { createTelegramBot } from './bot.ts';
import { createLinkCode, LINK_CODE_TTL_MS } from './link.ts';

/** `jobhound bot` (the bot alone, long polling) and `jobhound bot link [--user U]`. */
export function registerBotCommand(program: Command, context: CliContext): void {
  const bot = program
    .command('bot')
    .description(
      'run the Telegram bot alone with long polling (needs TELEGRAM_BOT_TOKEN; tasks run in `jobhound worker`)',
    )
    .action(async () => {
      const config = context.config();
      if (!config.TELEGRAM_BOT_TOKEN) throw new Error('set TELEGRAM_BOT_TOKEN to run the bot');
      const logger = createLogger(config, { role: 'bot' });
      const runtime = await createRuntime(config, logger, { schedule: false });
      const telegram = createTelegramBot({
        config: { ...config, TELEGRAM_BOT_TOKEN: config.TELEGRAM_BOT_TOKEN },
        db: runtime.handle.db,
        tools: runtime.tools,
        chat: runtime.chat,
        logger,
      });
      try {
        await telegram.startPolling();
      } catch (error) {
        await runtime.close();
        throw error;
      }
      context.err('The Jobhound bot is polling Telegram. Stop with Ctrl-C.');
      await onShutdown(logger, async () => {
        await telegram.stop();
        await runtime.close();
      });
    });
  bot
    .command('link')
    .description(
      'print a one-time code that links a Telegram chat to a user: send "/start <code>" to the bot',
    )
    .option('--user <id-or-name>', 'whose account (default: the local user)')
    .action(async (options: { user?: string }) =>
      withLocalRuntime(context, async (runtime, localUserId) => {
        const userId = options.user ? await findUser(runtime.handle.db, options.user) : localUserId;
        const code = await createLinkCode(runtime.handle.db, userId);
        context.out(code);
        context.err(`Send "/start ${code}" to the bot within ${LINK_CODE_TTL_MS / 60_000} minutes.`);
      }),
    );
}
