/**
 * What every rule of the intent parser shares: the clause it reads, its signature, and the
 * constructor of a tool intent (the owning agent comes from agents/local-catalog.ts).
 */
import type { Conversation, Intent, ParseOptions, ToolIntent } from './intents.ts';
import { TOOL_AGENTS } from './local-catalog.ts';

export interface Clause {
  /** As typed (invisible characters removed, spaces collapsed). */
  raw: string;
  /** Lower case with keyword typos corrected. */
  norm: string;
  /** A pasted resume or posting that followed the request. */
  payload: string | null;
}

export type Rule = (clause: Clause, conversation: Conversation, options: ParseOptions) => Intent | null;

export function tool(
  name: string,
  args: Record<string, unknown>,
  clause: Clause,
  extra: Partial<ToolIntent> = {},
): ToolIntent {
  return {
    kind: 'tool',
    agent: TOOL_AGENTS[name]!,
    tool: name,
    args,
    clause: clause.raw,
    ...(clause.payload ? { payload: clause.payload } : {}),
    ...extra,
  };
}
