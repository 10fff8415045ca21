// The resume cut into verbatim pieces (header lines, sections, roles, bullets), so tailoring can
// reorder what the person wrote without retyping a single title, date or figure.

import { findDateRanges } from '../resume/dates.ts';
import { hasBulletMarker, stripBulletMarker } from '../resume/entry-header.ts';
import type { ParsedResume } from '../resume/parse.ts';

export interface RoleBlock {
  /** The role's header lines as written (title, employer, dates). */
  header: string[];
  /** Its bullets and description lines, markers removed, wrapped lines joined. */
  bullets: string[];
}

export interface SectionBlock {
  heading: string;
  kind: ParsedResume['sections'][number]['kind'];
  /** The section's lines after the heading, as written (an inline "Skills: a, b" keeps its items). */
  lines: string[];
}

export interface ResumeBlocks {
  /** Lines above the first section: name and contact details. */
  header: string[];
  sections: SectionBlock[];
}

const MAX_HEADER_WORDS = 14;

function isHeaderLine(line: string): boolean {
  if (hasBulletMarker(line)) return false;
  if (findDateRanges(line).length > 0) return true;
  return line.trim().split(/\s+/).length <= MAX_HEADER_WORDS && !/[.;!?]$/.test(line.trim());
}

const nonEmpty = (lines: string[]) => lines.map((l) => l.replace(/\s+$/, '')).filter((l) => l.trim() !== '');

/** Splits the resume at the parser's section offsets, keeping every line as written. */
export function splitResume(text: string, parsed: ParsedResume): ResumeBlocks {
  const first = parsed.sections[0]?.start ?? text.length;
  const sections = parsed.sections.map((s) => {
    const raw = text.slice(s.start, s.end);
    const newline = raw.indexOf('\n');
    const headingLine = newline < 0 ? raw : raw.slice(0, newline);
    const rest = newline < 0 ? '' : raw.slice(newline + 1);
    // "Skills: Go, Rust" carries its content on the heading line.
    const inline = headingLine
      .replace(/^[#*\s]+/, '')
      .slice(s.heading.length)
      .replace(/^[*\s]*:\s*/, '');
    const lines = nonEmpty([inline, ...rest.split('\n')]);
    return { heading: s.heading, kind: s.kind, lines };
  });
  return { header: nonEmpty(text.slice(0, first).split('\n')), sections };
}

/** Roles of an experience section: runs of header lines, each followed by its bullets. */
export function splitRoles(lines: string[]): RoleBlock[] {
  const roles: RoleBlock[] = [];
  let current: RoleBlock | null = null;
  for (const line of lines) {
    const bullet = hasBulletMarker(line);
    if (!bullet && isHeaderLine(line) && (!current || current.bullets.length > 0)) {
      current = { header: [line.trim()], bullets: [] };
      roles.push(current);
      continue;
    }
    if (!current) {
      current = { header: [], bullets: [] };
      roles.push(current);
    }
    if (!bullet && current.bullets.length === 0 && isHeaderLine(line)) {
      current.header.push(line.trim());
      continue;
    }
    const text = stripBulletMarker(line);
    const last = current.bullets.length - 1;
    // A wrapped bullet continues in lower case on the next line.
    if (!bullet && last >= 0 && /^\p{Ll}/u.test(text)) current.bullets[last] += ` ${text}`;
    else current.bullets.push(text);
  }
  return roles;
}
