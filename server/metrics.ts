import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueCounts } from '../queue/manager.ts';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  taskDuration: Histogram<'kind' | 'outcome'>;
  taskTotal: Counter<'kind' | 'outcome'>;
  /** Hook for the worker runner. */
  onTaskFinished(kind: string, outcome: 'completed' | 'failed', seconds: number): void;
}

/** One registry per process (no global default), so tests build as many as they like. */
export function createMetrics(deps: { queueCounts?: () => Promise<QueueCounts[]> } = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'jobhound_' });
  const httpDuration = new Histogram({
    name: 'jobhound_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const taskDuration = new Histogram({
    name: 'jobhound_task_duration_seconds',
    help: 'Queue task duration by kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [registry],
  });
  const taskTotal = new Counter({
    name: 'jobhound_tasks_total',
    help: 'Queue tasks finished by kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const queueCounts = deps.queueCounts;
  new Gauge({
    name: 'jobhound_queue_depth',
    help: 'Tasks waiting, running and dead-lettered per kind',
    labelNames: ['kind', 'state'] as const,
    registers: [registry],
    async collect() {
      if (!queueCounts) return;
      this.reset();
      try {
        for (const c of await queueCounts()) {
          this.set({ kind: c.kind, state: 'queued' }, c.queued);
          this.set({ kind: c.kind, state: 'active' }, c.active);
          this.set({ kind: c.kind, state: 'dead' }, c.deadLettered);
        }
      } catch {
        // A scrape must not fail because the queue is down; /health reports that.
      }
    },
  });
  return {
    registry,
    httpDuration,
    taskDuration,
    taskTotal,
    onTaskFinished(kind, outcome, seconds) {
      taskDuration.observe({ kind, outcome }, seconds);
      taskTotal.inc({ kind, outcome });
    },
  };
}
