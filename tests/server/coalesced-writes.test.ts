import { describe, expect, it } from 'vitest';
import { coalescedWrites } from '../../server/chat.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SSE events written together', () => {
  it('sends what one turn of the event loop produced as one piece, and later events as they come', async () => {
    const stream = coalescedWrites();
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    void writer.write('data: a\n\n');
    void writer.write('data: b\n\n');
    expect(await reader.read()).toEqual({ done: false, value: 'data: a\n\ndata: b\n\n' });
    await tick();
    void writer.write('data: c\n\n');
    expect(await reader.read()).toEqual({ done: false, value: 'data: c\n\n' });
    void writer.write('data: d\n\n');
    void writer.close();
    expect(await reader.read()).toEqual({ done: false, value: 'data: d\n\n' });
    expect((await reader.read()).done).toBe(true);
  });

  it('drops what is left when the client has gone, without throwing', async () => {
    const stream = coalescedWrites();
    const writer = stream.writable.getWriter();
    void writer.write('data: a\n\n').catch(() => {});
    await stream.readable.cancel(new Error('client gone'));
    await tick();
    await tick();
    await expect(writer.write('data: b\n\n')).rejects.toThrow('client gone');
  });
});
