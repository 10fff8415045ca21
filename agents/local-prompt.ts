/**
 * Reads an AI SDK prompt for the local model: the user's last message, the tool calls and
 * results of the current turn, and what earlier turns established (the last list of jobs, the
 * job last discussed, sources and crawls) so "the first one" and "crawl it" can be resolved.
 *
 * Only structured fields are read from tool results (ids, titles, companies, specs): free text
 * from a page never becomes a request. Text inside <untrusted-data> blocks is skipped entirely.
 */
import type { LanguageModelV4Prompt, LanguageModelV4ToolResultOutput } from '@ai-sdk/provider';
import { type Conversation, emptyConversation, type JobRef } from './intents.ts';
import { readSourceSpec, UUID } from './local-slots.ts';
import { displayText } from './local-text.ts';

/** One tool call of the current turn with its result (null while it has none). */
export interface TurnCall {
  toolCallId: string;
  toolName: string;
  input: Record<string, unknown>;
  result: ToolOutcome | null;
}

/** A tool result as the answer writer needs it. */
export type ToolOutcome = { ok: true; value: unknown } | { ok: false; message: string; field?: string };

export interface PromptState {
  /** The text of the last user message ('' when there is none). */
  userText: string;
  /** What turns before the last user message established. */
  conversation: Conversation;
  /** Tool calls after the last user message, in order. */
  turn: TurnCall[];
}

const UNTRUSTED_BLOCK = /<untrusted-data[^>]*>[\s\S]*?<\/untrusted-data>/gi;

/** The value of a tool result; text that holds JSON is parsed, fences around it removed. */
export function outcomeOf(output: LanguageModelV4ToolResultOutput): ToolOutcome {
  switch (output.type) {
    case 'json':
      return failureOf(output.value) ?? { ok: true, value: output.value };
    case 'text':
      return failureOf(parseMaybeJson(output.value)) ?? { ok: true, value: parseMaybeJson(output.value) };
    case 'error-text':
      return { ok: false, message: output.value };
    case 'error-json':
      return { ok: false, message: messageOf(output.value) };
    case 'execution-denied':
      return { ok: false, message: output.reason ?? 'the tool call was not approved' };
    case 'content':
      return {
        ok: true,
        value: parseMaybeJson(
          output.value
            .map((part) => (part.type === 'text' ? part.text : ''))
            .join('\n')
            .trim(),
        ),
      };
  }
}

function parseMaybeJson(text: string): unknown {
  const inner = text
    .trim()
    .replace(/^<untrusted-data[^>]*>\n?([\s\S]*?)\n?<\/untrusted-data>$/i, '$1')
    .trim();
  if (/^[[{]/.test(inner)) {
    try {
      return JSON.parse(inner);
    } catch {
      return text;
    }
  }
  return text;
}

/** `{ error: true, message }`, the shape the agents' tool adapter gives a failed call. */
function failureOf(value: unknown): ToolOutcome | null {
  if (
    value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    (value as { error?: unknown }).error === true
  ) {
    const v = value as { message?: unknown; field?: unknown };
    return {
      ok: false,
      message: typeof v.message === 'string' ? v.message : 'the tool failed',
      ...(typeof v.field === 'string' ? { field: v.field } : {}),
    };
  }
  return null;
}

function messageOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string')
    return (value as { message: string }).message;
  return JSON.stringify(value);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? displayText(v, 200) : undefined);

/** A job view ({ id, title, company }) or a match ({ job: {...} }) as a reference. */
function jobRefOf(value: unknown): JobRef | null {
  const job = isRecord(value) && isRecord(value.job) ? value.job : value;
  if (!isRecord(job) || typeof job.id !== 'string' || !UUID.test(job.id)) return null;
  const title = str(job.title);
  const company = str(job.company);
  return { id: job.id, ...(title ? { title } : {}), ...(company ? { company } : {}) };
}

/** Updates the conversation with one tool result. */
function noteResult(
  conversation: Conversation,
  toolName: string,
  input: Record<string, unknown>,
  outcome: ToolOutcome,
) {
  if (toolName.startsWith('agent-')) {
    if (outcome.ok && typeof outcome.value === 'string') noteText(conversation, outcome.value);
    else if (outcome.ok && isRecord(outcome.value) && typeof outcome.value.text === 'string')
      noteText(conversation, outcome.value.text);
    return;
  }
  if (!outcome.ok) return;
  const value = outcome.value;
  if (typeof value === 'string') {
    noteText(conversation, value);
    return;
  }
  if (!isRecord(value)) return;
  const list = Array.isArray(value.matches) ? value.matches : Array.isArray(value.jobs) ? value.jobs : null;
  if (list) {
    const refs = list.map(jobRefOf).filter((r): r is JobRef => r !== null);
    if (refs.length > 0) conversation.jobs = refs;
  } else {
    const single = jobRefOf(value);
    if (single) conversation.focus = single;
    else if (typeof input.jobId === 'string' && UUID.test(input.jobId))
      conversation.focus = conversation.jobs.find((j) => j.id === input.jobId) ?? { id: input.jobId };
  }
  const spec =
    typeof value.spec === 'string' ? value.spec : typeof value.source === 'string' ? value.source : null;
  if (spec && (toolName === 'add_source' || toolName === 'crawl_source' || toolName === 'crawl_status')) {
    conversation.source = spec;
    conversation.sources.push(spec);
  }
  if (toolName === 'crawl_source' || toolName === 'crawl_status') {
    const taskId = typeof value.taskId === 'string' ? value.taskId : null;
    const sourceId = typeof value.sourceId === 'string' ? value.sourceId : null;
    conversation.crawl = { taskId, sourceId, source: spec };
  }
  if (Array.isArray(value.sources))
    for (const s of value.sources)
      if (isRecord(s) && typeof s.spec === 'string') conversation.sources.push(s.spec);
}

const LIST_ITEM = /^\s*(?:(\d+)[.)]|\|\s*(\d+)\s*\|)(.*)$/gm;
const UUID_G = new RegExp(UUID.source, 'gi');

/** Reads a written answer (ours, or a specialist's relayed by the supervisor) for jobs, sources and crawls. */
function noteText(conversation: Conversation, text: string) {
  const trusted = text.replace(UNTRUSTED_BLOCK, ' ');
  const items: JobRef[] = [];
  for (const m of trusted.matchAll(LIST_ITEM)) {
    const ids = m[3]!.match(UUID_G);
    if (!ids) continue;
    const bold = [...m[3]!.matchAll(/\*\*([^*]+)\*\*/g)].map((b) => b[1]!);
    items.push({
      id: ids[0]!.toLowerCase(),
      ...(bold[0] ? { title: bold[0] } : {}),
      ...(bold[1] ? { company: bold[1] } : {}),
    });
  }
  if (items.length > 0) conversation.jobs = items;
  else {
    const single = /\bjob `?([0-9a-f-]{36})`?/i.exec(trusted);
    if (single && UUID.test(single[1]!)) conversation.focus = { id: single[1]!.toLowerCase() };
  }
  const task = /\btask `?([0-9a-z-]{8,})`?/i.exec(trusted);
  const spec = /\bsource `([^`]+)`/i.exec(trusted)?.[1] ?? null;
  if (spec) {
    conversation.source = spec;
    conversation.sources.push(spec);
  }
  if (task) conversation.crawl = { taskId: task[1]!, sourceId: null, source: spec };
}

const textOf = (content: ReadonlyArray<{ type: string; text?: string }>) =>
  content
    .filter((p) => p.type === 'text' && typeof p.text === 'string')
    .map((p) => p.text!)
    .join('\n');

/** Reads the prompt: the last user message, this turn's tool calls, and the conversation before it. */
export function readPrompt(prompt: LanguageModelV4Prompt): PromptState {
  let lastUser = -1;
  prompt.forEach((m, i) => {
    if (m.role === 'user') lastUser = i;
  });
  const conversation = emptyConversation();
  const pendingInputs = new Map<string, { toolName: string; input: Record<string, unknown> }>();
  const turn: TurnCall[] = [];
  const byId = new Map<string, TurnCall>();
  prompt.forEach((message, index) => {
    const current = index > lastUser;
    if (message.role === 'user' && index < lastUser) {
      const spec = readSourceSpec(textOf(message.content));
      if (spec) {
        conversation.source = spec;
        conversation.sources.push(spec);
      }
      return;
    }
    if (message.role === 'system' || message.role === 'user') return;
    for (const part of message.content) {
      if (part.type === 'text' && message.role === 'assistant' && !current) noteText(conversation, part.text);
      if (part.type === 'tool-call') {
        const input =
          typeof part.input === 'string' ? parseInput(part.input) : isRecord(part.input) ? part.input : {};
        pendingInputs.set(part.toolCallId, { toolName: part.toolName, input });
        if (current) {
          const call: TurnCall = {
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            input,
            result: null,
          };
          turn.push(call);
          byId.set(part.toolCallId, call);
        }
      }
      if (part.type === 'tool-result') {
        const outcome = outcomeOf(part.output);
        const call = pendingInputs.get(part.toolCallId);
        if (current && byId.has(part.toolCallId)) byId.get(part.toolCallId)!.result = outcome;
        else noteResult(conversation, part.toolName, call?.input ?? {}, outcome);
      }
    }
  });
  const userMessage = lastUser >= 0 ? prompt[lastUser] : undefined;
  const userText = userMessage?.role === 'user' ? textOf(userMessage.content) : '';
  conversation.sources = [...new Set(conversation.sources)];
  return { userText, conversation, turn };
}

function parseInput(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

/** Applies this turn's finished results to a conversation (for the answer's own references). */
export function withTurn(conversation: Conversation, turn: TurnCall[]): Conversation {
  const next: Conversation = {
    ...conversation,
    jobs: [...conversation.jobs],
    sources: [...conversation.sources],
  };
  for (const call of turn) if (call.result) noteResult(next, call.toolName, call.input, call.result);
  return next;
}
