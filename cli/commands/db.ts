import type { Command } from 'commander';
import { createLogger } from '../../config/logger.ts';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import type { CliContext } from '../context.ts';

export function registerDbCommands(program: Command, context: CliContext): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations (also done on every start)')
    .action(async () => {
      const config = context.config();
      createLogger(config);
      const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
      try {
        await migrateDatabase(handle);
        context.out(
          `migrations applied (${handle.kind === 'pglite' ? `PGlite in ${config.DATA_DIR}` : 'PostgreSQL'})`,
        );
      } finally {
        await handle.close();
      }
    });
}
