import { Agent } from '@mastra/core/agent';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { toMastraModel } from '../agents/models.ts';

// The least a chat turn can cost while it runs through Mastra: the CPU time of one Agent.stream
// call with no tools and a model that answers one word at once. A turn the assistant delegates
// makes two such calls (assistant, then specialist), each with two model steps.

const CALLS = 600;
const WARMUP = 200;

/** CPU milliseconds per bare Mastra Agent.stream call, measured in this process. */
export async function mastraStreamFloorMs(): Promise<number> {
  const model = new MockLanguageModelV4({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunks: [
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: 't' },
          { type: 'text-delta', id: 't', delta: 'Hello' },
          { type: 'text-end', id: 't' },
          {
            type: 'finish',
            finishReason: { unified: 'stop', raw: 'stop' },
            usage: {
              inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
              outputTokens: { total: 1, text: 1, reasoning: 0 },
            },
          },
        ],
        initialDelayInMs: null,
        chunkDelayInMs: null,
      }),
    }),
  });
  const agent = new Agent({
    id: 'floor',
    name: 'floor',
    instructions: 'Answer.',
    model: toMastraModel(model),
  });
  const call = async () => {
    const output = await agent.stream('hello');
    for await (const _ of output.fullStream);
  };
  for (let i = 0; i < WARMUP; i++) await call();
  const start = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) await call();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / CALLS;
}
