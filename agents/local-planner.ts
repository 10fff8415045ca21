/**
 * Turns a message's intents into the local model's steps for the tools it is offered: a real
 * tool call, a delegation to a specialist (the supervisor's `agent-<key>` tools), or a note (a
 * question back, a capability that is missing, help, something out of scope). Steps are planned
 * again on every model call from the same message, so one call per step is deterministic.
 */
import type { Intent, ProfileListField, ToolIntent } from './intents.ts';
import { answerFor } from './local-answers.ts';
import { type AgentKey, agentOfTool, capabilityLabel, helpText, suggestions } from './local-catalog.ts';
import type { TurnCall } from './local-prompt.ts';

export type Step =
  | { kind: 'call'; toolName: string; args: (done: TurnCall[]) => Record<string, unknown> }
  | { kind: 'note'; text: string };

export interface PlanOptions {
  /** Names of the tools offered in this call. */
  offered: ReadonlySet<string>;
  /** The specialist that owns a tool (defaults to agents/local-catalog.ts). */
  agentOf?: (tool: string) => AgentKey | undefined;
}

const DELEGATION_PREFIX = 'agent-';
export const delegationTool = (agent: AgentKey) => `${DELEGATION_PREFIX}${agent}`;

/**
 * What the specialist needs to act without the supervisor's context: ids and specs resolved, and
 * a pasted resume or posting after the request (the specialist only sees this prompt as the
 * user's message, so "here is my resume:" alone would lose the resume).
 */
function delegationPrompt(intents: ToolIntent[]): string {
  const requests = intents.map((i) => {
    const hints: string[] = [];
    const has = (s: unknown) => typeof s === 'string' && i.clause.toLowerCase().includes(s.toLowerCase());
    if (typeof i.args.jobId === 'string' && !has(i.args.jobId)) hints.push(`job ${i.args.jobId}`);
    if (typeof i.args.source === 'string' && !has(i.args.source)) hints.push(`source ${i.args.source}`);
    if (typeof i.args.taskId === 'string' && !has(i.args.taskId)) hints.push(`task ${i.args.taskId}`);
    return hints.length ? `${i.clause} (${hints.join(', ')})` : i.clause;
  });
  const payload = intents.findLast((i) => i.payload)?.payload;
  const request = requests.join(' and ');
  return payload ? `${request}:\n${payload}` : request;
}

const LIST_FIELDS: ProfileListField[] = ['roles', 'locations', 'excludedCompanies', 'excludedKeywords'];

/** update_profile arguments with the lists merged into what get_profile returned this turn. */
function mergedProfileArgs(intent: ToolIntent, done: TurnCall[]): Record<string, unknown> {
  const current = done.findLast((c) => c.toolName === 'get_profile' && c.result?.ok);
  const stored = current?.result?.ok ? (current.result.value as Record<string, unknown>) : {};
  const args = { ...intent.args };
  for (const field of LIST_FIELDS) {
    const extra = intent.merge?.[field];
    if (!extra) continue;
    const before = Array.isArray(stored[field])
      ? (stored[field] as unknown[]).filter((x) => typeof x === 'string')
      : [];
    const seen = new Set(before.map((x) => String(x).toLowerCase()));
    args[field] = [...before, ...extra.filter((x) => !seen.has(x.toLowerCase()))];
  }
  return args;
}

const TOPICS: Array<[RegExp, string]> = [
  [/weather|forecast/, 'the weather'],
  [/poem|poetry|haiku|limerick|story|stories|essay/, 'creative writing'],
  [/song|lyrics|sing/, 'songs'],
  [/joke|riddle/, 'jokes'],
  [/recipe|cook|pizza|restaurant/, 'food and restaurants'],
  [/football|soccer|basketball|nba|nfl|movie/, 'sports or entertainment'],
  [/bitcoin|crypto|stock/, 'stock or crypto prices'],
  [/flight|hotel|vacation|holiday/, 'travel'],
  [/translat/, 'translations'],
  [/arithmetic|calculate|math|homework/, 'maths'],
  [/news/, 'the news'],
];

/** "the weather" for the topic word that was asked about. */
const topicPhrase = (topic: string | undefined) =>
  TOPICS.find(([pattern]) => topic !== undefined && pattern.test(topic))?.[1] ?? 'that';

function replyNote(intent: Intent, alone: boolean): string {
  switch (intent.kind) {
    case 'help':
      return helpText();
    case 'greeting':
      return `Hi! ${suggestions()}`;
    case 'thanks':
      return 'You’re welcome! Anything else — more matches, a resume review, a company to research?';
    case 'out_of_scope':
      return `I can't help with ${topicPhrase(intent.topic)} — I'm Jobhound, a job-search assistant.${alone ? ` ${suggestions()}` : ''}`;
    case 'unknown':
      return `I'm not sure what you mean${intent.clause ? ` by “${intent.clause.slice(0, 80)}”` : ''}. ${suggestions()}`;
    default:
      return '';
  }
}

function unavailable(intent: ToolIntent, supervisor: boolean): string {
  const label = capabilityLabel(intent.tool);
  return supervisor || intent.agent === 'applicant'
    ? `I can't ${label} yet: that capability (\`${intent.tool}\`) is not available yet.`
    : `I can't ${label} here: this agent has no \`${intent.tool}\` tool.`;
}

/** The steps for a message's intents, given the tools on offer. */
export function plan(intents: Intent[], options: PlanOptions): Step[] {
  const agentOf = options.agentOf ?? agentOfTool;
  const offered = options.offered;
  const supervisor = [...offered].some((name) => name.startsWith(DELEGATION_PREFIX));
  const steps: Step[] = [];
  const alone = intents.length === 1;
  let group: { agent: AgentKey; intents: ToolIntent[] } | null = null;
  const flush = () => {
    if (!group) return;
    const prompt = delegationPrompt(group.intents);
    steps.push({ kind: 'call', toolName: delegationTool(group.agent), args: () => ({ prompt }) });
    group = null;
  };
  for (const intent of intents) {
    if (intent.kind !== 'tool') {
      flush();
      steps.push({ kind: 'note', text: replyNote(intent, alone) });
      continue;
    }
    if (offered.has(intent.tool)) {
      flush();
      if (intent.missing) steps.push({ kind: 'note', text: intent.missing });
      else if (intent.merge && offered.has('get_profile')) {
        steps.push({ kind: 'call', toolName: 'get_profile', args: () => ({}) });
        steps.push({ kind: 'call', toolName: intent.tool, args: (done) => mergedProfileArgs(intent, done) });
      } else
        steps.push({ kind: 'call', toolName: intent.tool, args: (done) => mergedProfileArgs(intent, done) });
      continue;
    }
    const agent = agentOf(intent.tool) ?? intent.agent;
    if (supervisor && offered.has(delegationTool(agent))) {
      if (intent.missing) {
        flush();
        steps.push({ kind: 'note', text: intent.missing });
        continue;
      }
      if (group && group.agent !== agent) flush();
      group ??= { agent, intents: [] };
      group.intents.push(intent);
      continue;
    }
    flush();
    steps.push({ kind: 'note', text: unavailable(intent, supervisor) });
  }
  flush();
  return steps;
}

/** The next call to make, or null when the turn is ready for its answer. */
export function nextCall(
  steps: Step[],
  done: TurnCall[],
): { toolName: string; input: Record<string, unknown> } | null {
  const calls = steps.filter((s): s is Extract<Step, { kind: 'call' }> => s.kind === 'call');
  // Stop after a failed call or a call we did not plan (the caller changed course).
  for (let i = 0; i < done.length; i++) {
    if (!done[i]!.result?.ok || calls[i]?.toolName !== done[i]!.toolName) return null;
  }
  const next = calls[done.length];
  return next ? { toolName: next.toolName, input: next.args(done) } : null;
}

/** The final answer: each call's result in order, with the notes where they were planned. */
export function composeAnswer(steps: Step[], done: TurnCall[]): string {
  const planned = steps.filter((s) => s.kind === 'call');
  // Calls we did not plan (the caller chose the tools): answer those results and nothing else.
  if (done.some((call, i) => planned[i]?.kind !== 'call' || planned[i].toolName !== call.toolName)) {
    const answers = done.filter((c) => c.result).map((c) => answerFor(c.toolName, c.input, c.result!));
    return answers.join('\n\n') || suggestions();
  }
  const parts: string[] = [];
  let callIndex = 0;
  for (const step of steps) {
    if (step.kind === 'note') {
      parts.push(step.text);
      continue;
    }
    const call = done[callIndex++];
    if (!call?.result) continue;
    // A profile read only to merge a list is not worth its own answer.
    if (call.toolName === 'get_profile' && done[callIndex]?.toolName === 'update_profile') continue;
    parts.push(
      answerFor(
        call.toolName,
        call.input,
        call.result,
        done.map((c) => c.toolName),
      ),
    );
  }
  const text = parts.filter((p) => p.trim() !== '').join('\n\n');
  return text || suggestions();
}
