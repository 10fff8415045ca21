/**
 * The local model's intent parser: a user's message in plain language (paraphrases, typos, several
 * requests at once) → the tool calls it asks for, each with the specialist agent that owns the
 * tool, or a reply that needs no tool (help, a greeting, something out of scope, a question back).
 * Pure and deterministic: the same message and conversation always give the same intents.
 */
import { type AgentKey, TOOL_AGENTS } from './local-catalog.ts';
import { type Clause, RULES } from './local-rules.ts';
import { fixKeywordTypos, normalizeUtterance } from './local-text.ts';

export type { AgentKey } from './local-catalog.ts';

/** Profile list fields a request adds to rather than replaces ("also exclude Amazon"). */
export type ProfileListField = 'roles' | 'locations' | 'excludedCompanies' | 'excludedKeywords';

export interface ToolIntent {
  kind: 'tool';
  agent: AgentKey;
  tool: string;
  args: Record<string, unknown>;
  /** The words of the message this intent came from (the prompt when delegating). */
  clause: string;
  /** A pasted resume or posting that followed the request: a delegation carries it too. */
  payload?: string;
  /** A question back when a required argument could not be read ("Which job?"). */
  missing?: string;
  /** update_profile only: items to add to the stored lists (the current profile is read first). */
  merge?: Partial<Record<ProfileListField, string[]>>;
}

export interface ReplyIntent {
  kind: 'help' | 'greeting' | 'thanks' | 'out_of_scope' | 'unknown';
  clause: string;
  /** For out_of_scope: what was asked for ("the weather"). */
  topic?: string;
}

export type Intent = ToolIntent | ReplyIntent;

/** A job the conversation has shown, in the order it was listed. */
export interface JobRef {
  id: string;
  title?: string;
  company?: string;
}

/** What earlier turns established, for "the first one", "crawl it", "is it done?". */
export interface Conversation {
  /** The most recent list of jobs or matches, in order. */
  jobs: JobRef[];
  /** The last single job discussed (explained, reviewed, opened). */
  focus: JobRef | null;
  /** The last source named or added. */
  source: string | null;
  /** Every source spec the conversation has named. */
  sources: string[];
  /** The last crawl started. */
  crawl: { taskId: string | null; sourceId: string | null; source: string | null } | null;
}

export const emptyConversation = (): Conversation => ({
  jobs: [],
  focus: null,
  source: null,
  sources: [],
  crawl: null,
});

export interface ParseOptions {
  /** The clock for "posted this week". */
  now?: Date;
}

/** Text longer than this after a colon or a line break is a pasted resume or posting, not a request. */
const PASTE_MIN_CHARS = 200;

/** Splits "review my resume against this posting: <a long posting>" into request and payload. */
function splitPayload(text: string): { request: string; payload: string | null } {
  const match = /^(.{0,300}?)(?::\s*|\n)([\s\S]+)$/.exec(text);
  if (match && match[2]!.trim().length >= PASTE_MIN_CHARS && !/^\/\//.test(match[2]!))
    return { request: match[1]!.trim(), payload: match[2]!.trim() };
  return { request: text, payload: null };
}

const CONNECTOR =
  /\s*(?:[;!?]|\.(?=\s)|,?\s+\b(?:and then|and also|after that|afterwards|then|also|plus|and|but)\b\s*|,\s+)/i;
const ACTION =
  /\b(show|find|list|get|give|add|track|follow|crawl|scrape|refresh|sync|explain|why|review|check|tailor|write|draft|prepare|apply|research|tell|what|what's|how|which|set|change|update|send|mark|open|read|search|compare|look|exclude|block|hide|stop|start|is|are|do|does|can|could|would|will|move|upload|save|i|i'm|my|any|help|remind|weather|poem|joke)\b/;

/** Parses one clause with the first rule that recognises it. */
function parseClause(clause: Clause, conversation: Conversation, options: ParseOptions): Intent {
  for (const rule of RULES) {
    const intent = rule(clause, conversation, options);
    if (intent) return intent;
  }
  return { kind: 'unknown', clause: clause.raw };
}

const makeClause = (raw: string, payload: string | null): Clause => ({
  raw: fixKeywordTypos(raw),
  norm: normalizeUtterance(raw),
  payload,
});

/** Pieces of the request that each carry their own intent; other pieces stay with the one before. */
function splitClauses(
  request: string,
  payload: string | null,
  conversation: Conversation,
  options: ParseOptions,
) {
  const pieces = request.split(CONNECTOR).filter((p) => p && p.trim() !== '');
  const clauses: string[] = [];
  for (const piece of pieces) {
    const trimmed = piece.trim();
    const previous = clauses.length - 1;
    if (previous < 0) {
      clauses.push(trimmed);
      continue;
    }
    const probe = makeClause(trimmed, null);
    const own = parseClause(probe, conversation, options);
    const standsAlone = own.kind !== 'unknown' && ACTION.test(probe.norm);
    if (standsAlone) clauses.push(trimmed);
    else clauses[previous] = `${clauses[previous]} and ${trimmed}`;
  }
  if (clauses.length === 0) clauses.push(request);
  return clauses.map((c, i) => makeClause(c, i === clauses.length - 1 ? payload : null));
}

/** Later clauses may point at what earlier ones named: "add greenhouse:acme and crawl it". */
function carry(conversation: Conversation, intent: Intent): Conversation {
  if (intent.kind !== 'tool') return conversation;
  const source = (intent.args.spec ?? intent.args.source) as string | undefined;
  const jobId = intent.args.jobId as string | undefined;
  return {
    ...conversation,
    ...(source ? { source, sources: [...conversation.sources, source] } : {}),
    ...(jobId ? { focus: conversation.jobs.find((j) => j.id === jobId) ?? { id: jobId } } : {}),
  };
}

/** Adjacent profile updates become one call: "digest at 7am and time zone Europe/Berlin". */
function mergeProfileUpdates(intents: Intent[]): Intent[] {
  const out: Intent[] = [];
  for (const intent of intents) {
    const last = out.at(-1);
    if (
      intent.kind === 'tool' &&
      last?.kind === 'tool' &&
      intent.tool === 'update_profile' &&
      last.tool === 'update_profile' &&
      !intent.missing &&
      !last.missing
    ) {
      out[out.length - 1] = {
        ...last,
        args: { ...last.args, ...intent.args },
        clause: `${last.clause} and ${intent.clause}`,
        ...(last.merge || intent.merge ? { merge: { ...last.merge, ...intent.merge } } : {}),
      };
    } else out.push(intent);
  }
  return out;
}

/**
 * The intents of a user's message, in the order asked. Tool intents come first in importance:
 * greetings and "I did not understand" parts are dropped when the message also asks for a tool.
 */
export function parseRequest(
  text: string,
  conversation: Conversation = emptyConversation(),
  options: ParseOptions = {},
): Intent[] {
  const { request, payload } = splitPayload(text.trim());
  if (request.trim() === '' && payload === null) return [{ kind: 'help', clause: '' }];
  let state = conversation;
  const intents: Intent[] = [];
  for (const clause of splitClauses(request, payload, conversation, options)) {
    const intent = parseClause(clause, state, options);
    intents.push(intent);
    state = carry(state, intent);
  }
  const merged = mergeProfileUpdates(intents);
  const hasTool = merged.some((i) => i.kind === 'tool');
  const kept = hasTool
    ? merged.filter((i) => i.kind === 'tool' || i.kind === 'out_of_scope')
    : merged.filter((i, index) => i.kind !== 'unknown' || merged.length === 1 || index === 0);
  // Drop repeats: the same tool call twice, or the same reply twice in a row ("hi, hello").
  return kept.filter((intent, index) =>
    intent.kind === 'tool'
      ? kept.findIndex(
          (other) =>
            other.kind === 'tool' &&
            other.tool === intent.tool &&
            JSON.stringify(other.args) === JSON.stringify(intent.args),
        ) === index
      : kept[index - 1]?.kind !== intent.kind,
  );
}

export const isToolIntent = (intent: Intent): intent is ToolIntent => intent.kind === 'tool';

export { TOOL_AGENTS };
