import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { ChatEvent, ChatService } from '../../agents/chat.ts';
import { ThreadNotFoundError } from '../../agents/threads.ts';
import { createLogger } from '../../config/logger.ts';
import type { CliContext } from '../context.ts';
import { createRuntime } from '../runtime.ts';

export interface ChatSessionOptions {
  chat: ChatService;
  userId: string;
  threadId?: string | undefined;
  input: NodeJS.ReadableStream;
  /** The prompt and the answer as it streams (stdout). */
  write(text: string): void;
  /** Tool activity, progress and errors (stderr). */
  note(line: string): void;
  /** A terminal: show a prompt and let Ctrl-C stop the answer being written. */
  interactive: boolean;
}

const HELP =
  'Type a message and press Enter. /new starts a new conversation, /exit (or Ctrl-D) leaves; Ctrl-C stops an answer.';

/** Reads lines, sends each as a message in one thread, and streams the answers. Returns the thread id. */
export async function runChatSession(options: ChatSessionOptions): Promise<string | null> {
  let threadId = options.threadId ?? null;
  let current: AbortController | null = null;
  const rl = createInterface({
    input: options.input,
    ...(options.interactive ? { output: process.stdout, terminal: true } : { terminal: false }),
  });
  rl.on('SIGINT', () => {
    if (current) current.abort();
    else rl.close();
  });
  const prompt = () => {
    if (options.interactive) options.write('you> ');
  };
  if (options.interactive) options.note(HELP);
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/exit' || line === '/quit') break;
    if (line === '/new') {
      threadId = null;
      options.note('(new conversation)');
    } else if (line === '/help') {
      options.note(HELP);
    } else if (line !== '') {
      current = new AbortController();
      try {
        threadId = await sendOne(options, line, threadId, current.signal);
      } finally {
        current = null;
      }
    }
    prompt();
  }
  rl.close();
  return threadId;
}

async function sendOne(
  options: ChatSessionOptions,
  message: string,
  threadId: string | null,
  signal: AbortSignal,
): Promise<string | null> {
  let turn: Awaited<ReturnType<ChatService['chat']>>;
  try {
    turn = await options.chat.chat({
      userId: options.userId,
      message,
      signal,
      channel: 'cli',
      ...(threadId ? { threadId } : {}),
    });
  } catch (error) {
    options.note(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof ThreadNotFoundError) return null;
    return threadId;
  }
  if (!threadId && turn.threadId) options.note(`(conversation ${turn.threadId})`);
  let started = false;
  for await (const event of turn.events) {
    if (event.type === 'text-delta') {
      if (!started) options.write('jobhound> ');
      started = true;
      options.write(event.delta);
    } else {
      const note = describe(event);
      if (note) {
        if (started) options.write('\n');
        started = false;
        options.note(note);
      }
    }
  }
  if (started) options.write('\n');
  return turn.threadId;
}

function describe(event: ChatEvent): string | null {
  switch (event.type) {
    case 'tool-call':
      return event.toolName.startsWith('agent-') ? null : `  · ${event.agent}: ${event.toolName}`;
    case 'progress': {
      const count = event.total ? `${event.done}/${event.total}` : `${event.done}`;
      return `  · ${event.toolName} ${count}${event.message ? ` — ${event.message}` : ''}`;
    }
    case 'error':
      return `error: ${event.message}`;
    case 'finish':
      return event.finishReason === 'aborted' ? '(stopped)' : null;
    default:
      return null;
  }
}

export function registerChatCommand(program: Command, context: CliContext): void {
  program
    .command('chat')
    .description('talk to the assistant in the terminal (answers stream as they are written)')
    .option('-t, --thread <id>', 'continue a stored conversation')
    .option('--no-worker', 'do not run queued tasks (crawls) in this process')
    .action(async (options: { thread?: string; worker: boolean }) => {
      const config = context.config();
      const level = config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
      const runtime = await createRuntime(config, createLogger({ LOG_LEVEL: level }), { schedule: false });
      try {
        if (options.worker) await runtime.startWorkers();
        const userId = await runtime.services.accounts.localUser();
        if (options.thread) await runtime.threads.get(userId, options.thread);
        await runChatSession({
          chat: runtime.chat,
          userId,
          threadId: options.thread,
          input: process.stdin,
          write: (text) => process.stdout.write(text),
          note: context.err,
          interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
        });
      } finally {
        await runtime.close();
      }
    });
}
