import type { z } from 'zod';
import type { Logger } from '../config/logger.ts';

/** Retry, expiry and de-duplication policy of one task kind. */
export interface TaskPolicy<P> {
  /** Attempts after the first one before the task is dead-lettered. */
  retryLimit: number;
  /** Seconds before the first retry; doubled each retry when retryBackoff is on. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** An attempt still active after this long is assumed dead and retried. */
  expireInSeconds: number;
  /**
   * Workers refresh a heartbeat this often (÷2); a task whose worker died is retried once it is
   * missed, long before expireInSeconds. At least 10 (pg-boss's minimum); unset = off.
   */
  heartbeatSeconds?: number;
  /** With queuePolicy 'exclusive': at most one queued-or-active task per key ("one digest per user per day"). */
  singletonKey?: (payload: P) => string | undefined;
  /** pg-boss queue policy; fixed when the queue is first created. */
  queuePolicy: 'standard' | 'short' | 'singleton' | 'stately' | 'exclusive';
  /** Tasks fetched per poll, and how many run at once in one worker process. */
  batchSize: number;
  concurrency: number;
}

export interface TaskContext {
  taskId: string;
  /** 0 on the first delivery. */
  retryCount: number;
  signal: AbortSignal;
  logger: Logger;
  /** Records done/total and a message that any surface can read while the task runs. */
  progress(done: number, total?: number | null, message?: string): Promise<void>;
}

export interface TaskDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  policy: TaskPolicy<z.infer<S>>;
  /** Must be idempotent: delivery is at least once. */
  handler(payload: z.infer<S>, context: TaskContext): Promise<unknown>;
}

export const DEFAULT_POLICY: TaskPolicy<unknown> = {
  retryLimit: 3,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
  queuePolicy: 'standard',
  batchSize: 10,
  concurrency: 2,
};

export function defineTask<S extends z.ZodType>(definition: {
  name: string;
  schema: S;
  policy?: Partial<TaskPolicy<z.infer<S>>>;
  handler: TaskDefinition<S>['handler'];
}): TaskDefinition<S> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) {
    throw new Error(`task name '${definition.name}' must be kebab-case`);
  }
  return { ...definition, policy: { ...DEFAULT_POLICY, ...definition.policy } };
}

export type AnyTask = TaskDefinition<z.ZodType>;

export class TaskRegistry {
  readonly #tasks = new Map<string, AnyTask>();

  constructor(tasks: AnyTask[] = []) {
    for (const task of tasks) this.add(task);
  }

  add(task: AnyTask): this {
    if (this.#tasks.has(task.name)) throw new Error(`task '${task.name}' is registered twice`);
    this.#tasks.set(task.name, task);
    return this;
  }

  get(name: string): AnyTask | undefined {
    return this.#tasks.get(name);
  }

  require(name: string): AnyTask {
    const task = this.#tasks.get(name);
    if (!task) throw new UnknownTaskError(name, [...this.#tasks.keys()]);
    return task;
  }

  list(): AnyTask[] {
    return [...this.#tasks.values()];
  }
}

export class UnknownTaskError extends Error {
  constructor(name: string, known: string[]) {
    super(`unknown task kind '${name}' (known: ${known.join(', ') || 'none'})`);
    this.name = 'UnknownTaskError';
  }
}

export class TaskPayloadError extends Error {
  readonly issues: z.core.$ZodIssue[];
  constructor(task: string, error: z.ZodError) {
    const detail = error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
    super(`invalid payload for task '${task}': ${detail}`);
    this.name = 'TaskPayloadError';
    this.issues = error.issues;
  }
}

export const deadLetterName = (task: string) => `${task}--dead`;
