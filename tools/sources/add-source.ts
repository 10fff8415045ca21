import { z } from 'zod';
import { defineTool, ToolInputError } from '../tool.ts';
import { SourceSpecError } from './errors.ts';
import type { SourceStore } from './store.ts';

export const sourceViewSchema = z.object({
  id: z.string(),
  spec: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  lastCrawledAt: z.string().nullable(),
  lastStatus: z.string().nullable(),
  lastError: z.string().nullable(),
});

export function toSourceView(row: {
  id: string;
  spec: string;
  kind: string;
  enabled: boolean;
  lastCrawledAt: Date | null;
  lastStatus: string | null;
  lastError: string | null;
}) {
  return {
    id: row.id,
    spec: row.spec,
    kind: row.kind,
    enabled: row.enabled,
    lastCrawledAt: row.lastCrawledAt?.toISOString() ?? null,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
  };
}

export function createAddSourceTool(deps: { sources: SourceStore }) {
  return defineTool({
    id: 'add_source',
    title: 'Add a job source',
    description:
      'Add a job source to crawl: greenhouse:<board>, lever:<site>, ashby:<org>, workable:<account>, smartrecruiters:<company>, recruitee:<company>, personio:<company>, or the URL of a career page, job page or sitemap.',
    inputSchema: z.object({
      spec: z.string().min(1).max(2000).describe('e.g. greenhouse:acme or https://acme.com/careers'),
    }),
    outputSchema: sourceViewSchema.extend({ created: z.boolean() }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async execute({ spec }, context) {
      try {
        const { source, created } = await deps.sources.add(spec, context.userId);
        return { ...toSourceView(source), created };
      } catch (error) {
        if (error instanceof SourceSpecError) throw new ToolInputError(error.message, 'spec');
        throw error;
      }
    },
    render: (s) => (s.created ? `Added ${s.spec}.` : `${s.spec} was already a source.`),
  });
}
