// Politeness and resource limits for outgoing requests: at most globalConcurrency tasks run at once,
// at most perHostConcurrency per host, and starts to the same host are spaced by the host's delay.
// Tasks wait in one FIFO queue and are started by events (a task finishing, a delay elapsing), so
// nothing polls; a task held back by its host's limits does not block tasks for other hosts.

export type Sleep = (ms: number) => Promise<void>;

export interface HostSchedulerOptions {
  globalConcurrency: number;
  perHostConcurrency: number;
  /** Minimum time between the starts of two tasks for the same host. */
  perHostDelayMs: number;
  sleep?: Sleep;
}

export interface HostScheduler {
  run<T>(host: string, fn: () => Promise<T>): Promise<T>;
  /** Raises one host's delay (e.g. from robots.txt Crawl-delay); the larger of this and perHostDelayMs applies. */
  setMinDelay(host: string, ms: number): void;
  /** Rejects queued tasks with `reason` and refuses new ones; running tasks are left to finish. */
  close(reason: Error): void;
}

interface HostState {
  active: number;
  queued: number;
  /** False while the host's delay since the last start has not elapsed. */
  ready: boolean;
}

interface Task {
  host: string;
  start: () => Promise<void>;
  reject: (reason: Error) => void;
}

export const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function requireCount(name: string, value: number, min: number): void {
  if (!Number.isFinite(value) || value < min || (min >= 1 && !Number.isInteger(value))) {
    throw new RangeError(
      `${name} must be ${min >= 1 ? `an integer >= ${min}` : 'a number >= 0'}, got ${value}`,
    );
  }
}

export function createHostScheduler(options: HostSchedulerOptions): HostScheduler {
  const { globalConcurrency, perHostConcurrency, perHostDelayMs } = options;
  requireCount('globalConcurrency', globalConcurrency, 1);
  requireCount('perHostConcurrency', perHostConcurrency, 1);
  requireCount('perHostDelayMs', perHostDelayMs, 0);
  const sleep = options.sleep ?? defaultSleep;

  const queue: Task[] = [];
  const hosts = new Map<string, HostState>();
  const extraDelays = new Map<string, number>();
  let active = 0;
  let closedWith: Error | undefined;

  function stateOf(host: string): HostState {
    let state = hosts.get(host);
    if (!state) {
      state = { active: 0, queued: 0, ready: true };
      hosts.set(host, state);
    }
    return state;
  }

  function forgetIfIdle(host: string, state: HostState): void {
    if (state.active === 0 && state.queued === 0 && state.ready) hosts.delete(host);
  }

  function launch(task: Task, state: HostState): void {
    active++;
    state.active++;
    state.queued--;
    const delay = Math.max(perHostDelayMs, extraDelays.get(task.host) ?? 0);
    if (delay > 0) {
      state.ready = false;
      const reopen = () => {
        state.ready = true;
        forgetIfIdle(task.host, state);
        pump();
      };
      sleep(delay).then(reopen, reopen);
    }
    task.start().finally(() => {
      active--;
      state.active--;
      forgetIfIdle(task.host, state);
      pump();
    });
  }

  function pump(): void {
    let i = 0;
    while (i < queue.length && active < globalConcurrency) {
      const task = queue[i]!;
      const state = stateOf(task.host);
      if (state.active >= perHostConcurrency || !state.ready) {
        i++;
        continue;
      }
      queue.splice(i, 1);
      launch(task, state);
    }
  }

  return {
    run<T>(host: string, fn: () => Promise<T>): Promise<T> {
      if (closedWith) return Promise.reject(closedWith);
      return new Promise<T>((resolve, reject) => {
        const start = () => Promise.resolve().then(fn).then(resolve, reject);
        queue.push({ host, start, reject });
        stateOf(host).queued++;
        pump();
      });
    },
    setMinDelay(host, ms) {
      requireCount('delay', ms, 0);
      extraDelays.set(host, ms);
    },
    close(reason) {
      closedWith = reason;
      for (const task of queue.splice(0)) task.reject(reason);
      hosts.clear();
    },
  };
}
