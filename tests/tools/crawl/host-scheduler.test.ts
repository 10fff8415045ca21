import { afterEach, describe, expect, it } from 'vitest';
import { createHostScheduler } from '../../../tools/crawl/host-scheduler.ts';
import { createFetcher } from '../../../tools/crawl/safe-fetch.ts';
import {
  delay,
  newInFlightCounter,
  type RouteHandler,
  startTestServer,
  type TestServer,
} from '../../fixtures/http-server.ts';

/** A task that records how many tasks overlap it, per host and overall. */
function tracker() {
  const perHost = new Map<string, number>();
  const state = {
    current: 0,
    max: 0,
    maxPerHost: new Map<string, number>(),
    starts: [] as [string, number][],
  };
  const task = (host: string, ms: number) => async () => {
    state.starts.push([host, performance.now()]);
    state.current++;
    state.max = Math.max(state.max, state.current);
    const now = (perHost.get(host) ?? 0) + 1;
    perHost.set(host, now);
    state.maxPerHost.set(host, Math.max(state.maxPerHost.get(host) ?? 0, now));
    await delay(ms);
    perHost.set(host, (perHost.get(host) ?? 1) - 1);
    state.current--;
    return host;
  };
  return { state, task };
}

describe('createHostScheduler', () => {
  it('never runs more than globalConcurrency tasks at once', async () => {
    const scheduler = createHostScheduler({
      globalConcurrency: 3,
      perHostConcurrency: 10,
      perHostDelayMs: 0,
    });
    const { state, task } = tracker();
    const hosts = ['a', 'b', 'c', 'd', 'e'];
    await Promise.all(
      Array.from({ length: 15 }, (_, i) => scheduler.run(hosts[i % 5]!, task(hosts[i % 5]!, 10))),
    );
    expect(state.max).toBe(3);
  });

  it('never runs more than perHostConcurrency tasks for one host while other hosts proceed', async () => {
    const scheduler = createHostScheduler({
      globalConcurrency: 10,
      perHostConcurrency: 2,
      perHostDelayMs: 0,
    });
    const { state, task } = tracker();
    const runs = [];
    for (let i = 0; i < 6; i++) runs.push(scheduler.run('slow', task('slow', 20)));
    for (let i = 0; i < 4; i++) runs.push(scheduler.run('other', task('other', 5)));
    await Promise.all(runs);
    expect(state.maxPerHost.get('slow')).toBe(2);
    expect(state.max).toBe(4);
  });

  it('spaces the starts of tasks for the same host by the delay, but not across hosts', async () => {
    const scheduler = createHostScheduler({
      globalConcurrency: 10,
      perHostConcurrency: 10,
      perHostDelayMs: 60,
    });
    const { state, task } = tracker();
    await Promise.all([
      scheduler.run('a', task('a', 1)),
      scheduler.run('a', task('a', 1)),
      scheduler.run('a', task('a', 1)),
      scheduler.run('b', task('b', 1)),
    ]);
    const startsOf = (host: string) => state.starts.filter(([h]) => h === host).map(([, t]) => t);
    const a = startsOf('a');
    expect(a[1]! - a[0]!).toBeGreaterThanOrEqual(55);
    expect(a[2]! - a[1]!).toBeGreaterThanOrEqual(55);
    expect(startsOf('b')[0]! - a[0]!).toBeLessThan(40);
  });

  it('uses a raised per-host delay and the injected sleep to wait for it', async () => {
    const sleeps: number[] = [];
    const scheduler = createHostScheduler({
      globalConcurrency: 4,
      perHostConcurrency: 4,
      perHostDelayMs: 10,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    scheduler.setMinDelay('slow.example', 2000);
    await Promise.all([
      scheduler.run('slow.example', async () => 1),
      scheduler.run('fast.example', async () => 2),
    ]);
    expect(sleeps.sort((x, y) => x - y)).toEqual([10, 2000]);
  });

  it('passes results and errors through and frees the slot after a failure', async () => {
    const scheduler = createHostScheduler({ globalConcurrency: 1, perHostConcurrency: 1, perHostDelayMs: 0 });
    const failed = scheduler.run('h', async () => {
      throw new Error('boom');
    });
    const next = scheduler.run('h', async () => 'after');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
  });

  it('rejects queued tasks when closed and refuses new ones', async () => {
    const scheduler = createHostScheduler({ globalConcurrency: 1, perHostConcurrency: 1, perHostDelayMs: 0 });
    const running = scheduler.run('h', () => delay(20).then(() => 'done'));
    const queued = scheduler.run('h', async () => 'never');
    scheduler.close(new Error('closed'));
    await expect(queued).rejects.toThrow('closed');
    await expect(running).resolves.toBe('done');
    await expect(scheduler.run('h', async () => 1)).rejects.toThrow('closed');
  });

  it('rejects nonsensical limits with the option name', () => {
    expect(() =>
      createHostScheduler({ globalConcurrency: 0, perHostConcurrency: 1, perHostDelayMs: 0 }),
    ).toThrow(/globalConcurrency/);
    expect(() =>
      createHostScheduler({ globalConcurrency: 1, perHostConcurrency: 1.5, perHostDelayMs: 0 }),
    ).toThrow(/perHostConcurrency/);
  });
});

describe('fetcher concurrency at the server', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  const slowPage: RouteHandler = async (_req, res) => {
    await delay(40);
    res.end('ok');
  };

  it('keeps at most perHostConcurrency requests in flight at one host', async () => {
    const server = await startTestServer({ '/page': slowPage });
    servers.push(server);
    const fetcher = createFetcher({ allowHosts: ['127.0.0.1'], respectRobots: false, perHostConcurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => fetcher.fetchText(`${server.url}/page?i=${i}`)));
    expect(server.hits('/page')).toHaveLength(8);
    expect(server.inFlight.max).toBe(2);
  });

  it('keeps at most globalConcurrency requests in flight across hosts', async () => {
    const shared = newInFlightCounter();
    for (let i = 0; i < 3; i++)
      servers.push(await startTestServer({ '/page': slowPage }, { inFlight: shared }));
    const fetcher = createFetcher({
      allowHosts: ['127.0.0.1'],
      respectRobots: false,
      globalConcurrency: 3,
      perHostConcurrency: 2,
    });
    const urls = servers.flatMap((s) => Array.from({ length: 4 }, (_, i) => `${s.url}/page?i=${i}`));
    await Promise.all(urls.map((u) => fetcher.fetchText(u)));
    expect(shared.max).toBe(3);
    expect(servers.reduce((n, s) => n + s.hits('/page').length, 0)).toBe(12);
  });
});
