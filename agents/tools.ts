import { RequestContext } from '@mastra/core/request-context';
import { createTool } from '@mastra/core/tools';
import type { AgentKey } from '../config/config.ts';
import type { Logger } from '../config/logger.ts';
import { type AnyTool, callTool, ToolInputError, type ToolRegistry } from '../tools/tool.ts';
import { fenceToolOutput } from './untrusted-data.ts';

// Registry tools as Mastra tools. Who is calling comes from the request context the surface
// built, never from the model's arguments (the input schemas have no user field, and zod drops
// unknown keys).

/** Progress of a long tool (e.g. crawl pages done/total), reported while it runs. */
export interface ToolProgressEvent {
  agent: string;
  toolName: string;
  toolCallId: string | null;
  done: number;
  total: number | null;
  message: string | null;
}

/** What a surface knows about the caller of one chat turn. */
export interface CallContext {
  userId: string;
  onProgress?: (event: ToolProgressEvent) => void;
}

const CALL_CONTEXT_KEY = 'jobhound:call';

export function createCallRequestContext(call: CallContext): RequestContext {
  const context = new RequestContext();
  context.set(CALL_CONTEXT_KEY, call);
  return context;
}

/** The caller of the turn; a tool run without one is refused rather than run as anybody. */
export function callContextFrom(context: RequestContext | undefined): CallContext {
  const call = context?.get(CALL_CONTEXT_KEY) as CallContext | undefined;
  if (!call || typeof call.userId !== 'string' || call.userId === '') {
    throw new Error('no caller in the request context: a tool cannot run without a user');
  }
  return call;
}

/** The tools each specialist may use (least privilege; missing ones are skipped until they land). */
export const AGENT_TOOL_IDS: Record<Exclude<AgentKey, 'assistant'>, readonly string[]> = {
  researcher: ['company_profile', 'market_stats', 'read_page', 'search_jobs', 'get_job'],
  scraper: ['add_source', 'list_sources', 'crawl_source', 'crawl_status'],
  matcher: [
    'search_matches',
    'explain_match',
    'get_profile',
    'update_profile',
    'upload_resume',
    'list_resumes',
  ],
  atsReviewer: ['ats_review', 'tailor_resume', 'write_cover_letter'],
  // approve_application is the person's own act (a button, their MCP client): no agent holds it.
  applicant: [
    'prepare_application',
    'save_answers',
    'fill_application',
    'submit_application',
    'track_application',
    'list_applications',
    'get_application',
    'get_job',
  ],
};

/** A failed tool call as the model sees it: the reason, so it can fix its arguments or tell the user. */
export interface ToolFailure {
  error: true;
  message: string;
  field?: string;
}

export const isToolFailure = (value: unknown): value is ToolFailure =>
  typeof value === 'object' && value !== null && (value as { error?: unknown }).error === true;

/** Base64 payloads (a tailored resume's PDF) are for the user, not the model's context window. */
function omitBinary(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && /base64$/i.test(key))
    return `[${value.length} characters of base64 omitted]`;
  if (Array.isArray(value)) return value.map((v) => omitBinary(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, omitBinary(v, k)]));
  }
  return value;
}

export interface MastraToolDeps {
  logger: Logger;
}

/** One registry tool as a Mastra tool that runs through callTool (validation, output schema). */
export function toMastraTool(tool: AnyTool, agent: string, deps: MastraToolDeps) {
  return createTool({
    id: tool.id,
    description: tool.description,
    inputSchema: tool.inputSchema,
    // The model sees scraped text fenced as untrusted data; surfaces get the plain output.
    toModelOutput: (output: unknown) =>
      isToolFailure(output)
        ? { type: 'error-text', value: output.message }
        : { type: 'json', value: fenceToolOutput(tool.id, omitBinary(output)) },
    execute: async (input: unknown, context): Promise<unknown> => {
      const call = callContextFrom(context.requestContext);
      const toolCallId = context.agent?.toolCallId ?? null;
      try {
        return await callTool(tool, input, {
          userId: call.userId,
          ...(context.abortSignal ? { signal: context.abortSignal } : {}),
          onProgress: (update) =>
            call.onProgress?.({
              agent,
              toolName: tool.id,
              toolCallId,
              done: update.done,
              total: update.total ?? null,
              message: update.message ?? null,
            }),
        });
      } catch (error) {
        if (error instanceof ToolInputError) {
          return {
            error: true,
            message: error.message,
            ...(error.field ? { field: error.field } : {}),
          } satisfies ToolFailure;
        }
        deps.logger.error({ err: error, tool: tool.id, agent }, 'tool failed');
        return {
          error: true,
          message: `${tool.id} failed: ${error instanceof Error ? error.message : String(error)}`,
        } satisfies ToolFailure;
      }
    },
  });
}

export type MastraTool = ReturnType<typeof toMastraTool>;

/** The Mastra tools of one specialist, keyed by tool id, from what the registry holds now. */
export function toolsFor(
  agent: Exclude<AgentKey, 'assistant'>,
  registry: ToolRegistry,
  deps: MastraToolDeps,
): Record<string, MastraTool> {
  const tools: Record<string, MastraTool> = {};
  for (const id of AGENT_TOOL_IDS[agent]) {
    const tool = registry.get(id);
    if (tool) tools[id] = toMastraTool(tool, agent, deps);
  }
  return tools;
}
