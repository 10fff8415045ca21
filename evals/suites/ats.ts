import { z } from 'zod';
import { reviewDeterministic } from '../../tools/review/review.ts';
import { jobFromText, resumeFromText } from '../../tools/review/review-input.ts';
import { createSkillExtractor } from '../../tools/skills/extract.ts';
import { readJsonl } from '../datasets-io.ts';
import type { Suite } from '../suite.ts';

const band = z.enum(['low', 'medium', 'high']);
const caseLine = z.object({
  id: z.string(),
  resume: z.string(),
  job: z.object({ title: z.string(), description: z.string() }),
  expected: z.object({
    matchedSkills: z.array(z.string()),
    missingSkills: z.array(z.string()),
    scoreBand: band,
  }),
});

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const f1 = ({ tp, fp, fn }: Counts) => (tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn));

/**
 * Compares one side (matched or missing) with the expected list. Only the skills a case lists are
 * judged: the dataset says other skills the reviewer finds are not errors.
 */
function score(
  predicted: Set<string>,
  expected: Set<string>,
  listed: Set<string>,
): Counts & { errors: string[] } {
  const out = { tp: 0, fp: 0, fn: 0, errors: [] as string[] };
  for (const s of expected) {
    if (predicted.has(s)) out.tp++;
    else {
      out.fn++;
      out.errors.push(`-${s}`);
    }
  }
  for (const s of predicted) {
    if (listed.has(s) && !expected.has(s)) {
      out.fp++;
      out.errors.push(`+${s}`);
    }
  }
  return out;
}

export const atsSuite: Suite = {
  name: 'ats',
  description: 'reviews each resume against its job; checks matched and missing skills and the score band',
  thresholds: [
    { metric: 'matched_f1', kind: 'min', value: 0.9 },
    { metric: 'missing_f1', kind: 'min', value: 0.9 },
    { metric: 'band_accuracy', kind: 'min', value: 0.8 },
  ],
  async run(dir) {
    const cases = readJsonl(dir, 'cases.jsonl', caseLine);
    const extractor = createSkillExtractor();
    // The dataset spells skills out ("basic life support"); the reviewer names them as the
    // taxonomy does ("bls"). Names the taxonomy lacks stay as written, lower-cased.
    const canonical = (name: string) => extractor.canonicalize(name) ?? name.toLowerCase().trim();
    const matched: Counts = { tp: 0, fp: 0, fn: 0 };
    const missing: Counts = { tp: 0, fp: 0, fn: 0 };
    let bandHits = 0;
    const rows: Array<Record<string, string | number>> = [];
    for (const c of cases) {
      const expectedMatched = new Set(c.expected.matchedSkills.map(canonical));
      const expectedMissing = new Set(c.expected.missingSkills.map(canonical));
      const listed = new Set([...expectedMatched, ...expectedMissing]);
      let predictedMatched = new Set<string>();
      let predictedMissing = new Set<string>();
      let got = 'error';
      let points = -1;
      try {
        const review = reviewDeterministic(
          extractor,
          resumeFromText(c.resume, (t) => extractor.skills(t)),
          jobFromText(c.job.description, c.job.title),
        );
        predictedMatched = new Set([...review.matchedSkills.required, ...review.matchedSkills.preferred]);
        predictedMissing = new Set([...review.missingSkills.required, ...review.missingSkills.preferred]);
        got = review.band;
        points = review.score;
      } catch (error) {
        got = `error: ${(error as Error).message}`;
      }
      const m = score(predictedMatched, expectedMatched, listed);
      const x = score(predictedMissing, expectedMissing, listed);
      for (const [total, one] of [
        [matched, m],
        [missing, x],
      ] as const) {
        total.tp += one.tp;
        total.fp += one.fp;
        total.fn += one.fn;
      }
      if (got === c.expected.scoreBand) bandHits++;
      rows.push({
        id: c.id,
        score: points,
        band: got,
        expected: c.expected.scoreBand,
        matchedErrors: m.errors.join(' ') || '-',
        missingErrors: x.errors.join(' ') || '-',
      });
    }
    return {
      suite: 'ats',
      dataset: dir,
      metrics: {
        matched_f1: f1(matched),
        missing_f1: f1(missing),
        band_accuracy: cases.length === 0 ? 0 : bandHits / cases.length,
        cases: cases.length,
      },
      cases: rows,
    };
  },
};
