/**
 * Gathers the ids of new and changed jobs from many crawl pages into few embed tasks: one task per
 * batch instead of one per page, so embedding and the per-user match refresh run on hundreds of
 * jobs at a time. Ids not yet flushed when a process dies are not lost: the start-up sweep embeds
 * every job that has no vector.
 */
export interface EmbedBatcher {
  add(jobIds: readonly string[]): Promise<void>;
  /** Sends what is waiting now (called on shutdown). */
  flush(): Promise<void>;
}

export function createEmbedBatcher(
  send: (jobIds: string[]) => Promise<void>,
  options: { maxIds?: number; delayMs?: number; onError?: (error: unknown) => void } = {},
): EmbedBatcher {
  const maxIds = options.maxIds ?? 500;
  const delayMs = options.delayMs ?? 250;
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;

  async function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (pending.size === 0) return;
    const ids = [...pending];
    pending = new Set();
    for (let i = 0; i < ids.length; i += maxIds) await send(ids.slice(i, i + maxIds));
  }

  return {
    async add(jobIds) {
      for (const id of jobIds) pending.add(id);
      if (pending.size >= maxIds) {
        await flush();
        return;
      }
      if (!timer) {
        timer = setTimeout(() => {
          timer = null;
          flush().catch((error: unknown) => options.onError?.(error));
        }, delayMs);
        timer.unref();
      }
    },
    flush,
  };
}
