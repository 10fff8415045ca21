import type { Command } from 'commander';
import { createLogger } from '../../config/logger.ts';
import { createDbResourceProvider } from '../../mcp-server/resources.ts';
import { runStdioServer } from '../../mcp-server/stdio.ts';
import { createAccounts } from '../../tools/users/accounts.ts';
import type { CliContext } from '../context.ts';
import { createRuntime } from '../runtime.ts';

export function registerMcpCommand(program: Command, context: CliContext): void {
  program
    .command('mcp')
    .description('serve every Jobhound tool to an MCP client (Claude Desktop, VS Code, Cursor) over stdio')
    .option(
      '--user <token>',
      'act as the user this API token belongs to (default: $JOBHOUND_TOKEN, else the local user)',
    )
    .action(async (options: { user?: string }) => {
      const config = context.config();
      // stderr only: stdout belongs to the MCP protocol.
      const logger = createLogger(config, { role: 'mcp' });
      const runtime = await createRuntime(config, logger, { schedule: false });
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const accounts = createAccounts(runtime.handle.db);
        const token = options.user ?? context.env.JOBHOUND_TOKEN;
        const userId = token ? await accounts.authenticate(token) : await accounts.localUser();
        if (!userId) {
          const from = options.user ? '--user' : 'JOBHOUND_TOKEN';
          throw new Error(
            `the API token given in ${from} is not valid (is it for this DATA_DIR/DATABASE_URL?)`,
          );
        }
        await runStdioServer({
          registry: runtime.tools,
          userId,
          resources: createDbResourceProvider(runtime.handle.db),
          logger,
          signal: stop.signal,
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await runtime.close();
      }
    });
}
