import type { SkillExtractor } from '../skills/extract.ts';
import { createFaithfulnessGuard, type RemovedClaim } from './faithfulness.ts';
import type { Highlight } from './highlights.ts';
import { splitResume, splitRoles } from './resume-blocks.ts';
import type { ReviewJob, ReviewResume } from './review-input.ts';
import { relevanceFor } from './tailor.ts';

export interface CoverLetter {
  markdown: string;
  /** Skills the letter puts forward: ones the job asks for and the resume shows. */
  emphasised: string[];
  gaps: { required: string[]; preferred: string[] };
  removed: RemovedClaim[];
}

export interface CoverLetterOptions {
  /** Name the gaps in the letter, as gaps ("…which my resume does not show"). Off by default. */
  addressGaps?: boolean;
  /** A language model's rewrite of the letter; its output is guarded like everything else. */
  rewrite?: (draft: string, facts: { emphasised: string[]; gaps: string[] }) => Promise<string>;
}

const MAX_POINTS = 4;
const MAX_SKILLS = 6;

const listOf = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

interface Point {
  text: string;
  where: string;
  score: number;
}

/** The resume's most relevant bullets, each with the role it comes from, as written. */
function relevantPoints(
  extractor: Pick<SkillExtractor, 'skills'>,
  resume: ReviewResume,
  highlights: readonly Highlight[],
): Point[] {
  const relevance = relevanceFor(extractor, highlights, resume.text);
  const blocks = splitResume(resume.text, resume.parsed);
  const points: Point[] = [];
  for (const section of blocks.sections.filter((s) => s.kind === 'experience')) {
    for (const role of splitRoles(section.lines)) {
      const where = role.header[0]?.replace(/^[#*\s]+|\*+$/g, '') ?? '';
      for (const text of role.bullets)
        points.push({ text: text.replace(/[.;]\s*$/, ''), where, score: relevance(text) });
    }
  }
  return points
    .filter((p) => p.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_POINTS);
}

function summarySentence(
  extractor: Pick<SkillExtractor, 'skills'>,
  resume: ReviewResume,
  highlights: readonly Highlight[],
): string | null {
  const summary = resume.parsed.summary;
  if (!summary) return null;
  const relevance = relevanceFor(extractor, highlights, resume.text);
  const sentences = summary.split(/(?<=[.!?])\s+(?=[\p{Lu}\d])/u).filter(Boolean);
  return [...sentences].sort((a, b) => relevance(b) - relevance(a))[0] ?? null;
}

/** The letter from resume facts that match the job, in a fixed template; nothing is made up. */
export function draftCoverLetter(
  extractor: Pick<SkillExtractor, 'skills'>,
  resume: ReviewResume,
  job: ReviewJob,
  highlights: readonly Highlight[],
  options: Pick<CoverLetterOptions, 'addressGaps'> = {},
): string {
  const role = job.title || 'advertised';
  const at = job.company ? ` at ${job.company}` : '';
  const lines = [job.company ? `Dear ${job.company} hiring team,` : 'Dear hiring team,', ''];
  lines.push(`I am writing to apply for the ${role} role${at}.`);
  const summary = summarySentence(extractor, resume, highlights);
  if (summary) lines.push('', `In short: ${summary.replace(/\s+$/, '')}`);
  const points = relevantPoints(extractor, resume, highlights);
  if (points.length > 0) {
    lines.push('', 'Some of my work that matches what you are looking for:', '');
    for (const p of points) lines.push(`- ${p.text}${p.where ? ` (${p.where})` : ''}`);
  }
  const shown = highlights
    .filter((h) => h.status === 'matched' && h.importance === 'required')
    .map((h) => h.label);
  if (shown.length > 0) {
    lines.push(
      '',
      `My resume shows the ${listOf(shown.slice(0, MAX_SKILLS))} experience your posting asks for.`,
    );
  }
  const missing = highlights.filter((h) => h.status === 'missing' && h.importance === 'required');
  if (options.addressGaps && missing.length > 0) {
    lines.push(
      '',
      `You also ask for ${listOf(missing.map((h) => h.label))}, which my resume does not show; I would be glad to talk openly about where I stand.`,
    );
  }
  lines.push(
    '',
    'Thank you for your time. I would welcome the chance to talk about the role.',
    '',
    'Kind regards,',
  );
  if (resume.parsed.name) lines.push('', resume.parsed.name);
  return `${lines.join('\n')}\n`;
}

export async function writeCoverLetter(
  extractor: SkillExtractor,
  resume: ReviewResume,
  job: ReviewJob,
  highlights: readonly Highlight[],
  options: CoverLetterOptions = {},
): Promise<CoverLetter> {
  const missing = highlights.filter((h) => h.status === 'missing');
  const gapLabels = missing.map((h) => h.label);
  const emphasised = highlights.filter((h) => h.status === 'matched').map((h) => h.label);
  let draft = draftCoverLetter(extractor, resume, job, highlights, options);
  if (options.rewrite) draft = await options.rewrite(draft, { emphasised, gaps: gapLabels });
  // The job's own title and company name the target, not the person; the gap sentence names
  // skills as missing, so it may name them only in the template, never in a rewrite.
  const allowed = [job.title, job.company ?? ''];
  if (options.addressGaps && !options.rewrite) allowed.push(...gapLabels);
  const guarded = createFaithfulnessGuard(extractor).guard(resume.text, draft, { allowed });
  return {
    markdown: guarded.text,
    emphasised,
    gaps: {
      required: missing.filter((h) => h.importance === 'required').map((h) => h.label),
      preferred: missing.filter((h) => h.importance === 'preferred').map((h) => h.label),
    },
    removed: guarded.removed,
  };
}
