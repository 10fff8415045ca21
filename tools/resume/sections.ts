// Finds section headings in resume text and slices the text into sections by character offset.

import { orgScore, titleScore } from './entry-header.ts';
import { HEADING_KIND, type SectionKind } from './section-headings.ts';

export { type SectionKind, sectionKinds } from './section-headings.ts';

export interface Section {
  heading: string;
  kind: SectionKind;
  /** Offset of the heading's first character. */
  start: number;
  /** Offset just past the section's last character. */
  end: number;
  /** Offset where the section's content starts (after the heading, or after "Skills:" on the same line). */
  bodyStart: number;
}

const KEYWORD_KIND: Array<[RegExp, SectionKind]> = [
  [/\b(?:experience|employment|berufserfahrung)\b/, 'experience'],
  [/\b(?:education|ausbildung)\b/, 'education'],
  [/\b(?:skills|competencies|kenntnisse)\b/, 'skills'],
  [/\b(?:certifications?|certificates|licen[cs]es)\b/, 'certifications'],
  [/\blanguages\b/, 'languages'],
  [/\bprojects\b/, 'projects'],
  [/\b(?:summary|profile)\b/, 'summary'],
];

/** Lower-cases a candidate heading and strips Markdown markers, joiners and trailing colons. */
export function normaliseHeading(line: string): string {
  return line
    .toLowerCase()
    .replace(/^[#=*_\s]+|[#=*_:\s]+$/g, '')
    .replace(/\s+(?:and|und|&amp;)\s+/g, ' & ')
    .replace(/\s*[&/+]\s*/g, ' & ')
    .replace(/\s+/g, ' ')
    .trim();
}

function looksLikeHeadingLine(raw: string): boolean {
  const line = raw.trim();
  if (line.length === 0 || line.length > 50 || /^[-•*▪◦‣·–]\s/.test(line)) return false;
  if (/[.,;!?]$/.test(line) || /\d/.test(line)) return false;
  return line.split(/\s+/).length <= 5;
}

/** The section kind a line announces, or undefined when it is not a heading. */
export function headingKind(line: string, isFirstLine = false): SectionKind | undefined {
  if (!looksLikeHeadingLine(line)) return undefined;
  const normalised = normaliseHeading(line);
  const known = HEADING_KIND.get(normalised);
  if (known) return known;
  const trimmed = line.trim();
  const markdownHeading = /^#{1,6}\s/.test(trimmed);
  const emphasised = markdownHeading || /^\*\*.+\*\*:?$/.test(trimmed) || /:$/.test(trimmed);
  const letters = trimmed.replace(/[^\p{L}]/gu, '');
  const allCaps =
    letters.length >= 4 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  if (!emphasised && !allCaps) return undefined;
  for (const [re, kind] of KEYWORD_KIND) if (re.test(normalised)) return kind;
  // An unknown Markdown or upper-case heading still ends the section before it, unless it reads like
  // a job title or employer (bold or capitalised entry headers) or is the name on the first line.
  if (isFirstLine || (!markdownHeading && !allCaps)) return undefined;
  if (titleScore(trimmed) > 0 || orgScore(trimmed) > 0) return undefined;
  return 'other';
}

// Inside a job or project, "Tools: Docker, Go" describes that entry rather than starting a section.
const ENTRY_DETAIL_LABELS = new Set([
  'tools',
  'technologies',
  'tech stack',
  'tools & technologies',
  'skills',
  'stack',
]);
const INLINE_HEADING = /^\s*([\p{L}][\p{L} &/+-]{2,40}?)\s*:\s*(\S.*)$/u;

/** Splits text into sections. Text before the first heading is not a section (it is the contact header). */
export function findSections(text: string): Section[] {
  const sections: Section[] = [];
  let offset = 0;
  let seenText = false;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (line.trim() === '' || /^\s*[-=_*]{3,}\s*$/.test(line)) continue;
    let kind = headingKind(line, !seenText);
    let heading = line.trim();
    let bodyStart = Math.min(offset, text.length);
    if (!kind) {
      // "Skills: Python, Go" — a known heading with its content on the same line.
      const inline = line.match(INLINE_HEADING);
      const label = inline ? normaliseHeading(inline[1]!) : '';
      const inlineKind = HEADING_KIND.get(label);
      const current = sections.at(-1)?.kind;
      const inEntry = current === 'experience' || current === 'projects';
      if (inline && inlineKind && !(inEntry && ENTRY_DETAIL_LABELS.has(label))) {
        kind = inlineKind;
        heading = inline[1]!.trim();
        bodyStart = lineStart + line.indexOf(inline[2]!, inline[1]!.length);
      }
    }
    seenText = true;
    if (!kind) continue;
    const previous = sections.at(-1);
    if (previous) previous.end = lineStart;
    sections.push({
      heading: heading.replace(/^[#*\s]+|[*:\s]+$/g, ''),
      kind,
      start: lineStart + line.indexOf(line.trim()),
      end: text.length,
      bodyStart,
    });
  }
  return sections;
}

export function sectionBody(text: string, section: Section): string {
  return text.slice(section.bodyStart, section.end);
}
