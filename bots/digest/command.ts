import type { Command } from 'commander';
import { eq, or } from 'drizzle-orm';
import type { CliContext } from '../../cli/context.ts';
import { withLocalRuntime } from '../../cli/local-runtime.ts';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { composeDigest } from './compose.ts';
import { renderDigestText } from './render.ts';
import { deliverDigest } from './tasks.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user by id or name (for --user). */
export async function findUser(db: Database, idOrName: string): Promise<string> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      UUID.test(idOrName) ? or(eq(users.id, idOrName), eq(users.name, idOrName)) : eq(users.name, idOrName),
    );
  if (rows.length === 0) throw new Error(`--user: no user with id or name '${idOrName}'`);
  if (rows.length > 1) throw new Error(`--user: several users are named '${idOrName}'; give the id`);
  return rows[0]!.id;
}

/** `jobhound digest [--user U] [--send]` */
export function registerDigestCommand(program: Command, context: CliContext): void {
  program
    .command('digest')
    .description("today's digest of your best new matches (printed; --send delivers it and records the day)")
    .option('--user <id-or-name>', 'whose digest (default: the local user)')
    .option('--send', 'deliver it through Telegram (needs TELEGRAM_BOT_TOKEN) at most once per day')
    .option('--json', 'print JSON')
    .action(async (options: { user?: string; send?: boolean; json?: boolean }) =>
      withLocalRuntime(context, async (runtime, localUserId) => {
        const db = runtime.handle.db;
        const userId = options.user ? await findUser(db, options.user) : localUserId;
        const digest = await composeDigest(db, userId);
        if (!options.send) {
          context.out(options.json ? JSON.stringify(digest) : renderDigestText(digest));
          return;
        }
        if (!runtime.digestSender) throw new Error('--send needs TELEGRAM_BOT_TOKEN to be set');
        const outcome = await deliverDigest({ db, sender: () => runtime.digestSender }, userId);
        if (options.json) context.out(JSON.stringify({ digest, outcome }));
        else if (outcome.status === 'sent')
          context.out(`Sent ${outcome.items} matches.\n${renderDigestText(digest)}`);
        else if (outcome.status === 'already-sent') context.out(`Already sent for ${digest.localDate}.`);
        else if (outcome.status === 'blocked')
          context.out('Not sent: the user blocked the bot (now inactive).');
        else context.out(renderDigestText(digest));
      }),
    );
}
