import { z } from 'zod';
import type { Config } from '../../config/config.ts';
import type { Database } from '../../db/client.ts';
import { createAnalysisCache } from '../analysis-cache.ts';
import type { SkillExtractor } from '../skills/extract.ts';
import { defineTool } from '../tool.ts';
import { COVER_LETTER_PROMPT_VERSION } from './cache.ts';
import { type CoverLetterOptions, writeCoverLetter } from './cover-letter.ts';
import { reviewDeterministic } from './review.ts';
import { jobChoice, loadSubjects, refineChoice, resumeChoice } from './review-tool-input.ts';
import { gapsSchema, removedClaimSchema } from './tailor-resume.ts';

const letterSchema = z.object({
  markdown: z.string(),
  emphasised: z.array(z.string()),
  gaps: gapsSchema,
  removed: z.array(removedClaimSchema).describe('claims the faithfulness guard stripped, and why'),
  job: z.object({ title: z.string(), company: z.string().nullable() }),
  cached: z.boolean(),
});
type Letter = z.infer<typeof letterSchema>;

export function createWriteCoverLetterTool(deps: {
  db: Database;
  skills: SkillExtractor;
  config: Config;
  /** The model seam for rewriting; absent, the letter is template-only. Either way the guard runs. */
  rewrite?: CoverLetterOptions['rewrite'];
}) {
  const cache = createAnalysisCache(deps.db);
  return defineTool({
    id: 'write_cover_letter',
    title: 'Write a cover letter for a job',
    description:
      'A cover letter for one job, built only from what your resume says: your most relevant work and the skills the job asks for that you have. Every claim is checked against your resume and anything untraceable is removed and reported. Skills you lack come back as gaps; with addressGaps the letter names them honestly as gaps.',
    inputSchema: refineChoice(
      z.object({
        ...resumeChoice,
        ...jobChoice,
        addressGaps: z
          .boolean()
          .default(false)
          .describe('say in the letter which required skills your resume does not show'),
      }),
    ),
    outputSchema: letterSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async execute(input, context) {
      const { resume, job } = await loadSubjects(deps, input, context.userId);
      const key = {
        kind: 'cover_letter',
        resumeHash: resume.hash,
        jobHash: `${job.hash}\n${job.company ?? ''}`,
        model: deps.rewrite ? deps.config.MODEL : 'local',
        promptVersion: COVER_LETTER_PROMPT_VERSION,
        variant: input.addressGaps ? 'gaps' : '',
      };
      const hit = await cache.get<Omit<Letter, 'cached'>>(key);
      if (hit) return { ...hit, cached: true };
      const review = reviewDeterministic(deps.skills, resume, job);
      const letter = await writeCoverLetter(deps.skills, resume, job, review.highlights, {
        addressGaps: input.addressGaps,
        ...(deps.rewrite ? { rewrite: deps.rewrite } : {}),
      });
      const result = { ...letter, job: { title: job.title, company: job.company } };
      await cache.put(key, result);
      return { ...result, cached: false };
    },
    render: (l) =>
      [
        l.markdown,
        `— gaps to address honestly: ${[...l.gaps.required, ...l.gaps.preferred].join(', ') || 'none'}`,
        ...(l.removed.length
          ? [`— removed as untraceable: ${l.removed.map((r) => `${r.claim} (${r.kind})`).join(', ')}`]
          : []),
      ].join('\n'),
  });
}
