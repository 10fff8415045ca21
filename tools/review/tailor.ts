import type { SkillExtractor } from '../skills/extract.ts';
import { createFaithfulnessGuard, type RemovedClaim } from './faithfulness.ts';
import { lineHoldsSpan } from './held-skills.ts';
import type { Highlight } from './highlights.ts';
import { findTermSpans } from './requirement-terms.ts';
import { type RoleBlock, type SectionBlock, splitResume, splitRoles } from './resume-blocks.ts';
import type { ReviewResume } from './review-input.ts';

export interface TailoredResume {
  markdown: string;
  /** Skills the job asks for that the resume shows: moved to the front. */
  emphasised: string[];
  /** What the job asks for and the resume does not show: to address honestly, never to claim. */
  gaps: { required: string[]; preferred: string[] };
  /** What the faithfulness guard stripped (empty unless a rewrite invented something). */
  removed: RemovedClaim[];
}

export interface TailorOptions {
  /** A language model's rewrite of the Markdown; its output is guarded like everything else. */
  rewrite?: (draft: string, facts: { emphasised: string[]; gaps: string[] }) => Promise<string>;
}

type Relevance = (line: string) => number;

/**
 * A line's weight for this job: 2 per required skill it shows, 1 per preferred one. With the resume
 * text, a line copied from it also shows what the whole resume read there ("in Go").
 */
export function relevanceFor(
  extractor: Pick<SkillExtractor, 'skills'>,
  highlights: readonly Highlight[],
  resumeText?: string,
): Relevance {
  const matched = highlights.filter((h) => h.status === 'matched');
  return (line) => {
    const skills = new Set(extractor.skills(line));
    let score = 0;
    for (const h of matched) {
      const shown = h.known
        ? skills.has(h.skill) || (resumeText !== undefined && lineHoldsSpan(line, resumeText, h.resume))
        : findTermSpans(line, h.label).length > 0;
      if (shown) score += h.importance === 'required' ? 2 : 1;
    }
    return score;
  };
}

/** Most relevant first; equal ones keep the order the person chose. */
function byRelevance<T>(items: T[], score: (item: T) => number): T[] {
  return items
    .map((item, i) => ({ item, i, s: score(item) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map(({ item }) => item);
}

/** Splits "Go, Kubernetes (EKS, GKE), Terraform" on top-level separators only. */
export function splitItems(line: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of line) {
    if (c === '(' || c === '[') depth++;
    if ((c === ')' || c === ']') && depth > 0) depth--;
    if (depth === 0 && /[,;|•·]/.test(c)) {
      items.push(current.trim());
      current = '';
    } else current += c;
  }
  items.push(current.trim());
  return items.filter(Boolean);
}

const LABELLED = /^(\*\*)?([^:*]{2,40}?)(\*\*)?:\s*(.+)$/;
const plain = (line: string) => line.replace(/^\s*(?:[-*+•·▪◦‣–]|\d{1,2}[.)])\s+/u, '').trim();

function skillLines(section: SectionBlock, relevance: Relevance): string[] {
  const lines = section.lines.map((raw) => {
    const line = plain(raw);
    const labelled = LABELLED.exec(line);
    const items = splitItems(labelled ? labelled[4]! : line);
    const ordered = byRelevance(items, relevance);
    const best = Math.max(0, ...items.map(relevance));
    const body = ordered.join(', ');
    return { text: labelled ? `**${labelled[2]!.trim()}:** ${body}` : body, best };
  });
  return byRelevance(lines, (l) => l.best).map((l) => `- ${l.text}`);
}

function summaryLines(section: SectionBlock, relevance: Relevance): string[] {
  const sentences = section.lines
    .map(plain)
    .join(' ')
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\d])/u)
    .filter(Boolean);
  return [byRelevance(sentences, relevance).join(' ')];
}

function roleLines(role: RoleBlock, relevance: Relevance): string[] {
  const [first, ...rest] = role.header;
  const out: string[] = [];
  if (first) out.push(`### ${first.replace(/^[#*\s]+|\*+$/g, '')}`);
  for (const line of rest) out.push(`${line.replace(/\*+/g, '')}  `);
  if (rest.length > 0) out[out.length - 1] = out.at(-1)!.trimEnd();
  if (out.length > 0) out.push('');
  for (const bullet of byRelevance(role.bullets, relevance)) out.push(`- ${bullet}`);
  return out;
}

const SECTION_ORDER: Record<string, number> = { summary: 0, skills: 1, experience: 2, projects: 3 };

function renderSection(section: SectionBlock, relevance: Relevance): string[] {
  const body =
    section.kind === 'skills'
      ? skillLines(section, relevance)
      : section.kind === 'summary'
        ? summaryLines(section, relevance)
        : section.kind === 'experience'
          ? splitRoles(section.lines).flatMap((role) => [...roleLines(role, relevance), ''])
          : section.lines.map((l) => l.trim());
  return [`## ${section.heading}`, '', ...body, ''];
}

/**
 * The resume rearranged for one job: summary sentences, skills and each role's bullets ordered by
 * what the job asks for, every line as the person wrote it. Roles stay in date order, since
 * recruiters and ATS parsers read them as a timeline. The result still goes through the guard.
 */
export function draftTailoredResume(
  extractor: Pick<SkillExtractor, 'skills'>,
  resume: ReviewResume,
  highlights: readonly Highlight[],
): string {
  const relevance = relevanceFor(extractor, highlights, resume.text);
  const blocks = splitResume(resume.text, resume.parsed);
  const [first, ...contact] = blocks.header;
  let name = first;
  // "Jane Doe | Berlin | jane@doe.dev": the name is the heading, the rest stays a contact line.
  const known = resume.parsed.name;
  if (first && known && first.trim().startsWith(known) && first.trim() !== known) {
    name = known;
    contact.unshift(
      first
        .trim()
        .slice(known.length)
        .replace(/^\s*[|•·,–-]\s*/, ''),
    );
  }
  const lines: string[] = [];
  if (name) lines.push(`# ${name.replace(/^[#*\s]+|\*+$/g, '')}`, '');
  if (contact.length > 0) lines.push(contact.map((l) => l.trim()).join('  \n'), '');
  const order = (s: SectionBlock) => SECTION_ORDER[s.kind] ?? 4;
  const sections = blocks.sections
    .map((s, i) => ({ s, i }))
    .sort((a, b) => order(a.s) - order(b.s) || a.i - b.i)
    .map(({ s }) => s);
  for (const section of sections) lines.push(...renderSection(section, relevance));
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

export async function tailorResume(
  extractor: SkillExtractor,
  resume: ReviewResume,
  highlights: readonly Highlight[],
  options: TailorOptions = {},
): Promise<TailoredResume> {
  const matched = highlights.filter((h) => h.status === 'matched');
  const missing = highlights.filter((h) => h.status === 'missing');
  const emphasised = matched.map((h) => h.label);
  let draft = draftTailoredResume(extractor, resume, highlights);
  if (options.rewrite) {
    draft = await options.rewrite(draft, { emphasised, gaps: missing.map((h) => h.label) });
  }
  const guarded = createFaithfulnessGuard(extractor).guard(resume.text, draft);
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
