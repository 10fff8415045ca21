import {
  createUIMessageStream,
  JsonToSseTransformStream,
  UI_MESSAGE_STREAM_HEADERS,
  type UIMessageChunk,
} from 'ai';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ChatEvent, ChatService, ChatTurn } from '../agents/chat.ts';
import { ThreadNotFoundError } from '../agents/threads.ts';
import type { Logger } from '../config/logger.ts';
import type { AccessAccounts } from '../mcp-server/http-access.ts';
import { ToolInputError } from '../tools/tool.ts';
import { authorize, readBoundedBody } from './auth.ts';
import { HttpRefusal, refusalResponse } from './refusal.ts';

// POST /api/chat: one message (and an optional thread id) in, the answer out as the AI SDK UI
// message stream (Server-Sent Events), so `useChat` and the AI SDK's chat transports work.
// Tool calls of the assistant and its specialists, and tool progress, stream as they happen.

/** Largest request body read; a bigger one is refused before parsing. */
export const MAX_CHAT_BODY_BYTES = 1024 * 1024;

export interface ChatRouteDeps {
  chat: ChatService;
  accounts: AccessAccounts;
  logger: Logger;
  /** The address the server is bound to: loopback allows tokenless single-user access. */
  host: string;
  /** Browser origins (besides this server's own loopback origin) allowed to call. */
  allowedOrigins?: string[];
}

/** Who is calling: a bearer token, or the local user of a loopback install without accounts. */
export async function chatCaller(request: Request, deps: Omit<ChatRouteDeps, 'chat' | 'logger'>) {
  const caller = await authorize(request, deps);
  if ('status' in caller)
    throw caller.status === 403
      ? new HttpRefusal(403, 'forbidden', caller.error.replace('this MCP endpoint', 'this endpoint'))
      : new HttpRefusal(401, 'unauthorized', caller.error);
  return caller.userId;
}

/** The body as parsed JSON; 413 past `limit` bytes, 400 when it is not JSON. */
export async function readJsonBody(request: Request, limit = MAX_CHAT_BODY_BYTES): Promise<unknown> {
  const text = await readBoundedBody(request, limit);
  if (text === null)
    throw new HttpRefusal(413, 'payload_too_large', `the request body is larger than ${limit} bytes`);
  if (text.trim() === '') throw new HttpRefusal(400, 'bad_request', 'the request body is empty; send JSON');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpRefusal(400, 'bad_request', 'the request body is not valid JSON');
  }
}

/** Starts a turn, turning input and thread problems into 4xx refusals. */
export async function startTurn(chat: ChatService, request: Parameters<ChatService['chat']>[0]) {
  try {
    return await chat.chat(request);
  } catch (error) {
    if (error instanceof ThreadNotFoundError) {
      throw new HttpRefusal(404, 'not_found', error.message, 'threadId');
    }
    if (error instanceof ToolInputError)
      throw new HttpRefusal(422, 'invalid_input', error.message, error.field);
    throw error;
  }
}

const uiPart = z.object({ type: z.string(), text: z.string().optional() }).loose();
const chatBody = z
  .object({
    /** The user's message. */
    message: z.string().optional(),
    threadId: z.string().optional(),
    /** The `useChat` / DefaultChatTransport shape: the last user message is the one sent. */
    messages: z.array(z.object({ role: z.string(), parts: z.array(uiPart).optional() }).loose()).optional(),
  })
  .loose();

function messageOf(body: z.infer<typeof chatBody>): string {
  if (body.message !== undefined) return body.message;
  const last = body.messages?.findLast((m) => m.role === 'user');
  if (!last)
    throw new HttpRefusal(
      422,
      'invalid_input',
      'send a message (or messages with a user message)',
      'message',
    );
  return (last.parts ?? [])
    .filter((p) => p.type === 'text' && typeof p.text === 'string')
    .map((p) => p.text)
    .join('\n');
}

export function createChatRoute(deps: ChatRouteDeps): Hono {
  const logger = deps.logger.child({ component: 'chat-http' });
  const app = new Hono();
  app.onError(refusalResponse);

  app.post('/', async (c) => {
    const userId = await chatCaller(c.req.raw, deps);
    const parsed = chatBody.safeParse(await readJsonBody(c.req.raw));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || undefined;
      throw new HttpRefusal(400, 'bad_request', `${field ?? 'body'}: ${issue.message}`, field);
    }
    const turn = await startTurn(deps.chat, {
      userId,
      threadId: parsed.data.threadId,
      message: messageOf(parsed.data),
      signal: c.req.raw.signal,
      channel: 'api',
    });
    logger.debug({ thread: turn.threadId, user: userId }, 'chat turn');
    return uiMessageStreamResponse(
      toUiMessageStream(turn),
      turn.threadId ? { 'x-jobhound-thread-id': turn.threadId } : {},
    );
  });
  return app;
}

/**
 * The AI SDK's UI message stream response (Server-Sent Events, its headers), with the events
 * produced in one turn of the event loop sent as one write: a turn's dozen small events would
 * otherwise cost a socket write each.
 */
export function uiMessageStreamResponse(
  stream: ReadableStream<UIMessageChunk>,
  headers: Record<string, string> = {},
): Response {
  const body = stream
    .pipeThrough(new JsonToSseTransformStream())
    .pipeThrough(coalescedWrites())
    .pipeThrough(new TextEncoderStream());
  return new Response(body, { headers: { ...UI_MESSAGE_STREAM_HEADERS, ...headers } });
}

/** Joins the text written during one turn of the event loop into one piece. */
export function coalescedWrites(): TransformStream<string, string> {
  let pending = '';
  let scheduled = false;
  let closed = false;
  return new TransformStream<string, string>({
    transform(chunk, controller) {
      pending += chunk;
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        if (closed || pending === '') return;
        const text = pending;
        pending = '';
        try {
          controller.enqueue(text);
        } catch {
          // The reader went away (the client disconnected): nothing is left to send.
        }
      });
    },
    flush(controller) {
      closed = true;
      if (pending) controller.enqueue(pending);
      pending = '';
    },
  });
}

/** Progress shown in the UI: one data part per tool call, updated in place. */
export interface ProgressData {
  agent: string;
  toolName: string;
  done: number;
  total: number | null;
  message: string | null;
}

/** A turn's events as UI message chunks: text parts, dynamic tool parts and `data-progress` parts. */
export function toUiMessageStream(turn: ChatTurn): ReadableStream<UIMessageChunk> {
  return createUIMessageStream({
    execute: async ({ writer }) => {
      let textId: string | null = null;
      let texts = 0;
      const endText = () => {
        if (textId) writer.write({ type: 'text-end', id: textId });
        textId = null;
      };
      for await (const event of turn.events) {
        for (const chunk of uiChunksFor(event, {
          textId: () => {
            if (!textId) {
              textId = `text-${++texts}`;
              writer.write({ type: 'text-start', id: textId });
            }
            return textId;
          },
          endText,
        })) {
          writer.write(chunk);
        }
      }
      endText();
    },
  });
}

function uiChunksFor(event: ChatEvent, text: { textId(): string; endText(): void }): UIMessageChunk[] {
  switch (event.type) {
    case 'start':
      return [
        {
          type: 'start',
          messageId: event.messageId,
          ...(event.threadId ? { messageMetadata: { threadId: event.threadId } } : {}),
        },
      ];
    case 'text-delta':
      return [{ type: 'text-delta', id: text.textId(), delta: event.delta }];
    case 'tool-call':
      text.endText();
      return [
        {
          type: 'tool-input-available',
          toolCallId: event.toolCallId,
          toolName: event.toolName,
          input: event.input,
          dynamic: true,
          toolMetadata: { agent: event.agent },
        },
      ];
    case 'tool-result':
      return [
        event.error === null
          ? {
              type: 'tool-output-available',
              toolCallId: event.toolCallId,
              output: event.output,
              dynamic: true,
            }
          : {
              type: 'tool-output-error',
              toolCallId: event.toolCallId,
              errorText: event.error,
              dynamic: true,
            },
      ];
    case 'progress': {
      const data: ProgressData = {
        agent: event.agent,
        toolName: event.toolName,
        done: event.done,
        total: event.total,
        message: event.message,
      };
      return [{ type: 'data-progress', id: `progress-${event.toolCallId ?? event.toolName}`, data }];
    }
    case 'error':
      text.endText();
      return [{ type: 'error', errorText: event.message }];
    case 'finish':
      text.endText();
      return [
        {
          type: 'finish',
          finishReason:
            event.finishReason === 'stop' ? 'stop' : event.finishReason === 'error' ? 'error' : 'other',
        },
      ];
  }
}
