import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { SalaryToUsdYear } from '../jobs/store.ts';
import { remoteModeSchema, senioritySchema } from '../jobs/types.ts';
import { minSalarySchema } from '../profile/profile.ts';
import { defineTool, readOnly } from '../tool.ts';
import { matchViewSchema, renderMatch, toMatchViews } from './match-view.ts';
import type { Matcher } from './matcher.ts';

export const MAX_MATCHES = 50;

export function createSearchMatchesTool(deps: {
  db: Database;
  matcher: Matcher;
  toUsdYear: SalaryToUsdYear;
}) {
  return defineTool({
    id: 'search_matches',
    title: 'Find my best matches',
    description:
      'Jobs ranked for you against your active resume and profile, each with a 0–100 score and the reasons (matched and missing skills, dealbreakers). Optional query text and filters narrow the search for this call only.',
    inputSchema: z.object({
      query: z.string().max(500).optional().describe('extra words, e.g. "kubernetes platform"'),
      remote: remoteModeSchema.optional(),
      location: z.string().max(100).optional().describe('a city, region or country'),
      minSalary: minSalarySchema.optional(),
      seniority: z.array(senioritySchema).optional(),
      limit: z.number().int().min(1).max(MAX_MATCHES).default(10),
    }),
    outputSchema: z.object({ matches: z.array(matchViewSchema) }),
    annotations: readOnly,
    async execute(input, context) {
      const minSalaryUsdYear = input.minSalary
        ? deps.toUsdYear(input.minSalary.amount, input.minSalary.currency, input.minSalary.period)
        : undefined;
      const ranked = await deps.matcher.rank(context.userId, {
        limit: input.limit,
        query: input.query,
        overrides: {
          ...(input.remote ? { remote: input.remote } : {}),
          ...(input.location ? { locations: [input.location] } : {}),
          ...(input.seniority ? { seniority: input.seniority } : {}),
          ...(minSalaryUsdYear ? { minSalaryUsdYear } : {}),
        },
      });
      return { matches: await toMatchViews(deps.db, ranked) };
    },
    render: (out) =>
      out.matches.length === 0
        ? 'No matching jobs yet. Add sources and crawl them, or loosen your filters.'
        : out.matches.map((m, i) => renderMatch(m, i)).join('\n'),
  });
}
