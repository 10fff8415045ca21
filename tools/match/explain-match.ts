import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { defineTool } from '../tool.ts';
import { matchViewSchema, renderMatch, toMatchViews } from './match-view.ts';
import type { Matcher } from './matcher.ts';

export function createExplainMatchTool(deps: { db: Database; matcher: Matcher }) {
  return defineTool({
    id: 'explain_match',
    title: 'Explain a match',
    description:
      'Why a job scores what it does for you: each score component with its weight, matched and missing skills, and dealbreakers.',
    inputSchema: z.object({ jobId: z.string().uuid().describe('the job id') }),
    outputSchema: matchViewSchema,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async execute({ jobId }, context) {
      const ranked = await deps.matcher.explain(context.userId, jobId);
      const [view] = await toMatchViews(deps.db, [ranked]);
      return view!;
    },
    render: (m) => {
      const parts = Object.entries(m.components)
        .sort(([, a], [, b]) => b.weight - a.weight)
        .map(
          ([name, c]) =>
            `   ${name}: ${Math.round(c.value * 100)}% (weight ${Math.round(c.weight * 100)}%) — ${c.note}`,
        );
      const missing = [...m.reasons.missingSkills.required, ...m.reasons.missingSkills.preferred];
      return [
        renderMatch(m),
        ...parts,
        `   matched skills: ${m.reasons.matchedSkills.join(', ') || 'none'}`,
        `   missing skills: ${missing.join(', ') || 'none'}`,
      ].join('\n');
    },
  });
}
