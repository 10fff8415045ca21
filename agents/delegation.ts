import type { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import type { ModelMessage } from 'ai';
import { z } from 'zod';

// The assistant's `agent-<key>` tools: each hands the request to one specialist and returns its
// answer. They are built once (Mastra's own `agents:` option rebuilt them, with their schemas, on
// every model call), and forward only the specialist's tool calls and results to the turn's stream.

/** The name the assistant calls a specialist by. */
export const delegationToolName = (key: string) => `agent-${key}`;

export const delegationInput = z.object({
  prompt: z
    .string()
    .describe('The request for the specialist, in your own words, with every detail the user gave'),
});

/** What the specialist answered. */
export interface DelegationOutput {
  text: string;
}

/** Chunks of the specialist's stream that the turn shows (its own tool calls and results). */
const FORWARDED = new Set(['tool-call', 'tool-result', 'tool-error']);

/**
 * The conversation so far as the specialist sees it: what the user said and what the assistant
 * answered. The assistant's own delegation calls and their raw results are left out (the answers
 * the assistant wrote from them remain), as is the assistant's system prompt.
 */
export function conversationFor(messages: readonly ModelMessage[]): ModelMessage[] {
  const out: ModelMessage[] = [];
  for (const message of messages) {
    if (message.role === 'user') out.push(message);
    else if (message.role === 'assistant') {
      const text =
        typeof message.content === 'string'
          ? message.content
          : message.content
              .filter((part) => part.type === 'text')
              .map((part) => part.text)
              .join('');
      if (text.trim()) out.push({ role: 'assistant', content: text });
    }
  }
  return out;
}

/** One specialist as a tool of the assistant. */
export function createDelegationTool(
  key: string,
  specialist: Agent,
  options: { description: string; maxSteps: number },
) {
  return createTool({
    // Not `agent-…`: Mastra adds resume fields to the schema of tools with that id on every call.
    id: `delegate-${key}`,
    description: options.description,
    inputSchema: delegationInput,
    toModelOutput: (output: unknown) => ({ type: 'text', value: (output as DelegationOutput).text }),
    execute: async ({ prompt }, context): Promise<DelegationOutput> => {
      const history = conversationFor((context.agent?.messages ?? []) as ModelMessage[]);
      const output = await specialist.stream([...history, { role: 'user', content: prompt }], {
        requestContext: context.requestContext,
        maxSteps: options.maxSteps,
        ...(context.abortSignal ? { abortSignal: context.abortSignal } : {}),
      });
      let failure: unknown = null;
      for await (const chunk of output.fullStream) {
        if (FORWARDED.has(chunk.type)) await context.writer?.write(chunk);
        else if (chunk.type === 'error') failure = (chunk.payload as { error?: unknown }).error ?? chunk;
      }
      if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
      return { text: await output.text };
    },
  });
}
