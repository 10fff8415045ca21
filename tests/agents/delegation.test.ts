import type { ModelMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { conversationFor } from '../../agents/delegation.ts';

describe('what a specialist sees of the conversation', () => {
  it("keeps what the user said and the assistant answered, not the assistant's prompt or raw tool traffic", () => {
    const messages: ModelMessage[] = [
      { role: 'system', content: 'You are Jobhound…' },
      { role: 'user', content: 'show my matches' },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 'c1', toolName: 'agent-matcher', input: { prompt: 'matches' } },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'agent-matcher',
            output: { type: 'text', value: '1. **Backend Engineer** at **Acme**' },
          },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: '1. **Backend Engineer** at **Acme**' }] },
      { role: 'user', content: 'explain the first one' },
    ];
    expect(conversationFor(messages)).toEqual([
      { role: 'user', content: 'show my matches' },
      { role: 'assistant', content: '1. **Backend Engineer** at **Acme**' },
      { role: 'user', content: 'explain the first one' },
    ]);
  });
});
