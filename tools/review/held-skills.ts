import type { SkillExtractor, SkillMention, SkillSpan } from '../skills/extract.ts';

/** A skill the resume names, split into mentions that claim it and mentions that only aim for it. */
export interface ResumeSkill {
  skill: string;
  label: string;
  category: string;
  /** Mentions that show the skill: highlight these. */
  held: SkillSpan[];
  /** "studying for", "looking to move into": wanting a skill is not having it. */
  aspired: SkillSpan[];
}

// Checked on the part of the sentence before the mention.
const ASPIRATION =
  /\b(?:looking to|seeking(?: to)?|hoping to|hope to|aspir\w+|studying (?:for|towards?)|currently studying|working towards?|want(?:ing)? to|plan(?:ning)? to|interested in|eager to|keen to|currently learning|now learning|learning to|would like to|goal is to|transition(?:ing)? (?:in)?to|move into)\b/i;
/** Where the sentence holding `at` starts: after a line break or a full stop followed by a space. */
export function sentenceStart(text: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === '\n') return i + 1;
    if ('.!?;'.includes(c) && /\s/.test(text[i + 1] ?? ' ')) return i + 1;
  }
  return 0;
}

export function isAspirational(text: string, span: { start: number }): boolean {
  return ASPIRATION.test(text.slice(sentenceStart(text, span.start), span.start));
}

function split(text: string, mention: SkillMention): ResumeSkill {
  const held: SkillSpan[] = [];
  const aspired: SkillSpan[] = [];
  for (const span of mention.spans) (isAspirational(text, span) ? aspired : held).push(span);
  return { skill: mention.skill, label: mention.label, category: mention.category, held, aspired };
}

/** Every skill the resume names, keyed by canonical name, in order of first mention. */
export function readResumeSkills(
  extractor: Pick<SkillExtractor, 'extract'>,
  text: string,
): Map<string, ResumeSkill> {
  return new Map(extractor.extract(text).map((m) => [m.skill, split(text, m)]));
}

/**
 * Whether a line copied from the resume holds a place where the whole resume shows the skill. Read
 * alone, a line can miss an ambiguous name ("built the billing service in Go") that the rest of the
 * resume confirms.
 */
export function lineHoldsSpan(line: string, resumeText: string, spans: readonly SkillSpan[]): boolean {
  const needle = line.trim();
  if (!needle || spans.length === 0) return false;
  for (let at = resumeText.indexOf(needle); at >= 0; at = resumeText.indexOf(needle, at + 1)) {
    if (spans.some((s) => s.start >= at && s.end <= at + needle.length)) return true;
  }
  return false;
}

/** Canonical names of the skills the resume shows (at least one mention that is not an aim). */
export function heldSkillNames(skills: ReadonlyMap<string, ResumeSkill>): Set<string> {
  return new Set([...skills.values()].filter((s) => s.held.length > 0).map((s) => s.skill));
}
