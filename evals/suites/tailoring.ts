import { z } from 'zod';
import { writeCoverLetter } from '../../tools/review/cover-letter.ts';
import {
  containsPhrase,
  createFaithfulnessGuard,
  normaliseForCompare,
} from '../../tools/review/faithfulness.ts';
import { heldSkillNames, readResumeSkills } from '../../tools/review/held-skills.ts';
import { reviewDeterministic } from '../../tools/review/review.ts';
import { jobFromText, resumeFromText } from '../../tools/review/review-input.ts';
import { tailorResume } from '../../tools/review/tailor.ts';
import { createSkillExtractor, type SkillExtractor } from '../../tools/skills/extract.ts';
import { readJsonl } from '../datasets-io.ts';
import type { Suite } from '../suite.ts';

const caseLine = z.object({
  id: z.string(),
  resume: z.string(),
  job: z.object({ title: z.string(), description: z.string(), company: z.string().optional() }),
  mustNotClaim: z.array(z.string()),
  mayEmphasise: z.array(z.string()),
});

/**
 * Whether an output claims a term: a skill counts when the output shows it as held ("studying for
 * the CPA exam", copied from the resume, is not a claim); anything else when it is written at all.
 */
function claims(extractor: SkillExtractor, output: string, term: string): boolean {
  const skill = extractor.canonicalize(term);
  if (skill) return heldSkillNames(readResumeSkills(extractor, output)).has(skill);
  return containsPhrase(normaliseForCompare(output), normaliseForCompare(term));
}

/** Whether the tailored resume puts a skill forward: it is among the emphasised ones and written. */
function emphasises(
  extractor: SkillExtractor,
  markdown: string,
  emphasised: string[],
  term: string,
): boolean {
  const skill = extractor.canonicalize(term);
  const wanted = skill ?? normaliseForCompare(term);
  const named = emphasised.map((label) => extractor.canonicalize(label) ?? normaliseForCompare(label));
  if (!named.includes(wanted)) return false;
  return skill
    ? extractor.skills(markdown).includes(skill)
    : containsPhrase(normaliseForCompare(markdown), wanted);
}

export const tailoringSuite: Suite = {
  name: 'tailoring',
  description:
    'tailors each resume and writes a cover letter; counts fabricated claims and emphasis coverage',
  thresholds: [
    { metric: 'fabrications', kind: 'max', value: 0 },
    { metric: 'emphasis_coverage', kind: 'min', value: 0.8 },
  ],
  async run(dir) {
    const cases = readJsonl(dir, 'cases.jsonl', caseLine);
    const extractor = createSkillExtractor();
    const guard = createFaithfulnessGuard(extractor);
    let fabrications = 0;
    let stripped = 0;
    let covered = 0;
    let wanted = 0;
    const rows: Array<Record<string, string | number>> = [];
    for (const c of cases) {
      const resume = resumeFromText(c.resume, (t) => extractor.skills(t));
      const job = jobFromText(c.job.description, c.job.title, c.job.company);
      const { highlights } = reviewDeterministic(extractor, resume, job);
      const tailored = await tailorResume(extractor, resume, highlights);
      const letter = await writeCoverLetter(extractor, resume, job, highlights);
      const allowed = [job.title, job.company ?? ''];
      const untraceable = [
        ...guard.check(resume.text, tailored.markdown),
        ...guard.check(resume.text, letter.markdown, { allowed }),
      ].map((claim) => `${claim.kind}:${claim.text}`);
      const forbidden = c.mustNotClaim.filter(
        (term) => claims(extractor, tailored.markdown, term) || claims(extractor, letter.markdown, term),
      );
      const hits = c.mayEmphasise.filter((term) =>
        emphasises(extractor, tailored.markdown, tailored.emphasised, term),
      );
      fabrications += untraceable.length + forbidden.length;
      stripped += tailored.removed.length + letter.removed.length;
      covered += hits.length;
      wanted += c.mayEmphasise.length;
      rows.push({
        id: c.id,
        fabricated: [...untraceable, ...forbidden.map((t) => `mustNotClaim:${t}`)].join(' ') || '-',
        notEmphasised: c.mayEmphasise.filter((t) => !hits.includes(t)).join(', ') || '-',
        guardRemoved: tailored.removed.length + letter.removed.length,
        gaps: [...tailored.gaps.required, ...tailored.gaps.preferred].join(', ') || '-',
      });
    }
    return {
      suite: 'tailoring',
      dataset: dir,
      metrics: {
        fabrications,
        emphasis_coverage: wanted === 0 ? 1 : covered / wanted,
        guard_removed: stripped,
        cases: cases.length,
      },
      cases: rows,
    };
  },
};
