import type { Command } from 'commander';
import { findUser } from '../../bots/digest/command.ts';
import { createLinkCode, LINK_CODE_TTL_MS } from '../../bots/telegram/link.ts';
import { emailSchema } from '../../tools/profile/profile.ts';
import type { CliContext } from '../context.ts';
import { withLocalRuntime } from '../local-runtime.ts';
import { botUsername, linkInstruction } from './user-link.ts';

/** A valid address, or an error naming the argument and the reason. */
function parseEmail(value: string, what: string): string {
  const parsed = emailSchema.safeParse(value);
  if (!parsed.success) throw new Error(`${what}: '${value}' ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

export function registerUserCommands(program: Command, context: CliContext): void {
  const user = program.command('user').description('accounts, API tokens, e-mail and Telegram links');
  user
    .command('add')
    .description('create a user and print an API token for them (shown once)')
    .argument('<name>', 'a name for the user')
    .option('--email <email>', 'for e-mail digests')
    .action(async (name: string, options: { email?: string }) => {
      const email = options.email === undefined ? undefined : parseEmail(options.email, '--email');
      await withLocalRuntime(context, async (runtime) => {
        const created = await runtime.services.accounts.createUser(name, email);
        const token = await runtime.services.accounts.issueToken(created.id, 'cli');
        context.out(`user ${created.name} (${created.id})`);
        context.out(`token ${token}`);
        context.err('Keep the token: it is shown only once. Send it as "Authorization: Bearer <token>".');
      });
    });
  user
    .command('token')
    .description('issue another API token for a user')
    .argument('<user-id>', 'the user id')
    .action(async (userId: string) =>
      withLocalRuntime(context, async (runtime) => {
        const users = await runtime.services.accounts.list();
        if (!users.some((u) => u.id === userId)) throw new Error(`no user with id ${userId}`);
        context.out(await runtime.services.accounts.issueToken(userId, 'cli'));
      }),
    );
  user
    .command('list')
    .description('every user')
    .action(async () =>
      withLocalRuntime(context, async (runtime) => {
        for (const u of await runtime.services.accounts.list())
          context.out(`${u.id}  ${u.name}${u.email ? ` <${u.email}>` : ''}`);
      }),
    );
  user
    .command('email')
    .description('set the address a user gets e-mail digests at (needs SMTP_URL to send)')
    .argument('<user>', 'the user id or name')
    .argument('[address]', 'the e-mail address')
    .option('--clear', 'remove the address (no more e-mail digests)')
    .action(async (who: string, address: string | undefined, options: { clear?: boolean }) => {
      if (options.clear === (address !== undefined)) throw new Error('give either <address> or --clear');
      const email = address === undefined ? null : parseEmail(address, '<address>');
      await withLocalRuntime(context, async (runtime) => {
        const userId = await findUser(runtime.handle.db, who, '<user>');
        await runtime.services.profiles.setEmail(userId, email);
        context.out(
          email ? `E-mail digests for ${who} go to ${email}.` : `Removed the e-mail address of ${who}.`,
        );
      });
    });
  user
    .command('link')
    .description('print a one-time code (and Telegram link) that links a Telegram chat to a user')
    .argument('<user>', 'the user id or name')
    .action(async (who: string) =>
      withLocalRuntime(context, async (runtime) => {
        const userId = await findUser(runtime.handle.db, who, '<user>');
        const code = await createLinkCode(runtime.handle.db, userId);
        const username = await botUsername(runtime.config);
        context.out(code);
        context.out(linkInstruction(code, username));
        context.err(
          `${username ? 'Open the link' : 'Send the /start line to the bot'} within ${LINK_CODE_TTL_MS / 60_000} minutes; the code works once.`,
        );
      }),
    );
}
