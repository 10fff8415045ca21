import { z } from 'zod';
import { defineTool, readOnly } from '../tool.ts';
import { sourceViewSchema, toSourceView } from './add-source.ts';
import type { SourceStore } from './store.ts';

export function createListSourcesTool(deps: { sources: SourceStore }) {
  return defineTool({
    id: 'list_sources',
    title: 'List job sources',
    description: 'Every job source Jobhound crawls, with its open job count and how its last crawl went.',
    inputSchema: z.object({}),
    outputSchema: z.object({ sources: z.array(sourceViewSchema.extend({ openJobs: z.number() })) }),
    annotations: readOnly,
    async execute() {
      const rows = await deps.sources.list();
      return { sources: rows.map((r) => ({ ...toSourceView(r), openJobs: r.jobCount })) };
    },
    render: (out) =>
      out.sources.length === 0
        ? 'No sources yet. Add one with add_source (e.g. greenhouse:acme).'
        : out.sources
            .map(
              (s) =>
                `${s.spec} — ${s.openJobs} open jobs, last crawl ${s.lastCrawledAt ?? 'never'}${s.lastStatus ? ` (${s.lastStatus})` : ''}${s.lastError ? `: ${s.lastError}` : ''}`,
            )
            .join('\n'),
  });
}
