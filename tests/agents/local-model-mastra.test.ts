import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLocalLanguageModel } from '../../agents/local-model.ts';
import { toMastraModel } from '../../agents/models.ts';
import { JOB_IDS, MATCHES } from './local-model-fixtures.ts';

// The local model as a Mastra supervisor and specialist: Mastra offers the supervisor one
// `agent-<key>` tool per specialist and relays the specialist's text back as the tool result.

function build() {
  const calls: Array<{ tool: string; input: unknown }> = [];
  const model = () =>
    toMastraModel(createLocalLanguageModel({ now: () => new Date('2025-06-10T12:00:00Z') }));
  const matcher = new Agent({
    id: 'matcher',
    name: 'matcher',
    description: "Finds and explains the user's job matches.",
    instructions: 'You show and explain matches.',
    model: model(),
    tools: {
      search_matches: createTool({
        id: 'search_matches',
        description: 'Jobs ranked for you.',
        inputSchema: z.object({ remote: z.enum(['remote', 'hybrid', 'onsite']).optional() }),
        execute: async (input) => {
          calls.push({ tool: 'search_matches', input });
          return MATCHES;
        },
      }),
      explain_match: createTool({
        id: 'explain_match',
        description: 'Why a job scores what it does.',
        inputSchema: z.object({ jobId: z.string().uuid() }),
        execute: async (input) => {
          calls.push({ tool: 'explain_match', input });
          return MATCHES.matches.find((m) => m.job.id === input.jobId) ?? MATCHES.matches[0]!;
        },
      }),
    },
  });
  const assistant = new Agent({
    id: 'assistant',
    name: 'assistant',
    instructions: 'You are Jobhound.',
    model: model(),
    agents: { matcher },
  });
  return { assistant, calls };
}

describe('the local model under a Mastra supervisor', () => {
  it('delegates to the specialist, which calls its tool, and relays the answer', async () => {
    const { assistant, calls } = build();
    const first = await assistant.generate('shwo my remote matches', { maxSteps: 4 });
    expect(calls).toEqual([{ tool: 'search_matches', input: { remote: 'remote' } }]);
    expect(first.text).toContain('1. **Senior Backend Engineer** at **Acme** — score **87**/100');

    const second = await assistant.generate(
      [
        { role: 'user', content: 'shwo my remote matches' },
        { role: 'assistant', content: first.text },
        { role: 'user', content: 'explain the third one' },
      ],
      { maxSteps: 4 },
    );
    expect(calls.at(-1)).toEqual({ tool: 'explain_match', input: { jobId: JOB_IDS.globex } });
    expect(second.text).toContain('**Platform Engineer** at **Globex**');
  });

  it('answers an out-of-scope request itself, delegating nothing', async () => {
    const { assistant, calls } = build();
    const result = await assistant.generate('tell me a joke', { maxSteps: 4 });
    expect(calls).toEqual([]);
    expect(result.text).toMatch(/^I can't help with jokes/);
  });
});
