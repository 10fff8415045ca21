import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, type ModelMessage, stepCountIs, type ToolSet } from 'ai';
import { z } from 'zod';
import { readJsonl } from '../datasets-io.ts';
import type { Suite } from '../suite.ts';
import {
  delegationToolSet,
  evalModels,
  historyMessages,
  type PastTurn,
  realToolSet,
} from './chat-harness.ts';

// Routing: does a user's message reach the right specialist and the right tool with the right
// arguments? Each case runs twice through the AI SDK with the local model: once as a specialist
// offered every real tool (tool and arguments are checked), once as the supervisor offered only
// the `agent-<key>` delegation tools (the specialists it delegates to are checked).

const expectedCall = z.object({
  agent: z.enum(['researcher', 'scraper', 'matcher', 'atsReviewer', 'applicant']),
  tool: z.string(),
  args: z.record(z.string(), z.unknown()).optional(),
});
const caseLine = z.object({
  id: z.string(),
  utterance: z.string().min(1),
  history: z.string().optional(),
  expected: z.object({
    calls: z.array(expectedCall),
    reply: z.enum(['out_of_scope', 'help', 'greeting', 'clarify']).optional(),
  }),
});
type Case = z.infer<typeof caseLine>;

const fixturesSchema = z.object({
  now: z.iso.datetime(),
  outputs: z.record(z.string(), z.json()),
  history: z.record(
    z.string(),
    z.array(
      z.object({
        user: z.string(),
        toolName: z.string(),
        input: z.record(z.string(), z.json()),
        output: z.json(),
      }),
    ),
  ),
});

/** Tool rounds a case may take (the longest mixed request has three calls and an answer). */
const MAX_STEPS = 8;

/** Does `actual` hold every expected value? Strings compare without case, lists as sets. */
export function matchesExpected(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'string')
    return typeof actual === 'string' && expected.trim().toLowerCase() === actual.trim().toLowerCase();
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    return expected.every((e) => actual.some((a) => matchesExpected(e, a)));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([k, v]) =>
      matchesExpected(v, (actual as Record<string, unknown>)[k]),
    );
  }
  return expected === actual;
}

interface Call {
  toolName: string;
  input: unknown;
}

async function run(
  model: LanguageModelV4,
  tools: ToolSet,
  messages: ModelMessage[],
): Promise<{ calls: Call[]; errors: number; text: string }> {
  const result = await generateText({
    model,
    tools,
    messages,
    stopWhen: stepCountIs(MAX_STEPS),
  });
  const calls = result.steps.flatMap((s) =>
    s.toolCalls.map((c) => ({ toolName: c.toolName, input: c.input })),
  );
  const errors = result.steps.flatMap((s) => s.content.filter((p) => p.type === 'tool-error')).length;
  return { calls, errors, text: result.text };
}

/** The specialists in the order a supervisor should delegate: consecutive calls of one agent are one delegation. */
const agentSequence = (c: Case) =>
  c.expected.calls.map((x) => x.agent).filter((agent, i, all) => i === 0 || all[i - 1] !== agent);

export const routingSuite: Suite = {
  name: 'routing',
  description:
    'user messages (paraphrases, typos, mixed and out-of-scope requests) → the right specialist, tool and arguments, with the configured model (local by default)',
  thresholds: [
    { metric: 'tool_accuracy', kind: 'min', value: 0.95 },
    { metric: 'agent_accuracy', kind: 'min', value: 0.95 },
    { metric: 'out_of_scope_no_tool', kind: 'min', value: 1 },
  ],
  async run(dir) {
    const cases = readJsonl(dir, 'cases.jsonl', caseLine);
    const fixtures = fixturesSchema.parse(JSON.parse(readFileSync(join(dir, 'fixtures.json'), 'utf8')));
    const now = new Date(fixtures.now);
    const models = evalModels(now);
    const specialistTools = realToolSet((name) => fixtures.outputs[name] ?? {});
    const supervisorTools = delegationToolSet((agent) => `(the ${agent} answered)`);
    const history = (c: Case, view: 'specialist' | 'supervisor'): ModelMessage[] => {
      if (!c.history) return [];
      const turns = fixtures.history[c.history];
      if (!turns) throw new Error(`${c.id}: unknown history '${c.history}'`);
      return historyMessages(turns as PastTurn[], view);
    };
    let toolHits = 0;
    let agentHits = 0;
    let outOfScope = 0;
    let outOfScopeClean = 0;
    const rows: Array<Record<string, string | number>> = [];
    for (const c of cases) {
      const user: ModelMessage = { role: 'user', content: c.utterance };
      const owner = c.expected.calls[0]?.agent ?? 'assistant';
      const specialist = await run(models.modelFor(owner), specialistTools, [
        ...history(c, 'specialist'),
        user,
      ]);
      const supervisor = await run(models.modelFor('assistant'), supervisorTools, [
        ...history(c, 'supervisor'),
        user,
      ]);
      const toolOk =
        specialist.errors === 0 &&
        specialist.calls.length === c.expected.calls.length &&
        c.expected.calls.every(
          (e, i) =>
            specialist.calls[i]?.toolName === e.tool &&
            matchesExpected(e.args ?? {}, specialist.calls[i]?.input),
        );
      const agents = agentSequence(c);
      const jobIds = c.expected.calls
        .map((e) => e.args?.jobId)
        .filter((id): id is string => typeof id === 'string');
      const prompts = supervisor.calls.map((x) => String((x.input as { prompt?: unknown }).prompt ?? ''));
      const agentOk =
        supervisor.calls.length === agents.length &&
        agents.every((a, i) => supervisor.calls[i]?.toolName === `agent-${a}`) &&
        jobIds.every((id) => prompts.some((p) => p.includes(id)));
      if (toolOk) toolHits++;
      if (agentOk) agentHits++;
      if (c.expected.reply === 'out_of_scope') {
        outOfScope++;
        if (specialist.calls.length === 0 && supervisor.calls.length === 0) outOfScopeClean++;
      }
      const show = (calls: Call[]) => calls.map((x) => x.toolName).join('+') || '-';
      rows.push({
        id: c.id,
        utterance: c.utterance,
        expected: c.expected.calls.map((e) => e.tool).join('+') || c.expected.reply || '-',
        tools: toolOk
          ? 'ok'
          : `${show(specialist.calls)} ${JSON.stringify(specialist.calls.map((x) => x.input))}`,
        agents: agentOk ? 'ok' : show(supervisor.calls),
      });
    }
    return {
      suite: 'routing',
      dataset: dir,
      model: models.describe(),
      metrics: {
        tool_accuracy: cases.length ? toolHits / cases.length : 0,
        agent_accuracy: cases.length ? agentHits / cases.length : 0,
        out_of_scope_no_tool: outOfScope ? outOfScopeClean / outOfScope : 1,
        cases: cases.length,
      },
      cases: rows,
    };
  },
};
