// The faithfulness guard: every output (template-built or model-written) passes through it. A claim
// that cannot be traced to the resume is stripped with the list item or sentence that makes it.

import type { SkillExtractor } from '../skills/extract.ts';
import { type Claim, type ClaimKind, extractClaims } from './claims.ts';
import { heldSkillNames, readResumeSkills, sentenceStart } from './held-skills.ts';

export interface RemovedClaim {
  claim: string;
  kind: ClaimKind;
  reason: string;
}

export interface GuardResult {
  text: string;
  removed: RemovedClaim[];
}

export interface GuardOptions {
  /** Phrases that name the target, not the person (the job's title and company in a cover letter). */
  allowed?: string[];
}

/** Lower-case, one kind of dash and quote, single spaces: how texts are compared. */
export function normaliseForCompare(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[–—−]/g, '-')
    .replace(/[*_#]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `needle` occurs in `haystack` as whole words (both already normalised). */
export function containsPhrase(haystack: string, needle: string): boolean {
  if (!needle) return true;
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    if (!(isWord(before) && isWord(needle[0])) && !(isWord(after) && isWord(needle.at(-1)))) return true;
  }
  return false;
}

interface SourceIndex {
  text: string;
  held: Set<string>;
  years: Set<string>;
  numbers: Set<string>;
  degrees: Set<string>;
}

function sentenceAround(text: string, claim: Pick<Claim, 'start' | 'end'>): { start: number; end: number } {
  const start = sentenceStart(text, claim.start);
  const rest = /[.!?;](?=\s|$)|\n/.exec(text.slice(claim.end));
  return { start, end: rest ? claim.end + rest.index + (rest[0] === '\n' ? 0 : 1) : text.length };
}

export function createFaithfulnessGuard(extractor: Pick<SkillExtractor, 'extract' | 'canonicalize'>) {
  function indexSource(sourceText: string): SourceIndex {
    const claims = extractClaims(extractor, sourceText);
    return {
      text: normaliseForCompare(sourceText),
      held: heldSkillNames(readResumeSkills(extractor, sourceText)),
      years: new Set(claims.filter((c) => c.kind === 'date').map((c) => c.text)),
      numbers: new Set(claims.filter((c) => c.kind === 'number').map((c) => c.value!)),
      degrees: new Set(claims.filter((c) => c.kind === 'degree').map((c) => c.family!)),
    };
  }

  function coveredByHeldSkill(source: SourceIndex, claim: Claim): boolean {
    return extractor
      .extract(claim.text)
      .some(
        (m) => source.held.has(m.skill) && m.spans.some((s) => s.start === 0 && s.end === claim.text.length),
      );
  }

  /** Why a claim cannot be traced to the resume, or null when it can. */
  function untraced(source: SourceIndex, output: string, claim: Claim): string | null {
    const said = normaliseForCompare(claim.text);
    const sentence = sentenceAround(output, claim);
    // A lead-in the template adds ("In short: …") does not make a copied sentence new.
    const copied = output.slice(sentence.start, sentence.end).replace(/^\s*[^:\n]{1,20}:\s+/, '');
    const sentenceInSource = containsPhrase(source.text, normaliseForCompare(copied));
    switch (claim.kind) {
      case 'skill':
      case 'certification':
        if (claim.skill && source.held.has(claim.skill)) return null;
        if (!claim.skill && containsPhrase(source.text, said)) return null;
        return sentenceInSource
          ? null
          : `the resume does not show ${claim.kind === 'skill' ? 'this skill' : 'this certification'}`;
      case 'employer':
        return containsPhrase(source.text, said) ? null : 'no employer of this name in the resume';
      case 'title':
        if (containsPhrase(source.text, said) || sentenceInSource) return null;
        // "Registered Nurse" where the resume writes "RN": the skill, held, vouches for it.
        return coveredByHeldSkill(source, claim) ? null : 'the resume holds no such title';
      case 'degree': {
        if (containsPhrase(source.text, said)) return null;
        if (!source.degrees.has(claim.family!)) return 'the resume lists no such degree';
        const field = claim.field ?? /\s(?:in|of)\s+(.+)$/i.exec(claim.text)?.[1];
        return !field || containsPhrase(source.text, normaliseForCompare(field))
          ? null
          : 'the resume lists no degree in this field';
      }
      case 'date':
        // "2000 payments" where the resume writes "2,000": a figure, not a year.
        return source.years.has(claim.text) || source.numbers.has(claim.text)
          ? null
          : 'this year appears nowhere in the resume';
      case 'number':
        return source.numbers.has(claim.value!) || sentenceInSource
          ? null
          : 'this figure appears nowhere in the resume';
    }
  }

  /** Inside a phrase naming the target; a claim may spill one word past it ("Dear Acme Corp"). */
  function isAllowed(output: string, claim: Claim, allowed: string[]): boolean {
    const lower = output.toLowerCase();
    return allowed.some((phrase) => {
      const p = phrase.toLowerCase().trim();
      if (!p) return false;
      for (let at = lower.indexOf(p); at >= 0; at = lower.indexOf(p, at + 1)) {
        const end = at + p.length;
        if (claim.end <= at || claim.start >= end) continue;
        const outside = `${output.slice(claim.start, Math.max(claim.start, at))} ${output.slice(Math.min(end, claim.end), claim.end)}`;
        if (outside.trim().split(/\s+/).filter(Boolean).length <= 1) return true;
      }
      return false;
    });
  }

  function check(sourceText: string, output: string, options: GuardOptions = {}) {
    const source = indexSource(sourceText);
    return checkIndexed(source, output, options);
  }

  function checkIndexed(source: SourceIndex, output: string, options: GuardOptions) {
    const out: Array<Claim & { reason: string }> = [];
    for (const claim of extractClaims(extractor, output)) {
      if (isAllowed(output, claim, options.allowed ?? [])) continue;
      const reason = untraced(source, output, claim);
      if (reason) out.push({ ...claim, reason });
    }
    return out;
  }

  /** Strips every untraceable claim (the list item, or else the sentence, that makes it) and reports it. */
  function guard(sourceText: string, output: string, options: GuardOptions = {}): GuardResult {
    const source = indexSource(sourceText);
    const removed: RemovedClaim[] = [];
    let text = output;
    // A removal can expose nothing new, but a cleaned-up line may read differently: check again.
    for (let round = 0; round < 3; round++) {
      const bad = checkIndexed(source, text, options);
      if (bad.length === 0) break;
      for (const claim of bad) {
        if (!removed.some((r) => r.claim === claim.text && r.kind === claim.kind)) {
          removed.push({ claim: claim.text, kind: claim.kind, reason: claim.reason });
        }
      }
      text = removeRanges(
        text,
        bad.map((c) => removalRange(text, c)),
      );
    }
    return { text: removed.length > 0 ? dropEmptiedSections(output, text) : text, removed };
  }

  return { claims: (text: string) => extractClaims(extractor, text), check, guard };
}

export type FaithfulnessGuard = ReturnType<typeof createFaithfulnessGuard>;

const LIST_SEPARATOR = /\s*(?:,|;|\||·|•)\s*/g;

/** The smallest unit that makes the claim: a list item, else its sentence, else its line. */
export function removalRange(
  text: string,
  claim: Pick<Claim, 'start' | 'end'>,
): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', claim.start - 1) + 1;
  const newline = text.indexOf('\n', claim.end);
  const lineEnd = newline < 0 ? text.length : newline;
  const line = text.slice(lineStart, lineEnd);
  const wholeLine = { start: lineStart, end: newline < 0 ? lineEnd : lineEnd + 1 };
  const heading = /^\s*(#{1,6})\s/.exec(line);
  if (heading) {
    // A role heading takes its bullets along: left behind, they would read as the role above's.
    if (heading[1]!.length < 3) return wholeLine;
    const next = /^\s*#{1,6}\s/m.exec(text.slice(wholeLine.end));
    return { start: lineStart, end: next ? wholeLine.end + next.index : text.length };
  }
  if (/^\s*#/.test(line)) return wholeLine;
  const content = line.replace(/^\s*(?:[-*+•]\s+)?(?:\*\*[^*]+\*\*:?\s*|[\p{L} &]{2,30}:\s+)?/u, '');
  const contentStart = lineStart + line.length - content.length;
  const items = content.split(LIST_SEPARATOR);
  if (items.length >= 3 && items.every((i) => i.split(/\s+/).length <= 6)) {
    let at = contentStart;
    for (const m of content.matchAll(LIST_SEPARATOR)) {
      const itemEnd = contentStart + m.index;
      if (claim.start < itemEnd + m[0].length) return { start: at, end: itemEnd + m[0].length };
      at = itemEnd + m[0].length;
    }
    // The last item: take the separator before it instead.
    const lastSep = [...content.matchAll(LIST_SEPARATOR)].at(-1)!;
    return { start: contentStart + lastSep.index, end: lineEnd };
  }
  const sentence = sentenceAround(text, claim);
  const start = Math.max(sentence.start, contentStart);
  const end = Math.min(sentence.end, lineEnd);
  if (text.slice(contentStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '')
    return wholeLine;
  return { start, end };
}

const HEADING_LEVEL = /^\s*(#{1,6})\s/;
const headingLevel = (line: string) => HEADING_LEVEL.exec(line)?.[1]?.length;

/** Line numbers of Markdown headings with nothing under them before the next heading of their level. */
function emptyHeadings(lines: readonly string[]): number[] {
  const out: number[] = [];
  lines.forEach((line, i) => {
    const level = headingLevel(line);
    if (level === undefined) return;
    for (let j = i + 1; j < lines.length; j++) {
      const next = headingLevel(lines[j]!);
      if (next !== undefined && next <= level) break;
      if (lines[j]!.trim() !== '') return;
    }
    out.push(i);
  });
  return out;
}

/** Drops the headings whose whole content was removed ("## Certifications" with none left). */
function dropEmptiedSections(before: string, after: string): string {
  const beforeLines = before.split('\n');
  const wereEmpty = new Set(emptyHeadings(beforeLines).map((i) => beforeLines[i]!.trim()));
  const lines = after.split('\n');
  const drop = new Set(emptyHeadings(lines).filter((i) => !wereEmpty.has(lines[i]!.trim())));
  if (drop.size === 0) return after;
  return lines
    .filter((_, i) => !drop.has(i))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\s+$/, before.endsWith('\n') ? '\n' : '');
}

function removeRanges(text: string, ranges: Array<{ start: number; end: number }>): string {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const r of sorted) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  let out = text;
  for (const r of merged.reverse()) out = out.slice(0, r.start) + out.slice(r.end);
  return out
    .split('\n')
    .map((l) =>
      l
        .replace(/[ \t]{2,}/g, ' ')
        .replace(/\s+([,;]|\.(?=\s|$))/g, '$1')
        .replace(/[ \t]+$/, ''),
    )
    .filter((l) => !/^\s*[-*+•]\s*$/.test(l))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
