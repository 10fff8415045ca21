import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { withLocalRuntime } from '../local-runtime.ts';

export function registerUserCommands(program: Command, context: CliContext): void {
  const user = program.command('user').description('accounts and API tokens');
  user
    .command('add')
    .description('create a user and print an API token for them (shown once)')
    .argument('<name>', 'a name for the user')
    .option('--email <email>', 'for e-mail digests')
    .action(async (name: string, options: { email?: string }) =>
      withLocalRuntime(context, async (runtime) => {
        const created = await runtime.services.accounts.createUser(name, options.email);
        const token = await runtime.services.accounts.issueToken(created.id, 'cli');
        context.out(`user ${created.name} (${created.id})`);
        context.out(`token ${token}`);
        context.err('Keep the token: it is shown only once. Send it as "Authorization: Bearer <token>".');
      }),
    );
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
}
