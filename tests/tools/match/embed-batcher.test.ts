import { describe, expect, it } from 'vitest';
import { createEmbedBatcher } from '../../../tools/match/embed-batcher.ts';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the embed batcher', () => {
  it('sends the ids of many pages as one task after a short wait, without duplicates', async () => {
    const sent: string[][] = [];
    const batcher = createEmbedBatcher(async (ids) => void sent.push(ids), { delayMs: 30 });
    await batcher.add(['a', 'b']);
    await batcher.add(['b', 'c']);
    expect(sent).toEqual([]);
    await wait(60);
    expect(sent).toEqual([['a', 'b', 'c']]);
  });

  it('sends at once when a batch is full, in chunks of the maximum', async () => {
    const sent: string[][] = [];
    const batcher = createEmbedBatcher(async (ids) => void sent.push(ids), { maxIds: 2, delayMs: 10_000 });
    await batcher.add(['a', 'b', 'c']);
    expect(sent).toEqual([['a', 'b'], ['c']]);
  });

  it('sends what waits on flush, and nothing when nothing waits', async () => {
    const sent: string[][] = [];
    const batcher = createEmbedBatcher(async (ids) => void sent.push(ids), { delayMs: 10_000 });
    await batcher.flush();
    await batcher.add(['x']);
    await batcher.flush();
    expect(sent).toEqual([['x']]);
  });

  it('reports a failed send instead of throwing from a timer', async () => {
    const errors: unknown[] = [];
    const batcher = createEmbedBatcher(
      async () => {
        throw new Error('queue down');
      },
      { delayMs: 5, onError: (e) => errors.push(e) },
    );
    await batcher.add(['a']);
    await wait(30);
    expect(errors).toHaveLength(1);
  });
});
