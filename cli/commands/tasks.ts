import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { withLocalRuntime } from '../local-runtime.ts';

export function registerTasksCommands(program: Command, context: CliContext): void {
  const tasks = program.command('tasks').description('inspect the task queue');
  tasks
    .command('list')
    .description('queued, running and dead-lettered tasks per kind')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) =>
      withLocalRuntime(context, async (runtime) => {
        const counts = await runtime.queue.counts();
        if (options.json) return context.out(JSON.stringify(counts));
        if (counts.length === 0) return context.out('no task kinds registered');
        context.out(['kind'.padEnd(24), 'queued', 'active', 'failed'].join('  '));
        for (const c of counts) {
          context.out(
            [
              c.kind.padEnd(24),
              String(c.queued).padStart(6),
              String(c.active).padStart(6),
              String(c.deadLettered).padStart(6),
            ].join('  '),
          );
        }
      }),
    );
  tasks
    .command('failed')
    .description('tasks that failed every retry (the dead-letter queues)')
    .option('--kind <kind>', 'only this task kind')
    .option('--json', 'print JSON')
    .action(async (options: { kind?: string; json?: boolean }) =>
      withLocalRuntime(context, async (runtime) => {
        const failed = await runtime.queue.failed(options.kind);
        if (options.json) return context.out(JSON.stringify(failed));
        if (failed.length === 0) return context.out('no failed tasks');
        for (const t of failed) {
          const reason = (t.output as { message?: string } | null)?.message ?? '';
          context.out(`${t.id}  ${t.kind}  ${t.createdOn.toISOString()}  ${reason}`);
        }
      }),
    );
  tasks
    .command('redrive')
    .description('send failed tasks back to their queue')
    .option('--kind <kind>', 'only this task kind')
    .argument('[ids...]', 'only these dead-lettered task ids')
    .action(async (ids: string[], options: { kind?: string }) =>
      withLocalRuntime(context, async (runtime) => {
        const moved = await runtime.queue.redrive(options.kind, ids.length > 0 ? ids : undefined);
        context.out(`${moved} task(s) sent back to their queue`);
      }),
    );
}
