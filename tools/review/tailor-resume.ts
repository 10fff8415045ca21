import { z } from 'zod';
import type { Config } from '../../config/config.ts';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import { createAnalysisCache } from '../analysis-cache.ts';
import { findChromium } from '../crawl/browser-pool.ts';
import type { SkillExtractor } from '../skills/extract.ts';
import { defineTool } from '../tool.ts';
import { TAILOR_PROMPT_VERSION } from './cache.ts';
import { claimKinds } from './claims.ts';
import { renderMarkdownPdf } from './pdf.ts';
import { reviewDeterministic } from './review.ts';
import { jobChoice, loadSubjects, refineChoice, resumeChoice } from './review-tool-input.ts';
import { type TailorOptions, tailorResume } from './tailor.ts';

export const removedClaimSchema = z.object({
  claim: z.string(),
  kind: z.enum(claimKinds),
  reason: z.string(),
});
export const gapsSchema = z
  .object({ required: z.array(z.string()), preferred: z.array(z.string()) })
  .describe('what the job asks for and the resume does not show: gaps to address honestly, never to claim');

const tailoredSchema = z.object({
  markdown: z.string(),
  pdfBase64: z.string().optional(),
  pdfRenderer: z.enum(['chromium', 'pdf-lib']),
  emphasised: z.array(z.string()),
  gaps: gapsSchema,
  removed: z.array(removedClaimSchema).describe('claims the faithfulness guard stripped, and why'),
  job: z.object({ title: z.string(), company: z.string().nullable() }),
  cached: z.boolean(),
});
type Tailored = z.infer<typeof tailoredSchema>;

export function createTailorResumeTool(deps: {
  db: Database;
  skills: SkillExtractor;
  config: Config;
  logger: Logger;
  /** The model seam for rewriting; absent, tailoring is template-only. Either way the guard runs. */
  rewrite?: TailorOptions['rewrite'];
}) {
  const cache = createAnalysisCache(deps.db);
  return defineTool({
    id: 'tailor_resume',
    title: 'Tailor a resume to a job',
    description:
      'Your resume rearranged for one job, as Markdown and PDF: the experience, skills and summary sentences the job asks for come first. Nothing is added: every skill, employer, title, degree, date and number is checked against your resume, and anything untraceable is removed and reported. Skills the job wants that your resume lacks come back as gaps to address honestly.',
    inputSchema: refineChoice(
      z.object({
        ...resumeChoice,
        ...jobChoice,
        includePdf: z.boolean().default(true).describe('return the PDF as base64 (default true)'),
      }),
    ),
    outputSchema: tailoredSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async execute(input, context) {
      const { resume, job } = await loadSubjects(deps, input, context.userId);
      const key = {
        kind: 'tailor_resume',
        resumeHash: resume.hash,
        jobHash: `${job.hash}\n${job.company ?? ''}`,
        model: deps.rewrite ? deps.config.MODEL : 'local',
        promptVersion: TAILOR_PROMPT_VERSION,
      };
      let result = await cache.get<Omit<Tailored, 'cached'>>(key);
      const cached = result !== null;
      if (!result) {
        const review = reviewDeterministic(deps.skills, resume, job);
        const tailored = await tailorResume(deps.skills, resume, review.highlights, {
          ...(deps.rewrite ? { rewrite: deps.rewrite } : {}),
        });
        const pdf = await renderMarkdownPdf(tailored.markdown, {
          title: [resume.parsed.name, job.title].filter(Boolean).join(' — ') || 'Resume',
          chromiumPath: findChromium(deps.config as unknown as Record<string, string | undefined>),
          logger: deps.logger,
        });
        result = {
          ...tailored,
          pdfBase64: Buffer.from(pdf.bytes).toString('base64'),
          pdfRenderer: pdf.renderer,
          job: { title: job.title, company: job.company },
        };
        await cache.put(key, result);
      }
      const { pdfBase64, ...rest } = result;
      return { ...rest, ...(input.includePdf && pdfBase64 ? { pdfBase64 } : {}), cached };
    },
    render: (t) =>
      [
        t.markdown,
        `— emphasised: ${t.emphasised.join(', ') || 'none'}`,
        `— gaps to address honestly: ${[...t.gaps.required, ...t.gaps.preferred].join(', ') || 'none'}`,
        ...(t.removed.length
          ? [`— removed as untraceable: ${t.removed.map((r) => `${r.claim} (${r.kind})`).join(', ')}`]
          : []),
      ].join('\n'),
  });
}
