import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { SkillExtractor } from '../skills/extract.ts';
import { defineTool, readOnly } from '../tool.ts';
import { type ReviewOptions, reviewResume } from './review.ts';
import { atsReviewSchema, renderReview } from './review-schema.ts';
import { jobChoice, loadSubjects, refineChoice, resumeChoice } from './review-tool-input.ts';

export function createAtsReviewTool(deps: {
  db: Database;
  skills: SkillExtractor;
  /** The model seam for wording suggestions; absent, the review is fully deterministic. */
  phrase?: ReviewOptions['phrase'];
}) {
  return defineTool({
    id: 'ats_review',
    title: 'Review a resume against a job',
    description:
      'How an applicant tracking system would read your resume for one job: a 0–100 score with its components, matched and missing skills (required vs preferred, synonyms and abbreviations counted), character spans to highlight them in both texts, formatting risks, and prioritised, honest suggestions. Uses your active resume unless another is given; the job is a stored job id or a pasted posting.',
    inputSchema: refineChoice(z.object({ ...resumeChoice, ...jobChoice })),
    outputSchema: atsReviewSchema,
    annotations: readOnly,
    async execute(input, context) {
      const { resume, job } = await loadSubjects(deps, input, context.userId);
      return reviewResume(deps.skills, resume, job, deps.phrase ? { phrase: deps.phrase } : {});
    },
    render: renderReview,
  });
}
