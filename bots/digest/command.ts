import type { Command } from 'commander';
import { eq, or } from 'drizzle-orm';
import type { CliContext } from '../../cli/context.ts';
import { withLocalRuntime } from '../../cli/local-runtime.ts';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { composeDigest, type Digest } from './compose.ts';
import { type ChannelResults, type DeliveryOutcome, deliverDigest } from './deliver.ts';
import { renderDigestText } from './render.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user by id or name; `what` names the argument in errors (`--user`, `<user>`). */
export async function findUser(db: Database, idOrName: string, what = '--user'): Promise<string> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      UUID.test(idOrName) ? or(eq(users.id, idOrName), eq(users.name, idOrName)) : eq(users.name, idOrName),
    );
  if (rows.length === 0) throw new Error(`${what}: no user with id or name '${idOrName}'`);
  if (rows.length > 1) throw new Error(`${what}: several users are named '${idOrName}'; give the id`);
  return rows[0]!.id;
}

/** `jobhound digest [--user U] [--send]` */
export function registerDigestCommand(program: Command, context: CliContext): void {
  program
    .command('digest')
    .description("today's digest of your best new matches (printed; --send delivers it and records the day)")
    .option('--user <id-or-name>', 'whose digest (default: the local user)')
    .option('--send', 'deliver it (Telegram and/or e-mail) at most once per day and channel')
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
        if (runtime.digestSenders.length === 0) {
          throw new Error('--send needs TELEGRAM_BOT_TOKEN or SMTP_URL to be set');
        }
        const outcome = await deliverDigest({ db, senders: () => runtime.digestSenders }, userId);
        if (options.json) context.out(JSON.stringify({ digest, outcome }));
        else context.out(describeOutcome(outcome, digest));
      }),
    );
}

function describeOutcome(outcome: DeliveryOutcome, digest: Digest): string {
  const via = (channels: ChannelResults) =>
    Object.entries(channels)
      .map(([channel, result]) => (result === 'sent' ? channel : `${channel} (unreachable)`))
      .join(', ');
  switch (outcome.status) {
    case 'sent':
      return `Sent ${outcome.items} matches via ${via(outcome.channels)}.\n${renderDigestText(digest)}`;
    case 'notice':
      return `Nothing new; sent the "nothing new" note via ${via(outcome.channels)}.`;
    case 'already-sent':
      return `Already sent for ${digest.localDate}.`;
    case 'blocked':
      return `Not sent: no channel reaches this user (${via(outcome.channels)}).`;
    default:
      return renderDigestText(digest);
  }
}
