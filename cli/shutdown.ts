import type { Logger } from '../config/logger.ts';

export const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * Resolves once SIGINT/SIGTERM arrived and `stop` finished. Running tasks get the time that is
 * left to finish; whatever is still active after the deadline goes back to the queue when its
 * lease expires, so exiting is safe.
 */
export function onShutdown(logger: Logger, stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const handler = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      const deadline = setTimeout(() => {
        logger.error('shutdown took longer than 10 s; exiting anyway');
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS);
      deadline.unref();
      stop()
        .catch((error) => logger.error({ err: error }, 'error during shutdown'))
        .finally(() => {
          clearTimeout(deadline);
          process.off('SIGINT', handler);
          process.off('SIGTERM', handler);
          resolve();
        });
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}
