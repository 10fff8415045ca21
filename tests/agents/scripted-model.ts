import type {
  LanguageModelV4CallOptions,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';

// A mock model (ai/test) that answers from a script: each call gets the call options and says
// what to do next — write text or call tools.

export type Step = { text: string } | { calls: Array<{ tool: string; input: Record<string, unknown> }> };

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 1, text: 1, reasoning: 0 },
};

let callIds = 0;

export function streamOf(step: Step): LanguageModelV4StreamResult {
  const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  if ('text' in step) {
    parts.push(
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: step.text },
      { type: 'text-end', id: 't' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
    );
  } else {
    for (const call of step.calls) {
      parts.push({
        type: 'tool-call',
        toolCallId: `call-${++callIds}`,
        toolName: call.tool,
        input: JSON.stringify(call.input),
      });
    }
    parts.push({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage });
  }
  return {
    stream: new ReadableStream({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
      },
    }),
  };
}

export function scriptedModel(name: string, next: (options: LanguageModelV4CallOptions) => Step) {
  return new MockLanguageModelV4({
    modelId: name,
    doStream: async (options) => streamOf(next(options)),
    doGenerate: async () => {
      throw new Error('the scripted model only streams');
    },
  });
}

/** The tool names a call offered the model. */
export const offeredTools = (options: LanguageModelV4CallOptions) =>
  (options.tools ?? []).map((t) => t.name).sort();

/** The last message of the prompt when it is a tool result, else null. */
export function lastToolResult(prompt: LanguageModelV4Prompt) {
  const last = prompt.at(-1);
  if (last?.role !== 'tool') return null;
  const part = last.content.find((p) => p.type === 'tool-result');
  return part?.type === 'tool-result' ? part : null;
}

/** The text of the last user message. */
export function lastUserText(prompt: LanguageModelV4Prompt): string {
  const user = prompt.findLast((m) => m.role === 'user');
  if (user?.role !== 'user') return '';
  return user.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

/**
 * The assistant's usual behaviour: delegate the user's message to `agent`, then repeat what the
 * specialist answered.
 */
export function delegatingAssistant(agent: string | ((text: string) => string)) {
  return scriptedModel('assistant', (options) => {
    const result = lastToolResult(options.prompt);
    if (result) {
      const value = result.output.type === 'text' ? result.output.value : JSON.stringify(result.output);
      return { text: value };
    }
    const text = lastUserText(options.prompt);
    const target = typeof agent === 'string' ? agent : agent(text);
    return { calls: [{ tool: `agent-${target}`, input: { prompt: text } }] };
  });
}
