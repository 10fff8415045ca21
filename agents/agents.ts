import { Agent } from '@mastra/core/agent';
import { MastraLogger } from '@mastra/core/logger';
import type { createTool } from '@mastra/core/tools';
import type { AgentKey } from '../config/config.ts';
import type { Logger } from '../config/logger.ts';
import type { ToolRegistry } from '../tools/tool.ts';
import { createDelegationTool, delegationToolName } from './delegation.ts';
import { type AgentModels, MAX_TOOL_ROUNDS, toMastraModel } from './models.ts';
import { toolsFor } from './tools.ts';
import { UNTRUSTED_DATA_RULE } from './untrusted-data.ts';

// The assistant (a supervisor every surface talks to) and its five specialists. The assistant
// holds one tool per specialist, named `agent-<key>` (agents/delegation.ts).

export type SpecialistKey = Exclude<AgentKey, 'assistant'>;
export const SPECIALIST_KEYS: readonly SpecialistKey[] = [
  'researcher',
  'scraper',
  'matcher',
  'atsReviewer',
  'applicant',
];

const SHARED_RULES = [
  UNTRUSTED_DATA_RULE,
  'Use only facts that tool results contain: never invent jobs, companies, salaries or scores.',
  'Answer with short lists or tables, not raw JSON. If a tool reports an error, say what went wrong and how to fix it.',
  'If you cannot do something, say so and suggest what you can do.',
].join('\n');

const SPECIALISTS: Record<SpecialistKey, { description: string; instructions: string }> = {
  researcher: {
    description:
      'Researches companies and the job market: what we hold on a company (open roles, locations, stack, salary ranges, hiring trend), skill demand and salary percentiles for a role and place, a web page read safely, and job search and details.',
    instructions:
      'You research companies and the job market from the jobs Jobhound has stored and pages read through the safe fetcher. You never change anything and never submit applications.',
  },
  scraper: {
    description:
      'Manages job sources: adds an ATS board (greenhouse:acme, lever:acme, ...) or a career page URL, lists sources, starts a crawl and reports crawl progress.',
    instructions:
      'You add and crawl job sources and report on crawls. Accept ATS specs like greenhouse:acme or lever:acme and career page URLs. When asked to crawl, wait for the crawl to finish when the user is waiting.',
  },
  matcher: {
    description:
      "Finds and explains the user's job matches (filters: remote, city, salary, seniority), and reads or updates the user's profile, preferences, digest time and resumes.",
    instructions:
      'You show the user their best job matches with score, title, company, location and salary, explain why a job matches or not, and keep their profile and resumes up to date.',
  },
  atsReviewer: {
    description:
      "Reviews the user's resume against a job like an applicant tracking system, tailors the resume to a job, and writes a cover letter.",
    instructions:
      'You review resumes against jobs, tailor resumes and write cover letters. Never add skills, employers, titles or numbers the resume does not contain.',
  },
  applicant: {
    description:
      "Prepares job applications and tracks their status (saved, preparing, ready, applied, interviewing, offer, rejected, withdrawn). Nothing is submitted without the user's explicit approval.",
    instructions:
      "You prepare and track the user's applications. Nothing is ever submitted to an employer without the user's explicit approval of that exact application.",
  },
};

const ASSISTANT_INSTRUCTIONS = [
  'You are Jobhound, a job-search assistant. You answer directly when you can (greetings, what you can do) and delegate everything else to the specialist that owns it:',
  ...SPECIALIST_KEYS.map((key) => `- ${delegationToolName(key)}: ${SPECIALISTS[key].description}`),
  "Pass the user's request to the specialist in your own words, with every detail the user gave (names, ids, filters).",
  'Then answer the user from what the specialist returned.',
  SHARED_RULES,
].join('\n');

/** Mastra's logger interface over our pino logger (Mastra logs errors we also report). */
class PinoMastraLogger extends MastraLogger {
  readonly #pino: Logger;
  constructor(pino: Logger) {
    super({ name: 'mastra' });
    this.#pino = pino;
  }
  debug(message: string, ...args: unknown[]): void {
    this.#pino.debug({ args }, message);
  }
  info(message: string, ...args: unknown[]): void {
    this.#pino.debug({ args }, message);
  }
  warn(message: string, ...args: unknown[]): void {
    this.#pino.warn({ args }, message);
  }
  error(message: string, ...args: unknown[]): void {
    // The chat service reports the same failure to the caller and logs it once.
    this.#pino.debug({ args }, message);
  }
}

type JsonSchemaConverter = Partial<Record<'input' | 'output', (options?: unknown) => unknown>>;

const functionIds = new WeakMap<object, number>();
let nextFunctionId = 1;
const idOf = (fn: object) => {
  if (!functionIds.has(fn)) functionIds.set(fn, nextFunctionId++);
  return functionIds.get(fn)!;
};

/**
 * Mastra turns every tool's input and output schema into JSON Schema again on every model call.
 * The schemas never change, so each conversion is remembered per schema and options; Mastra
 * copies the result it is given.
 */
export function rememberJsonSchema(schema: unknown): void {
  const standard = (schema as { '~standard'?: { jsonSchema?: JsonSchemaConverter } } | undefined)?.[
    '~standard'
  ];
  const converter = standard?.jsonSchema;
  if (!converter || Object.isFrozen(converter) || (converter as { remembered?: true }).remembered) return;
  for (const io of ['input', 'output'] as const) {
    const convert = converter[io];
    if (typeof convert !== 'function') continue;
    const cache = new Map<string, unknown>();
    converter[io] = (options?: unknown) => {
      const key = JSON.stringify(options ?? null, (_k, v: unknown) =>
        typeof v === 'function' ? `fn#${idOf(v)}` : v,
      );
      if (!cache.has(key)) cache.set(key, convert(options));
      return cache.get(key);
    };
  }
  Object.assign(converter, { remembered: true });
}

/** Remembers the JSON Schema of each tool's input and output schema. */
function rememberToolSchemas(tools: Record<string, { inputSchema?: unknown; outputSchema?: unknown }>) {
  for (const tool of Object.values(tools)) {
    rememberJsonSchema(tool.inputSchema);
    rememberJsonSchema(tool.outputSchema);
  }
}

export interface JobhoundAgents {
  assistant: Agent;
  specialists: Record<SpecialistKey, Agent>;
}

export interface AgentsDeps {
  registry: ToolRegistry;
  models: AgentModels;
  logger: Logger;
  /** Tools from outside the registry (external MCP servers), per specialist. */
  extraTools?: Partial<Record<SpecialistKey, Record<string, ReturnType<typeof createTool>>>>;
}

/** Builds the assistant and its specialists; each specialist gets only its own tools. */
export function createAgents(deps: AgentsDeps): JobhoundAgents {
  const logger = deps.logger.child({ component: 'agents' });
  const mastraLogger = new PinoMastraLogger(logger);
  const maxSteps = MAX_TOOL_ROUNDS + 1;
  const specialists = Object.fromEntries(
    SPECIALIST_KEYS.map((key) => {
      const tools = { ...toolsFor(key, deps.registry, { logger }), ...(deps.extraTools?.[key] ?? {}) };
      const agent = new Agent({
        id: key,
        name: key,
        description: SPECIALISTS[key].description,
        instructions: `${SPECIALISTS[key].instructions}\n${SHARED_RULES}`,
        model: toMastraModel(deps.models.modelFor(key)),
        tools,
        defaultOptions: { maxSteps },
      });
      agent.__setLogger(mastraLogger);
      rememberToolSchemas(tools);
      return [key, agent];
    }),
  ) as Record<SpecialistKey, Agent>;
  const delegation = Object.fromEntries(
    SPECIALIST_KEYS.map((key) => [
      delegationToolName(key),
      createDelegationTool(key, specialists[key], { description: SPECIALISTS[key].description, maxSteps }),
    ]),
  );
  const assistant = new Agent({
    id: 'assistant',
    name: 'assistant',
    description: 'The Jobhound assistant: answers directly or delegates to a specialist.',
    instructions: ASSISTANT_INSTRUCTIONS,
    model: toMastraModel(deps.models.modelFor('assistant')),
    tools: delegation,
    defaultOptions: { maxSteps },
  });
  assistant.__setLogger(mastraLogger);
  rememberToolSchemas(delegation);
  return { assistant, specialists };
}
