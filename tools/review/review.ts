import { inferSeniority, yearsOfExperience } from '../jobs/seniority.ts';
import type { SkillExtractor } from '../skills/extract.ts';
import { ToolInputError } from '../tool.ts';
import { createFaithfulnessGuard } from './faithfulness.ts';
import { findFormattingRisks } from './formatting-risks.ts';
import { readResumeSkills } from './held-skills.ts';
import { buildHighlights, splitByStatus } from './highlights.ts';
import { readJobRequirements } from './job-requirements.ts';
import { detectLanguage, postingProblem } from './job-text.ts';
import type { ReviewJob, ReviewResume } from './review-input.ts';
import type { AtsReview } from './review-schema.ts';
import {
  bandOf,
  COMPONENT_WEIGHTS,
  type Component,
  type ComponentName,
  combine,
  groupOf,
  lengthFit,
  measurableResults,
  sectionCompleteness,
  seniorityFit,
  skillCoverage,
  titleAlignment,
} from './score.ts';
import { buildSuggestions, phraseSuggestions, type Suggestion } from './suggestions.ts';

export interface ReviewOptions {
  /**
   * A language model's rewording of one suggestion. It may change the words, never the facts: each
   * rewrite goes through the faithfulness guard and is dropped if it claims anything new.
   */
  phrase?: (facts: Pick<Suggestion, 'kind' | 'facts' | 'text'>) => Promise<string>;
}

const LANGUAGE_NAMES: Record<string, string> = { de: 'German', fr: 'French', es: 'Spanish' };

function withWeights(
  parts: Record<ComponentName, Omit<Component, 'weight' | 'group'>>,
): Record<ComponentName, Component> {
  const out = {} as Record<ComponentName, Component>;
  for (const name of Object.keys(COMPONENT_WEIGHTS) as ComponentName[]) {
    const { value, note } = parts[name];
    out[name] = { value, weight: COMPONENT_WEIGHTS[name], group: groupOf(name), note };
  }
  return out;
}

/**
 * The deterministic review of a resume against one job. Odd input never throws: what cannot be
 * judged is left out of the score and named in `limitations`. Only a text that is not a posting
 * at all is refused, since any score for it would be invented.
 */
export function reviewDeterministic(
  extractor: SkillExtractor,
  resume: ReviewResume,
  job: ReviewJob,
): AtsReview {
  const requirements = readJobRequirements(extractor, job);
  const knownCount = requirements.filter((r) => r.known).length;
  const problem = postingProblem(`${job.title}\n${job.description}`, knownCount);
  if (problem) throw new ToolInputError(problem, 'jobText');

  const limitations: string[] = [];
  const language = detectLanguage(job.description);
  if (language !== 'en' && language !== 'unknown') {
    limitations.push(
      `the posting is in ${LANGUAGE_NAMES[language] ?? language}: skills were compared by name only, and requirements the skills list does not know may be missed`,
    );
  }
  const resumeSkills = readResumeSkills(extractor, resume.text);
  const highlights = buildHighlights(requirements, resumeSkills, resume.text);
  const held = new Set(highlights.filter((h) => h.status === 'matched').map((h) => h.skill));
  // Context-only skills count for the resume when it shows them, never against it.
  const importanceOf = new Map(highlights.map((h) => [h.skill, h.importance]));
  const judged = requirements
    .filter((r) => !r.context || held.has(r.name))
    .map((r) => ({ ...r, importance: importanceOf.get(r.name) ?? r.importance }));
  const { parsed } = resume;
  const titles = parsed.experience.map((e) => e.title).filter(Boolean);
  const sections = sectionCompleteness(parsed);
  const results = measurableResults(parsed);
  const length = lengthFit(resume.text, resume.layout?.pages);
  const components = withWeights({
    requiredSkills: skillCoverage(
      judged.filter((r) => r.importance === 'required'),
      held,
      'required',
    ),
    preferredSkills: skillCoverage(
      judged.filter((r) => r.importance === 'preferred'),
      held,
      'preferred',
    ),
    titleAlignment: titleAlignment(job.title, titles),
    seniorityFit: seniorityFit(
      {
        level: job.title ? inferSeniority(job.title, job.description) : null,
        years: yearsOfExperience(job.description),
      },
      { ...parsed, hasDates: parsed.experience.some((e) => e.start) },
    ),
    sections,
    measurableResults: results,
    length,
  });
  if (requirements.length === 0)
    limitations.push('no skills or requirements were found in the posting, so skill coverage was not judged');
  if (!parsed.sections.some((s) => s.kind === 'skills')) {
    limitations.push('the resume has no skills section: skills were read from the whole text');
  }
  if (components.titleAlignment.value === null)
    limitations.push(`title alignment not judged: ${components.titleAlignment.note}`);
  if (components.seniorityFit.value === null)
    limitations.push(`seniority not judged: ${components.seniorityFit.note}`);
  if (!resume.layout)
    limitations.push('layout (columns, tables, images, headers) not checked: there was no file, only text');

  const risks = findFormattingRisks(resume);
  const score = combine(components);
  const split = splitByStatus(highlights);
  return {
    score,
    band: bandOf(score),
    components,
    matchedSkills: split.matched,
    missingSkills: split.missing,
    highlights,
    formattingRisks: risks,
    suggestions: buildSuggestions(extractor, {
      parsed,
      resumeText: resume.text,
      jobTitle: job.title,
      highlights,
      components,
      risks,
      words: length.words,
      quantified: results,
    }),
    limitations,
    job: { title: job.title, company: job.company, language },
    resume: {
      name: parsed.name ?? null,
      titles,
      totalYears: parsed.totalYears,
      seniority: parsed.seniority,
    },
  };
}

/** The review, with suggestions optionally reworded by a model and checked by the faithfulness guard. */
export async function reviewResume(
  extractor: SkillExtractor,
  resume: ReviewResume,
  job: ReviewJob,
  options: ReviewOptions = {},
): Promise<AtsReview> {
  const review = reviewDeterministic(extractor, resume, job);
  if (!options.phrase) return review;
  const guard = createFaithfulnessGuard(extractor);
  // The rewrite may say only what the resume or the plain suggestion already says.
  const isFaithful = (original: string, rewritten: string) =>
    guard.check(`${resume.text}\n${original}`, rewritten).length === 0;
  return { ...review, suggestions: await phraseSuggestions(review.suggestions, options.phrase, isFaithful) };
}
