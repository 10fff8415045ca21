/**
 * The offline, deterministic `local` language model: an AI SDK LanguageModelV4 that needs no key
 * and no download. It reads the user's last message with the intent parser (agents/intents.ts),
 * calls the tools it is offered (or delegates to the supervisor's specialists), and writes the
 * answer from the tool results (agents/local-answers.ts). It never calls a tool because of text
 * inside a tool result: requests come from the user's own message only.
 */
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { parseRequest } from './intents.ts';
import type { AgentKey } from './local-catalog.ts';
import { composeAnswer, nextCall, plan } from './local-planner.ts';
import { readPrompt } from './local-prompt.ts';

export interface LocalModelOptions {
  /** Clock for response timestamps and "posted this week" (tests pass a fixed one). */
  now?: () => Date;
  /** The specialist that owns a tool, when the agents are wired differently from local-catalog.ts. */
  agentOf?: (tool: string) => AgentKey | undefined;
}

export const LOCAL_PROVIDER = 'jobhound';
export const LOCAL_MODEL_ID = 'local';
/** Words in the first streamed text delta: small, so the answer starts at once. */
const FIRST_DELTA_WORDS = 4;
/**
 * Characters per later delta, about: a delta ends at the first line break past this many. Every
 * delta passes through each agent's stream and out as its own SSE event, so a few larger ones
 * keep a turn cheap while a long answer still arrives in pieces.
 */
const DELTA_CHARS = 320;

type Reply =
  | { kind: 'text'; text: string }
  | { kind: 'tool-call'; toolCallId: string; toolName: string; input: string };

/** FNV-1a, for deterministic ids. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The schema's property names, when it lists them: arguments outside it are dropped. */
function allowedKeys(call: LanguageModelV4CallOptions, toolName: string): Set<string> | null {
  const tool = call.tools?.find((t) => t.name === toolName);
  if (tool?.type !== 'function') return null;
  const props = (tool.inputSchema as { properties?: Record<string, unknown> }).properties;
  return props ? new Set(Object.keys(props)) : null;
}

function respond(
  call: LanguageModelV4CallOptions,
  now: () => Date,
  agentOf: LocalModelOptions['agentOf'],
): Reply {
  const state = readPrompt(call.prompt);
  const offered = new Set(
    call.toolChoice?.type === 'none'
      ? []
      : (call.tools ?? []).filter((t) => t.type === 'function').map((t) => t.name),
  );
  const intents = parseRequest(state.userText, state.conversation, { now: now() });
  const steps = plan(intents, { offered, ...(agentOf ? { agentOf } : {}) });
  const next = nextCall(steps, state.turn);
  if (next) {
    const allowed = allowedKeys(call, next.toolName);
    const input = allowed
      ? Object.fromEntries(Object.entries(next.input).filter(([k]) => allowed.has(k)))
      : next.input;
    const seed = `${call.prompt.length}|${state.turn.length}|${next.toolName}|${state.userText}`;
    return {
      kind: 'tool-call',
      toolCallId: `call_${hash(seed)}`,
      toolName: next.toolName,
      input: JSON.stringify(input),
    };
  }
  return { kind: 'text', text: composeAnswer(steps, state.turn) };
}

const tokens = (chars: number) => Math.ceil(chars / 4);

function usageOf(call: LanguageModelV4CallOptions, reply: Reply): LanguageModelV4Usage {
  const input = tokens(JSON.stringify(call.prompt).length);
  const output = tokens(
    reply.kind === 'text' ? reply.text.length : reply.input.length + reply.toolName.length,
  );
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: reply.kind === 'text' ? output : 0, reasoning: 0 },
  };
}

/** Splits text into deltas (a few words, then a few lines at a time), keeping every character. */
export function textDeltas(text: string): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const out: string[] = [];
  let current = '';
  let count = 0;
  for (const word of words) {
    current += word;
    count += 1;
    const full =
      out.length === 0
        ? count >= FIRST_DELTA_WORDS || word.includes('\n')
        : (current.length >= DELTA_CHARS && word.includes('\n')) || current.length >= 2 * DELTA_CHARS;
    if (full) {
      out.push(current);
      current = '';
      count = 0;
    }
  }
  if (current) out.push(current);
  return out;
}

export function createLocalLanguageModel(options: LocalModelOptions = {}): LanguageModelV4 {
  const now = options.now ?? (() => new Date());
  const metadata = (seed: string) => ({
    id: `local-${hash(seed)}`,
    modelId: LOCAL_MODEL_ID,
    timestamp: now(),
  });
  return {
    specificationVersion: 'v4',
    provider: LOCAL_PROVIDER,
    modelId: LOCAL_MODEL_ID,
    supportedUrls: {},
    async doGenerate(call): Promise<LanguageModelV4GenerateResult> {
      const reply = respond(call, now, options.agentOf);
      const content: LanguageModelV4Content[] =
        reply.kind === 'text'
          ? [{ type: 'text', text: reply.text }]
          : [
              {
                type: 'tool-call',
                toolCallId: reply.toolCallId,
                toolName: reply.toolName,
                input: reply.input,
              },
            ];
      return {
        content,
        finishReason:
          reply.kind === 'text'
            ? { unified: 'stop', raw: 'stop' }
            : { unified: 'tool-calls', raw: 'tool_calls' },
        usage: usageOf(call, reply),
        warnings: [],
        response: metadata(JSON.stringify(content)),
      };
    },
    async doStream(call): Promise<LanguageModelV4StreamResult> {
      const reply = respond(call, now, options.agentOf);
      const parts: LanguageModelV4StreamPart[] = [
        { type: 'stream-start', warnings: [] },
        { type: 'response-metadata', ...metadata(reply.kind === 'text' ? reply.text : reply.input) },
      ];
      if (reply.kind === 'text') {
        parts.push({ type: 'text-start', id: 'text-0' });
        for (const delta of textDeltas(reply.text)) parts.push({ type: 'text-delta', id: 'text-0', delta });
        parts.push({ type: 'text-end', id: 'text-0' });
      } else {
        parts.push(
          { type: 'tool-input-start', id: reply.toolCallId, toolName: reply.toolName },
          { type: 'tool-input-delta', id: reply.toolCallId, delta: reply.input },
          { type: 'tool-input-end', id: reply.toolCallId },
          { type: 'tool-call', toolCallId: reply.toolCallId, toolName: reply.toolName, input: reply.input },
        );
      }
      parts.push({
        type: 'finish',
        usage: usageOf(call, reply),
        finishReason:
          reply.kind === 'text'
            ? { unified: 'stop', raw: 'stop' }
            : { unified: 'tool-calls', raw: 'tool_calls' },
      });
      let index = 0;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        pull(controller) {
          if (call.abortSignal?.aborted) {
            controller.error(call.abortSignal.reason ?? new Error('aborted'));
            return;
          }
          const part = parts[index++];
          if (part) controller.enqueue(part);
          else controller.close();
        },
      });
      return { stream };
    },
  };
}
