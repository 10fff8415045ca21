// Requirements the skills taxonomy does not know ("Ventilator management", "Account planning").
// Dropping them would hide real gaps, so short requirement lines are cut into noun phrases and
// each is looked for, word for word, in the resume.

import type { SkillSpan } from '../skills/extract.ts';
import type { RequirementRange } from '../skills/requirements.ts';

export interface RequirementTerm {
  /** Lower-case, as the posting words it: the term's name in matched/missing lists. */
  name: string;
  label: string;
  importance: 'required' | 'preferred';
  spans: SkillSpan[];
}

const BULLET = /^\s*(?:[-*+•·▪‣◦–]|\d{1,2}[.)])\s+/u;
const MAX_LINE_WORDS = 12;
const MAX_TERM_WORDS = 4;
// Brackets hold examples ("AWS (SageMaker, S3)"): their words are not requirements of their own.
const BRACKETS = /\([^)]*\)|\[[^\]]*\]/g;
const SEPARATOR =
  /\s*(?:[,;:/|]|\s(?:and|or|&|ideally|preferably|e\.g\.|such as|including|like|plus)\s)\s*/giu;
const LEADING_FILLER =
  /^(?:(?:an?|the|some|strong|solid|proven|excellent|good|great|deep|advanced|comprehensive|effective|basic|working|hands-on|practical|demonstrated|expert|familiarity with|familiar with|knowledge of|experience (?:with|in|of)|expertise in|proficiency (?:in|with)|understanding of|background in|track record (?:of|in)|ability to \p{L}+|a commitment to|commitment to|comfortable(?: with)?|ideally|preferably|\d+\s*\+?\s*(?:years?|yrs?)(?: of| in)?|\d+\s*\+)\s+)+/iu;
const TRAILING_FILLER =
  /(?:\s+(?:experience|knowledge|skills?|ownership|background|expertise|proficiency|work|certification|license|licence|abilities|ability|required|preferred|a plus))+$/iu;
const INNER_OBJECT =
  /\b(?:knowledge|experience|expertise|background|skills?|proficiency|understanding|familiarity)\s+(?:in|of|with)\s+(.+)$/iu;
const PREPOSITION = /\s(?:to|for|with|in|on|at|across|from|into|within|using|via|of|by)\s/iu;
const GERUND_START = /^\p{L}+ing\s+/iu;
// Words that on their own say nothing a resume could show.
const GENERIC = new Set(
  `subject ability abilities skills skill experience knowledge teams team audiences audience stakeholders
  environment environments role roles candidates clients customers people work working years year
  technical executive strong excellent good great high level levels communication detail details
  passion passionate motivated self starter ownership fast paced company companies business businesses
  degree equivalent field related relevant similar plus bonus must have nice other others new things
  ideas projects project products product tools tool deals deal you your our we us own able will
  search data systems budget budgets work page pages professional industry commercial prior previous
  real-world demonstrable extensive significant substantial considerable practical solid proven`.split(/\s+/),
);
const STOP_IN_TERM =
  /\b(?:you|your|our|we|us|they|their|is|are|be|been|will|can|should|must|who|which|that)\b/iu;

function cleanFragment(raw: string): string {
  let frag = raw.replace(/[*_`"“”]/g, '').trim();
  const inner = INNER_OBJECT.exec(frag);
  if (inner) frag = inner[1]!;
  frag = frag.replace(LEADING_FILLER, '').replace(GERUND_START, '');
  const cut = PREPOSITION.exec(` ${frag} `);
  if (cut && cut.index > 0) frag = frag.slice(0, cut.index - 1);
  return frag
    .replace(TRAILING_FILLER, '')
    .replace(/^[\s\-–.]+|[\s\-–.!?]+$/g, '')
    .trim();
}

function isUsefulTerm(term: string): boolean {
  const words = term.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_TERM_WORDS) return false;
  if (STOP_IN_TERM.test(term) || !/\p{L}{3,}/u.test(term)) return false;
  if (words.every((w) => GENERIC.has(w))) return false;
  return words.every((w) => /^[\p{L}\p{N}][\p{L}\p{N}+#.'-]*$/u.test(w));
}

function kindAt(ranges: readonly RequirementRange[], at: number): RequirementRange['kind'] {
  return ranges.find((r) => at >= r.start && at < r.end)?.kind ?? 'other';
}

interface Fragment {
  text: string;
  start: number;
}

function fragmentsOf(line: string, offset: number): Fragment[] {
  const out: Fragment[] = [];
  let from = 0;
  for (const m of line.matchAll(SEPARATOR)) {
    out.push({ text: line.slice(from, m.index), start: offset + from });
    from = m.index + m[0].length;
  }
  out.push({ text: line.slice(from), start: offset + from });
  return out;
}

/**
 * Terms from short requirement lines that no taxonomy skill covers. A fragment that holds a known
 * skill is left to the taxonomy: its other words describe that skill ("passive candidates").
 */
export function findRequirementTerms(
  text: string,
  ranges: readonly RequirementRange[],
  skillSpans: readonly SkillSpan[],
): RequirementTerm[] {
  const terms = new Map<string, RequirementTerm>();
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const offset = lineStart;
    lineStart += line.length + 1;
    const kind = kindAt(ranges, offset + line.search(/\S|$/));
    if (kind === 'other') continue;
    const body = line.replace(BULLET, '').replace(BRACKETS, (m) => ' '.repeat(m.length));
    const bodyOffset = offset + line.length - body.length;
    if (body.split(/\s+/).length > MAX_LINE_WORDS || /[.!?]\s+\S/.test(body)) continue;
    for (const frag of fragmentsOf(body, bodyOffset)) {
      const end = frag.start + frag.text.length;
      if (skillSpans.some((s) => s.start < end && s.end > frag.start)) continue;
      const term = cleanFragment(frag.text);
      if (!isUsefulTerm(term)) continue;
      const at = text.indexOf(term, frag.start);
      const span = { start: at, end: at + term.length, text: term };
      const name = term.toLowerCase();
      const known = terms.get(name);
      if (known) {
        known.spans.push(span);
        if (kind === 'required') known.importance = 'required';
      } else terms.set(name, { name, label: term, importance: kind, spans: [span] });
    }
  }
  return [...terms.values()];
}

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Word-for-word places the term occurs in a text (case, plurals and hyphen-or-space aside). */
export function findTermSpans(text: string, term: string): SkillSpan[] {
  const words = term
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  if (words.length === 0) return [];
  // Only the last word takes a plural: "technical sale(s)", "product demonstration(s)".
  const last = words.length - 1;
  words[last] = words[last]!.replace(/(?:es|s)$/u, (suffix, at: number) => (at >= 3 ? '' : suffix));
  for (let i = 0; i < words.length; i++) words[i] = escapeRegExp(words[i]!);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s-]+')}(?:s|es)?(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(pattern)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  }));
}
