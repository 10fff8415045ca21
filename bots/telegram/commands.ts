import { Composer } from 'grammy';
import type { ApplicationView } from '../../tools/applications/application-view.ts';
import { type BotContext, renderTool, replyLong, runTool, type TelegramBotDeps } from './context.ts';

/** The menu Telegram shows (setMyCommands). */
export const BOT_COMMANDS = [
  { command: 'start', description: 'link this chat and set up your search' },
  { command: 'matches', description: 'your best matching jobs' },
  { command: 'digest', description: 'daily digest settings, or today’s now' },
  { command: 'sources', description: 'job sources: list, or /sources add <url>' },
  { command: 'applications', description: 'your application tracker' },
  { command: 'profile', description: 'your preferences, and setup again' },
  { command: 'help', description: 'what I can do' },
];

export const HELP = [
  'I find jobs that fit your resume and send you the best new ones every day.',
  '',
  '/matches: your best matches, with scores and reasons, and buttons under each:',
  '   👍 / 👎 teach me what you like · Why? explains the score',
  '   📝 Review checks your resume against the job · 📨 Apply prepares the application',
  '   (nothing is sent before you approve it) · 🙈 Hide drops that company',
  '/digest: when the daily digest comes, or today’s now',
  '/sources: where jobs come from; /sources add greenhouse:acme or a careers page URL',
  '/applications: your application tracker',
  '/profile: your preferences, and a button to go through setup again',
  '',
  'Send a new resume any time as a PDF or DOCX document.',
  'Or just ask in plain words, e.g. “remote backend jobs in Berlin” or “crawl greenhouse:acme”.',
].join('\n');

const STATUS_ICONS: Record<string, string> = {
  saved: '🔖',
  preparing: '🛠',
  ready: '⏳',
  applied: '📨',
  interviewing: '🗣',
  offer: '🎉',
  rejected: '✖️',
  withdrawn: '↩️',
};

export function renderApplications(list: ApplicationView[]): string {
  if (list.length === 0) {
    return 'No applications yet. Tap 📨 Apply under a match in /matches to prepare one.';
  }
  return [
    'Your applications:',
    ...list.map((a) => `${STATUS_ICONS[a.status] ?? '•'} ${a.job.title} — ${a.job.company}: ${a.status}`),
  ].join('\n');
}

/** /profile, /sources, /applications, and a helpful answer to unknown commands. */
export function commandsComposer(deps: TelegramBotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command('profile', async (ctx) => {
    const profile = await runTool(deps, ctx, 'get_profile', {});
    await ctx.reply(`Your profile:\n${renderTool(deps, 'get_profile', profile)}`, {
      reply_markup: {
        inline_keyboard: [[{ text: '🔁 Go through setup again', callback_data: 'o:restart' }]],
      },
    });
  });

  c.command('applications', async (ctx) => {
    const out = await runTool<{ applications: ApplicationView[] }>(deps, ctx, 'list_applications', {});
    await replyLong(ctx, renderApplications(out.applications));
  });

  c.command('sources', async (ctx) => {
    const [verb, ...rest] = ctx.match.trim().split(/\s+/);
    if (verb?.toLowerCase() === 'add') {
      const spec = rest.join(' ');
      if (!spec) {
        await ctx.reply(
          'Say which source: /sources add greenhouse:acme or /sources add https://acme.com/careers',
        );
        return;
      }
      const out = await runTool(deps, ctx, 'add_source', { spec });
      await ctx.reply(
        `${renderTool(deps, 'add_source', out)} Its jobs come in with the next crawl; say “crawl ${spec}” to fetch them now.`,
        { link_preview_options: { is_disabled: true } },
      );
      return;
    }
    if (verb) {
      await ctx.reply('I know /sources (the list) and /sources add <url or board>.');
      return;
    }
    const out = await runTool(deps, ctx, 'list_sources', {});
    await replyLong(ctx, `${renderTool(deps, 'list_sources', out)}\n\nAdd one with /sources add <url>.`);
  });

  c.on('message:text', async (ctx, next) => {
    const command = /^\/(\S+)/.exec(ctx.message.text)?.[1];
    if (!command) return next();
    await ctx.reply(
      `I do not know /${command.split('@')[0]!.slice(0, 40)}. Try /matches, /digest, /sources, /applications, /profile or /help.`,
    );
  });

  return c;
}
