import { z } from 'zod';

/**
 * Who is calling and how to report back. Identity always comes from the surface (API token,
 * Telegram chat, MCP session), never from a tool's arguments.
 */
export interface ToolCallContext {
  userId: string;
  signal?: AbortSignal;
  /** Long tools report progress here (MCP progress notifications, Telegram edits, chat stream). */
  onProgress?: (update: { done: number; total?: number | null; message?: string }) => void;
}

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** snake_case, the same name on every surface. */
  id: string;
  title: string;
  description: string;
  inputSchema: I;
  outputSchema: O;
  annotations: ToolAnnotations;
  execute(input: z.infer<I>, context: ToolCallContext): Promise<z.infer<O>>;
  /** A short readable rendering of the output for chat and MCP text content. */
  render?(output: z.infer<O>): string;
}

export type AnyTool = ToolDefinition<z.ZodType, z.ZodType>;

export function defineTool<I extends z.ZodType, O extends z.ZodType>(
  tool: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  if (!/^[a-z][a-z0-9_]*$/.test(tool.id)) throw new Error(`tool id '${tool.id}' must be snake_case`);
  return tool;
}

/** A failure the caller caused (bad argument, unknown id): shown to the user as is. */
export class ToolInputError extends Error {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'ToolInputError';
    this.field = field;
  }
}

export class NotFoundError extends ToolInputError {
  constructor(what: string, id: string, field?: string) {
    super(`${what} '${id}' was not found`, field);
    this.name = 'NotFoundError';
  }
}

/** Validates raw arguments with the tool's schema; errors name the field and the reason. */
export function parseToolInput<I extends z.ZodType>(
  tool: ToolDefinition<I, z.ZodType>,
  raw: unknown,
): z.infer<I> {
  const result = tool.inputSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || undefined;
  const detail = result.error.issues
    .map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`)
    .join('; ');
  throw new ToolInputError(`invalid arguments for ${tool.id}: ${detail}`, field);
}

/** Runs a tool from untrusted arguments (MCP, REST, a model's tool call). */
export async function callTool(tool: AnyTool, raw: unknown, context: ToolCallContext): Promise<unknown> {
  const input = parseToolInput(tool, raw);
  const output = await tool.execute(input, context);
  return tool.outputSchema.parse(output);
}

export class ToolRegistry {
  readonly #tools = new Map<string, AnyTool>();
  constructor(tools: AnyTool[]) {
    for (const tool of tools) {
      if (this.#tools.has(tool.id)) throw new Error(`tool '${tool.id}' is registered twice`);
      this.#tools.set(tool.id, tool);
    }
  }
  get(id: string): AnyTool | undefined {
    return this.#tools.get(id);
  }
  require(id: string): AnyTool {
    const tool = this.#tools.get(id);
    if (!tool)
      throw new ToolInputError(`unknown tool '${id}' (known: ${[...this.#tools.keys()].join(', ')})`);
    return tool;
  }
  list(): AnyTool[] {
    return [...this.#tools.values()];
  }
  pick(ids: string[]): AnyTool[] {
    return ids.map((id) => this.require(id));
  }
}

export const readOnly: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

export { z };
