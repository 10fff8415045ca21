import type { Config } from '../../config/config.ts';
import type { Logger } from '../../config/logger.ts';
import type { DbHandle } from '../../db/client.ts';
import type { AnyTask } from '../registry.ts';

export interface TaskDeps {
  config: Config;
  logger: Logger;
  handle: DbHandle;
}

/** Every task kind Jobhound runs; features add theirs here. */
export function createTasks(_deps: TaskDeps): AnyTask[] {
  return [];
}
