import { createTool } from '@mastra/core/tools';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rememberJsonSchema } from '../../agents/agents.ts';

type Converter = Record<'input' | 'output', (options?: unknown) => unknown>;
const converterOf = (schema: unknown) =>
  (schema as { '~standard': { jsonSchema: Converter } })['~standard'].jsonSchema;

describe('tool schemas under Mastra', () => {
  it('converts a tool schema to JSON Schema once and gives the same JSON Schema after', () => {
    const tool = createTool({
      id: 'search_matches',
      description: 'Jobs ranked for you.',
      inputSchema: z.object({
        remote: z.enum(['remote', 'hybrid', 'onsite']).optional(),
        limit: z.number().int().min(1).max(50).default(10),
      }),
      execute: async () => ({ matches: [] }),
    });
    const converter = converterOf(tool.inputSchema);
    const original = converter.input;
    let conversions = 0;
    converter.input = (options) => {
      conversions++;
      return original(options);
    };
    const fresh = JSON.stringify(original({ target: 'draft-07' }));
    rememberJsonSchema(tool.inputSchema);
    rememberJsonSchema(tool.inputSchema); // a second call wraps nothing again
    const override = () => undefined;
    const first = converter.input({ target: 'draft-07', libraryOptions: { override } });
    const second = converter.input({ target: 'draft-07', libraryOptions: { override } });
    expect(second).toBe(first);
    expect(conversions).toBe(1);
    expect(JSON.stringify(converter.input({ target: 'draft-07' }))).toBe(fresh);
    expect(conversions).toBe(2); // other options are converted (and remembered) on their own
    // A different override function is a different conversion.
    converter.input({ target: 'draft-07', libraryOptions: { override: () => undefined } });
    expect(conversions).toBe(3);
  });
});
