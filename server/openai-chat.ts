import type { ModelMessage } from 'ai';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ChatEvent } from '../agents/chat.ts';
import { type ChatRouteDeps, chatCaller, readJsonBody, startTurn } from './chat.ts';
import { HttpRefusal } from './refusal.ts';

// The OpenAI-compatible face of the assistant: GET /v1/models lists one model, `jobhound`, and
// POST /v1/chat/completions answers (JSON or SSE chunks), so any OpenAI client or chat UI can talk
// to Jobhound. The conversation comes with each request, as in OpenAI's API; a client may instead
// continue a stored thread by sending its id in the X-Jobhound-Thread-Id header.

export const OPENAI_MODEL_ID = 'jobhound';
/** When the `jobhound` model "was created", for /v1/models (fixed, so responses are stable). */
const MODEL_CREATED = 1_767_225_600;

const contentPart = z.object({ type: z.string(), text: z.string().optional() }).loose();
const requestSchema = z
  .object({
    model: z.string().min(1),
    messages: z
      .array(
        z
          .object({
            role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
            content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
          })
          .loose(),
      )
      .min(1),
    stream: z.boolean().nullable().optional(),
  })
  .loose();

type OpenAiStatus = HttpRefusal['status'] | 502;

function openAiError(status: OpenAiStatus, message: string, code: string, param: string | null = null) {
  const type =
    status === 401
      ? 'authentication_error'
      : status === 403
        ? 'permission_error'
        : status >= 500
          ? 'server_error'
          : 'invalid_request_error';
  return { error: { message, type, param, code } };
}

const textOf = (content: z.infer<typeof requestSchema>['messages'][number]['content']): string =>
  typeof content === 'string'
    ? content
    : (content ?? [])
        .filter((p) => p.type === 'text' && typeof p.text === 'string')
        .map((p) => p.text)
        .join('\n');

/** The last user message is the turn; earlier user and assistant text is the history. */
function conversation(messages: z.infer<typeof requestSchema>['messages']) {
  const lastUser = messages.findLastIndex((m) => m.role === 'user');
  if (lastUser < 0) throw new HttpRefusal(422, 'invalid_input', 'messages has no user message', 'messages');
  const history: ModelMessage[] = [];
  for (const m of messages.slice(0, lastUser)) {
    const text = textOf(m.content);
    if (!text) continue;
    if (m.role === 'user') history.push({ role: 'user', content: text });
    else if (m.role === 'assistant') history.push({ role: 'assistant', content: text });
  }
  return { message: textOf(messages[lastUser]!.content), history };
}

export function createOpenAiRoute(deps: ChatRouteDeps): Hono {
  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof HttpRefusal) {
      return c.json(openAiError(error.status, error.message, error.code, error.field ?? null), error.status);
    }
    throw error;
  });

  app.get('/models', async (c) => {
    await chatCaller(c.req.raw, deps);
    return c.json({
      object: 'list',
      data: [{ id: OPENAI_MODEL_ID, object: 'model', created: MODEL_CREATED, owned_by: 'jobhound' }],
    });
  });

  app.get('/models/:id', async (c) => {
    await chatCaller(c.req.raw, deps);
    if (c.req.param('id') !== OPENAI_MODEL_ID) {
      throw new HttpRefusal(
        404,
        'model_not_found',
        `the model '${c.req.param('id')}' does not exist`,
        'model',
      );
    }
    return c.json({ id: OPENAI_MODEL_ID, object: 'model', created: MODEL_CREATED, owned_by: 'jobhound' });
  });

  app.post('/chat/completions', async (c) => {
    const userId = await chatCaller(c.req.raw, deps);
    const parsed = requestSchema.safeParse(await readJsonBody(c.req.raw));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || 'body';
      throw new HttpRefusal(400, 'invalid_request', `${field}: ${issue.message}`, field);
    }
    const body = parsed.data;
    if (body.model !== OPENAI_MODEL_ID) {
      throw new HttpRefusal(
        404,
        'model_not_found',
        `the model '${body.model}' does not exist; use '${OPENAI_MODEL_ID}'`,
        'model',
      );
    }
    const { message, history } = conversation(body.messages);
    const threadId = c.req.header('x-jobhound-thread-id');
    const turn = await startTurn(deps.chat, {
      userId,
      message,
      signal: c.req.raw.signal,
      channel: 'openai',
      ...(threadId ? { threadId } : { history }),
    });
    const id = `chatcmpl-${turn.messageId}`;
    const created = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = turn.threadId ? { 'x-jobhound-thread-id': turn.threadId } : {};

    if (!body.stream) {
      let text = '';
      let failure: string | null = null;
      for await (const event of turn.events) {
        if (event.type === 'finish') text = event.text;
        if (event.type === 'error') failure = event.message;
      }
      if (failure && !text) return c.json(openAiError(502, failure, 'model_error'), 502, headers);
      return c.json(
        {
          id,
          object: 'chat.completion',
          created,
          model: OPENAI_MODEL_ID,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: text, refusal: null },
              finish_reason: 'stop',
              logprobs: null,
            },
          ],
          usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
        },
        200,
        headers,
      );
    }
    return new Response(sseChunks(turn.events, { id, created }), {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        ...headers,
      },
    });
  });
  return app;
}

/** `chat.completion.chunk` events, an `error` event if the turn failed, then `[DONE]`. */
function sseChunks(events: AsyncIterable<ChatEvent>, meta: { id: string; created: number }) {
  const encoder = new TextEncoder();
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: OPENAI_MODEL_ID,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const iterator = events[Symbol.asyncIterator]();
  let opened = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const send = (data: unknown) => controller.enqueue(encoder.encode(`data: ${JSON.stringify(data)}\n\n`));
      if (!opened) {
        opened = true;
        send(chunk({ role: 'assistant', content: '' }, null));
      }
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          controller.enqueue(encoder.encode('data: [DONE]\n\n'));
          controller.close();
          return;
        }
        const event = next.value;
        if (event.type === 'text-delta') return send(chunk({ content: event.delta }, null));
        if (event.type === 'error') return send(openAiError(502, event.message, 'model_error'));
        if (event.type === 'finish') {
          return send(chunk({}, event.finishReason === 'stop' ? 'stop' : 'length'));
        }
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
