import { createLogger } from '../config/logger.ts';
import type { CliContext } from './context.ts';
import { createRuntime, type Runtime } from './runtime.ts';

/** Opens the runtime for one CLI command, acting as the local user, and always closes it. */
export async function withLocalRuntime<T>(
  context: CliContext,
  fn: (runtime: Runtime, userId: string) => Promise<T>,
): Promise<T> {
  const config = context.config();
  const level = config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
  const runtime = await createRuntime(config, createLogger({ LOG_LEVEL: level }), { schedule: false });
  try {
    return await fn(runtime, await runtime.services.accounts.localUser());
  } finally {
    await runtime.close();
  }
}
