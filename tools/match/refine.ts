import type { SkillExtractor } from '../skills/extract.ts';

/** Bumped whenever the refinement prompt or its checks change what an answer would be. */
export const REFINE_PROMPT_VERSION = 'refine-v1';
/** How many of the top matches a language model may re-order and explain. */
export const REFINE_TOP = 10;

export interface RefineItem {
  jobId: string;
  title: string;
  company: string;
  score: number;
  summary: string;
  matchedSkills: string[];
  missingSkills: string[];
}

export interface Refinement {
  /** Job ids, best first. */
  order: string[];
  /** One sentence per job id, in the model's words. */
  explanations: Record<string, string>;
}

/**
 * A language model's second opinion on the top matches: it may re-order them and phrase why each
 * fits, never change a score. Absent (the local model), ranking is the deterministic scorer alone.
 */
export interface MatchRefiner {
  /** The model id, part of the cache key. */
  model: string;
  refine(input: { resume: string; items: RefineItem[] }): Promise<Refinement>;
}

export interface RefinedNote {
  /** 1-based position the model gave the job among the refined ones. */
  position: number;
  explanation: string | null;
  model: string;
}

const MAX_EXPLANATION = 300;

/**
 * Keeps only what the model may decide: an order over the given jobs (unknown ids ignored, missing
 * ones kept after the named ones in their deterministic order) and explanations that name no skill
 * outside that job's matched and missing skills. Anything else is dropped, not repaired.
 */
export function checkRefinement(
  items: readonly RefineItem[],
  raw: Refinement,
  extractor: Pick<SkillExtractor, 'skills'>,
): Map<string, { position: number; explanation: string | null }> {
  const known = new Map(items.map((i) => [i.jobId, i]));
  const order: string[] = [];
  for (const id of Array.isArray(raw.order) ? raw.order : []) {
    if (typeof id === 'string' && known.has(id) && !order.includes(id)) order.push(id);
  }
  for (const item of items) if (!order.includes(item.jobId)) order.push(item.jobId);
  const out = new Map<string, { position: number; explanation: string | null }>();
  order.forEach((id, index) => {
    const item = known.get(id)!;
    const text = raw.explanations?.[id];
    let explanation: string | null = null;
    if (typeof text === 'string' && text.trim() && text.length <= MAX_EXPLANATION) {
      const allowed = new Set([
        ...extractor.skills(item.matchedSkills.join(', ')),
        ...extractor.skills(item.missingSkills.join(', ')),
        ...extractor.skills(`${item.title} ${item.company}`),
      ]);
      const named = extractor.skills(text);
      if (named.every((s) => allowed.has(s))) explanation = text.trim();
    }
    out.set(id, { position: index + 1, explanation });
  });
  return out;
}
