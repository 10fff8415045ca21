import { randomUUID } from 'node:crypto';
import type { ModelMessage, ToolCallPart, ToolResultPart } from 'ai';
import type { Logger } from '../config/logger.ts';
import { ToolInputError } from '../tools/tool.ts';
import type { JobhoundAgents } from './agents.ts';
import { MAX_TOOL_ROUNDS, ModelTimeoutError } from './models.ts';
import type { ThreadChannel, ThreadStore } from './threads.ts';
import { createCallRequestContext, isToolFailure, type ToolProgressEvent } from './tools.ts';
import { fenceToolOutput } from './untrusted-data.ts';

// The one "send a message in a thread, stream the answer" service that every surface (HTTP,
// OpenAI-compatible API, terminal, Telegram) uses.

/** Longest message a user may send in one turn. */
export const MAX_MESSAGE_CHARS = 32_000;

/** One thing that happened during a turn, in order. */
export type ChatEvent =
  | { type: 'start'; threadId: string | null; messageId: string }
  | { type: 'text-delta'; delta: string }
  | { type: 'tool-call'; agent: string; toolCallId: string; toolName: string; input: unknown }
  | {
      type: 'tool-result';
      agent: string;
      toolCallId: string;
      toolName: string;
      output: unknown;
      error: string | null;
    }
  | ({ type: 'progress' } & ToolProgressEvent)
  | { type: 'error'; message: string }
  | {
      type: 'finish';
      threadId: string | null;
      messageId: string;
      text: string;
      finishReason: 'stop' | 'error' | 'aborted' | 'tool-rounds';
    };

export interface ChatRequest {
  userId: string;
  /** Continue this thread (it must be the user's); absent, a new thread is started. */
  threadId?: string | undefined;
  message: string;
  signal?: AbortSignal | undefined;
  /** Where a new thread starts (stored on it). */
  channel?: ThreadChannel;
  /**
   * A stateless turn: the caller sends the earlier messages itself (the OpenAI-compatible API)
   * and nothing is stored.
   */
  history?: ModelMessage[];
}

export interface ChatTurn {
  /** The thread the turn is stored in (null for a stateless turn). */
  threadId: string | null;
  messageId: string;
  /** The turn runs as this is read; stop reading (or abort the signal) to cancel it. */
  events: AsyncIterable<ChatEvent>;
}

export interface ChatService {
  /** Checks the message and thread first (throws ToolInputError / ThreadNotFoundError), then streams. */
  chat(request: ChatRequest): Promise<ChatTurn>;
}

export interface ChatServiceDeps {
  agents: JobhoundAgents;
  threads: ThreadStore;
  logger: Logger;
  /**
   * The deterministic approval step (tools/applications/chat-confirmation.ts): a reply for a
   * message that confirms a package waiting for approval, or null to let the assistant answer.
   */
  confirmations?: { handle(userId: string, message: string): Promise<{ text: string } | null> };
}

/** Checks a user message: not empty, not longer than MAX_MESSAGE_CHARS. */
export function checkMessage(message: unknown): string {
  if (typeof message !== 'string') throw new ToolInputError('message must be a string', 'message');
  const text = message.trim();
  if (text === '') throw new ToolInputError('message is empty', 'message');
  if (text.length > MAX_MESSAGE_CHARS) {
    throw new ToolInputError(
      `message is ${text.length} characters; the limit is ${MAX_MESSAGE_CHARS}`,
      'message',
    );
  }
  return text;
}

export function createChatService(deps: ChatServiceDeps): ChatService {
  const logger = deps.logger.child({ component: 'chat' });
  return {
    async chat(request) {
      const message = checkMessage(request.message);
      const stateless = request.history !== undefined;
      let threadId: string | null = null;
      let history: ModelMessage[] = request.history ?? [];
      let newThread = false;
      if (!stateless) {
        if (request.threadId !== undefined) {
          history = await deps.threads.history(request.userId, request.threadId);
          threadId = request.threadId;
        } else {
          // Stored with the turn's messages, in one transaction, when the turn ends.
          threadId = randomUUID();
          newThread = true;
        }
      }
      const messageId = randomUUID();
      const turn: TurnInput = { ...request, message, history, threadId, newThread, messageId };
      return {
        threadId,
        messageId,
        events: eventStream((emit) => runTurn(deps, logger, turn, emit)),
      };
    },
  };
}

interface TurnInput extends Omit<ChatRequest, 'threadId' | 'history'> {
  message: string;
  history: ModelMessage[];
  threadId: string | null;
  /** The thread is new: create it when the turn is stored. */
  newThread: boolean;
  messageId: string;
}

/** A Mastra stream chunk, read loosely: the union is large and we use a few fields. */
interface Chunk {
  type: string;
  payload?: Record<string, unknown>;
}

const MAX_STEPS = MAX_TOOL_ROUNDS + 1;

async function runTurn(
  deps: ChatServiceDeps,
  logger: Logger,
  turn: TurnInput,
  emit: (event: ChatEvent) => void,
): Promise<void> {
  const userMessage: ModelMessage = { role: 'user', content: turn.message };
  const transcript = createTranscript();
  emit({ type: 'start', threadId: turn.threadId, messageId: turn.messageId });
  const direct = await directAnswer(deps, logger, turn);
  if (direct !== null) {
    transcript.text(direct);
    emit({ type: 'text-delta', delta: direct });
  }
  const result: TurnResult =
    direct !== null
      ? { text: direct, failure: null, finishReason: 'stop' }
      : await streamAssistant(deps, turn, userMessage, transcript, emit);
  const { text, failure } = result;
  let { finishReason } = result;
  if (failure) {
    if (finishReason !== 'tool-rounds') finishReason = 'error';
    logger.warn({ thread: turn.threadId, error: failure }, 'chat turn failed');
    emit({ type: 'error', message: failure });
  }
  if (turn.threadId) {
    try {
      await deps.threads.append(
        turn.userId,
        turn.threadId,
        [userMessage, ...transcript.messages()],
        turn.newThread ? { create: { channel: turn.channel ?? 'api' } } : {},
      );
    } catch (error) {
      logger.error({ err: error, thread: turn.threadId }, 'could not store the chat turn');
      emit({ type: 'error', message: 'the conversation could not be saved' });
    }
  }
  emit({ type: 'finish', threadId: turn.threadId, messageId: turn.messageId, text, finishReason });
}

type FinishReason = 'stop' | 'error' | 'aborted' | 'tool-rounds';
interface TurnResult {
  text: string;
  failure: string | null;
  finishReason: FinishReason;
}

/**
 * The chat's own step before any model: an explicit confirmation of a package waiting for the
 * person's approval is answered (and approved) by `confirmations`, never by a model or tool call.
 */
async function directAnswer(deps: ChatServiceDeps, logger: Logger, turn: TurnInput): Promise<string | null> {
  if (!deps.confirmations) return null;
  try {
    return (await deps.confirmations.handle(turn.userId, turn.message))?.text ?? null;
  } catch (error) {
    logger.error({ err: error, thread: turn.threadId }, 'the approval step failed');
    return 'Your confirmation could not be checked just now, so nothing was approved. Please try again.';
  }
}

/** The assistant's answer to the turn, streamed as events. */
async function streamAssistant(
  deps: ChatServiceDeps,
  turn: TurnInput,
  userMessage: ModelMessage,
  transcript: ReturnType<typeof createTranscript>,
  emit: (event: ChatEvent) => void,
): Promise<TurnResult> {
  let text = '';
  let failure: string | null = null;
  let finishReason: FinishReason = 'stop';
  try {
    const requestContext = createCallRequestContext({
      userId: turn.userId,
      onProgress: (event) => emit({ type: 'progress', ...event }),
    });
    const output = await deps.agents.assistant.stream([...turn.history, userMessage], {
      requestContext,
      maxSteps: MAX_STEPS,
      ...(turn.signal ? { abortSignal: turn.signal } : {}),
    });
    let steps = 0;
    let lastReason: string | undefined;
    for await (const raw of output.fullStream) {
      const chunk = raw as unknown as Chunk;
      const p = chunk.payload ?? {};
      switch (chunk.type) {
        case 'text-delta': {
          const delta = String(p.text ?? '');
          if (delta) {
            text += delta;
            transcript.text(delta);
            emit({ type: 'text-delta', delta });
          }
          break;
        }
        case 'tool-call':
          transcript.call(p);
          emit({
            type: 'tool-call',
            agent: 'assistant',
            toolCallId: String(p.toolCallId),
            toolName: String(p.toolName),
            input: p.args ?? {},
          });
          break;
        case 'tool-result':
        case 'tool-error': {
          const error = chunk.type === 'tool-error' ? errorMessage(p.error) : failureOf(p.result);
          transcript.result(p, error);
          emit({
            type: 'tool-result',
            agent: 'assistant',
            toolCallId: String(p.toolCallId),
            toolName: String(p.toolName),
            output: chunk.type === 'tool-error' ? null : surfaceOutput(p.result),
            error,
          });
          break;
        }
        case 'tool-output': {
          const nested = nestedToolEvent(p);
          if (nested) emit(nested);
          break;
        }
        case 'step-finish':
          steps += 1;
          lastReason = String((p.stepResult as { reason?: unknown } | undefined)?.reason ?? '');
          transcript.endStep();
          break;
        case 'error':
          failure = describeModelError(p.error ?? p);
          break;
        case 'abort':
          finishReason = 'aborted';
          break;
      }
    }
    if (!failure && finishReason !== 'aborted' && text.trim() === '' && lastReason === 'tool-calls') {
      finishReason = 'tool-rounds';
      failure = `the assistant used its limit of ${MAX_TOOL_ROUNDS} tool rounds (${steps} steps) without an answer; try a narrower request`;
    }
  } catch (error) {
    if (turn.signal?.aborted) finishReason = 'aborted';
    else failure = describeModelError(error);
  }
  return { text, failure, finishReason };
}

/** A specialist's own tool calls arrive wrapped in the assistant's `agent-<key>` tool output. */
function nestedToolEvent(p: Record<string, unknown>): ChatEvent | null {
  const inner = p.output as Chunk | undefined;
  if (!inner || typeof inner !== 'object') return null;
  const agent = String(p.toolName ?? '').replace(/^agent-/, '');
  const q = inner.payload ?? {};
  if (inner.type === 'tool-call') {
    return {
      type: 'tool-call',
      agent,
      toolCallId: String(q.toolCallId),
      toolName: String(q.toolName),
      input: q.args ?? {},
    };
  }
  if (inner.type === 'tool-result' || inner.type === 'tool-error') {
    return {
      type: 'tool-result',
      agent,
      toolCallId: String(q.toolCallId),
      toolName: String(q.toolName),
      output: inner.type === 'tool-error' ? null : q.result,
      error: inner.type === 'tool-error' ? errorMessage(q.error) : failureOf(q.result),
    };
  }
  return null;
}

/**
 * A specialist's result carries its own tool results too (already streamed as their own
 * events): surfaces get only its answer.
 */
function surfaceOutput(result: unknown): unknown {
  if (result && typeof result === 'object' && typeof (result as { text?: unknown }).text === 'string') {
    return { text: (result as { text: string }).text };
  }
  return result;
}

const failureOf = (result: unknown): string | null => (isToolFailure(result) ? result.message : null);

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}

/** What a user reads when the model failed: which part failed, and the reason. */
export function describeModelError(error: unknown): string {
  if (error instanceof ModelTimeoutError) return error.message;
  const message = errorMessage(error);
  if (/did not answer within/.test(message)) return message;
  return `the language model failed: ${message}`;
}

/**
 * The assistant's side of a turn as model messages, kept for the thread: each step's text and
 * tool calls, then the results. A call whose result never came is dropped (it cannot be replayed).
 */
function createTranscript() {
  const done: ModelMessage[] = [];
  let stepText = '';
  let calls: ToolCallPart[] = [];
  let results: ToolResultPart[] = [];
  return {
    text(delta: string) {
      stepText += delta;
    },
    call(p: Record<string, unknown>) {
      calls.push({
        type: 'tool-call',
        toolCallId: String(p.toolCallId),
        toolName: String(p.toolName),
        input: p.args ?? {},
      });
    },
    result(p: Record<string, unknown>, error: string | null) {
      const toolName = String(p.toolName);
      const result = p.result as { text?: unknown } | undefined;
      results.push({
        type: 'tool-result',
        toolCallId: String(p.toolCallId),
        toolName,
        output:
          error !== null
            ? { type: 'error-text', value: error }
            : typeof result?.text === 'string'
              ? { type: 'text', value: result.text }
              : { type: 'json', value: fenceToolOutput(toolName, result ?? null) as never },
      });
    },
    endStep() {
      const answered = calls.filter((c) => results.some((r) => r.toolCallId === c.toolCallId));
      if (answered.length > 0) {
        done.push({
          role: 'assistant',
          content: [...(stepText ? [{ type: 'text' as const, text: stepText }] : []), ...answered],
        });
        done.push({
          role: 'tool',
          content: results.filter((r) => answered.some((c) => c.toolCallId === r.toolCallId)),
        });
      } else if (stepText) {
        done.push({ role: 'assistant', content: stepText });
      }
      stepText = '';
      calls = [];
      results = [];
    },
    messages(): ModelMessage[] {
      this.endStep();
      return done;
    },
  };
}

/**
 * An async iterable fed by `run` through `emit` (the model stream and tool progress callbacks
 * both push into it). `run` starts on the first read; leaving the loop early aborts nothing by
 * itself, so surfaces pass a signal.
 */
function eventStream(run: (emit: (event: ChatEvent) => void) => Promise<void>): AsyncIterable<ChatEvent> {
  return {
    [Symbol.asyncIterator]() {
      const queue: ChatEvent[] = [];
      let finished = false;
      let wake: (() => void) | null = null;
      const notify = () => {
        wake?.();
        wake = null;
      };
      const emit = (event: ChatEvent) => {
        if (finished) return;
        queue.push(event);
        notify();
      };
      let started = false;
      const start = () => {
        if (started) return;
        started = true;
        run(emit)
          .catch((error) => emit({ type: 'error', message: errorMessage(error) }))
          .finally(() => {
            finished = true;
            notify();
          });
      };
      return {
        async next(): Promise<IteratorResult<ChatEvent>> {
          start();
          for (;;) {
            const event = queue.shift();
            if (event) return { value: event, done: false };
            if (finished) return { value: undefined, done: true };
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
          }
        },
        async return(): Promise<IteratorResult<ChatEvent>> {
          finished = true;
          queue.length = 0;
          return { value: undefined, done: true };
        },
      };
    },
  };
}
