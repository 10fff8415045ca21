/**
 * What the chat evals (routing, grounding) share: the real tools' names and input schemas as AI
 * SDK tools (nothing behind them runs), the supervisor's delegation tools, and short earlier
 * conversations that later messages point back at ("explain the first one").
 */
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { type JSONValue, type ModelMessage, type Tool, type ToolSet, tool } from 'ai';
import { z } from 'zod';
import { answerFor } from '../../agents/local-answers.ts';
import { AGENT_KEYS } from '../../agents/local-catalog.ts';
import { createLocalLanguageModel } from '../../agents/local-model.ts';
import { createAgentModels } from '../../agents/models.ts';
import { type AgentKey, loadConfig } from '../../config/config.ts';
import { createToolRegistry, type ToolDeps } from '../../tools/index.ts';
import type { AnyTool } from '../../tools/tool.ts';

/**
 * The registry built for its schemas only. Its dependencies refuse every use, so an eval can
 * never reach a database or the network through a tool.
 */
export function schemaOnlyTools(): AnyTool[] {
  const refuse: unknown = new Proxy(() => undefined, {
    get: () => refuse,
    apply: () => {
      throw new Error('schema-only registry: tools do not run in this eval');
    },
  });
  return createToolRegistry(refuse as ToolDeps).list();
}

const applicationStatus = z.enum([
  'saved',
  'preparing',
  'ready',
  'applied',
  'interviewing',
  'offer',
  'rejected',
  'withdrawn',
]);

/**
 * Stand-ins for the applicant's tools until they land (issue 10), so routing can check that
 * requests reach them; the registry's own definitions replace these as soon as they exist.
 */
const APPLICANT_STANDINS: Record<string, { description: string; inputSchema: z.ZodType }> = {
  prepare_application: {
    description: 'Prepare an application for one job (nothing is submitted without approval).',
    inputSchema: z.object({ jobId: z.string().uuid() }),
  },
  track_application: {
    description: "Record an application's status.",
    inputSchema: z.object({ jobId: z.string().uuid().optional(), status: applicationStatus }),
  },
  list_applications: {
    description: 'Your applications and their status.',
    inputSchema: z.object({ status: applicationStatus.optional() }),
  },
};

/**
 * The models the chat evals talk to: the ones configured (MODEL, AGENT_MODELS, OPENAI_BASE_URL,
 * ... from the environment), so the same suites measure a real model when one is set. The local
 * model is pinned to the dataset's clock.
 */
export function evalModels(
  now: Date,
  env: NodeJS.ProcessEnv = process.env,
): { modelFor(agent: AgentKey): LanguageModelV4; describe(): string } {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
  const models = createAgentModels(config, { local: () => createLocalLanguageModel({ now: () => now }) });
  return {
    modelFor: (agent) => models.modelFor(agent),
    describe: () => {
      const names = new Set(['assistant', ...AGENT_KEYS].map((a) => models.nameFor(a as AgentKey)));
      return [...names].join(', ');
    },
  };
}

/** Every tool a specialist could be offered, each answering with `output(toolName, input)`. */
export function realToolSet(output: (toolName: string, input: unknown) => unknown): ToolSet {
  const tools: Record<string, Tool> = {};
  for (const t of schemaOnlyTools()) {
    tools[t.id] = tool({
      description: t.description,
      inputSchema: t.inputSchema,
      execute: async (input: unknown) => output(t.id, input),
    });
  }
  for (const [id, standin] of Object.entries(APPLICANT_STANDINS)) {
    tools[id] ??= tool({
      description: standin.description,
      inputSchema: standin.inputSchema,
      execute: async (input: unknown) => output(id, input),
    });
  }
  return tools;
}

/** The supervisor's view: one `agent-<key>` tool per specialist, as Mastra offers them. */
export function delegationToolSet(answer: (agent: string, prompt: string) => string): ToolSet {
  const tools: Record<string, Tool> = {};
  for (const key of AGENT_KEYS) {
    tools[`agent-${key}`] = tool({
      description: `Agent: ${key}`,
      inputSchema: z.object({ prompt: z.string().describe('The prompt to send to the agent') }),
      execute: async ({ prompt }: { prompt: string }) => answer(key, prompt),
    });
  }
  return tools;
}

/** An earlier turn: what the user asked, the tool that answered and its result. */
export interface PastTurn {
  user: string;
  toolName: string;
  input: Record<string, unknown>;
  output: JSONValue;
}

/**
 * The messages of earlier turns. A specialist saw the tool call and its result; the supervisor
 * saw only the written answer the specialist relayed.
 */
export function historyMessages(turns: PastTurn[], view: 'specialist' | 'supervisor'): ModelMessage[] {
  const messages: ModelMessage[] = [];
  turns.forEach((turn, i) => {
    const answer = answerFor(turn.toolName, turn.input, { ok: true, value: turn.output });
    messages.push({ role: 'user', content: turn.user });
    if (view === 'specialist') {
      const toolCallId = `history-${i}`;
      messages.push(
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId, toolName: turn.toolName, input: turn.input }],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId,
              toolName: turn.toolName,
              output: { type: 'json', value: turn.output },
            },
          ],
        },
      );
    }
    messages.push({ role: 'assistant', content: answer });
  });
  return messages;
}
