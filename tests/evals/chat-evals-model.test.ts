import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { groundingSuite } from '../../evals/suites/grounding.ts';
import { routingSuite } from '../../evals/suites/routing.ts';

// With a real model configured, the chat evals talk to it: here an OpenAI-compatible server on
// loopback that answers every request in words and never calls a tool.

const datasets = join(import.meta.dirname, '../../evals/datasets');

let server: Server;
const seen: Array<{ model: string; tools: number }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const request = JSON.parse(body) as { model: string; tools?: unknown[] };
      seen.push({ model: request.model, tools: request.tools?.length ?? 0 });
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: `cmpl-${seen.length}`,
          object: 'chat.completion',
          created: 1_750_000_000,
          model: request.model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: 'I would rather not use any tools today.' },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 9, total_tokens: 19 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  vi.stubEnv('MODEL', 'openai/eval-probe');
  vi.stubEnv('OPENAI_BASE_URL', `http://127.0.0.1:${port}/v1`);
  vi.stubEnv('OPENAI_API_KEY', 'sk-eval');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('chat evals with a configured model', () => {
  it('routing asks the configured model, offering it the tools, and scores what it did', async () => {
    seen.length = 0;
    const result = await routingSuite.run(join(datasets, 'routing'));
    expect(result.model).toBe('openai/eval-probe');
    // Two runs per case: the specialist view and the supervisor view.
    expect(seen.length).toBe(2 * result.metrics.cases!);
    expect(seen.every((r) => r.model === 'eval-probe' && r.tools > 0)).toBe(true);
    // A model that never calls a tool gets only the no-tool cases right.
    expect(result.metrics.tool_accuracy).toBeLessThan(0.2);
    expect(result.metrics.out_of_scope_no_tool).toBe(1);
  });

  it('grounding scores the configured model’s answers', async () => {
    seen.length = 0;
    const result = await groundingSuite.run(join(datasets, 'grounding'));
    expect(result.model).toBe('openai/eval-probe');
    expect(seen.length).toBe(result.metrics.cases);
    // The probe's answer invents nothing but names none of the facts either.
    expect(result.metrics.grounded).toBe(1);
    expect(result.metrics.complete).toBe(0);
  });
});
