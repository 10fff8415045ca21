import type { SkillExtractor } from './extract.ts';

export type RequirementKind = 'required' | 'preferred' | 'other';

/** A stretch of the original text, end exclusive, and what kind of requirement it states. */
export interface RequirementRange {
  start: number;
  end: number;
  kind: RequirementKind;
}

export interface RequirementSplit {
  required: string;
  preferred: string;
  other: string;
}

const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';

function phrases(list: readonly string[]): RegExp {
  return new RegExp(`${L}(?:${list.join('|')})${R}`, 'iu');
}

// A line with no heading markup must be nothing but the phrase, or "You have 5 years of Go" would
// pass for a heading.
function wholeLine(list: readonly string[]): RegExp {
  return new RegExp(`^(?:${list.join('|')})(?:\\s*\\(.*\\))?$`, 'iu');
}

// Checked before the required list: "Preferred qualifications" is a nice-to-have heading.
const PREFERRED_HEADING_PHRASES = [
  'nice[\\s-]to[\\s-]haves?',
  'bonus(?: points)?',
  'preferred',
  'desired',
  'desirable',
  'pluses',
  'plus points',
  '(?:good|great) to have',
  'ideally',
  'extra credit',
  'even better',
  'stand out',
  'optional',
  'would be (?:a plus|great|nice)',
  'pluspunkte?',
  'wünschenswert',
  'von vorteil',
  'idealerweise',
  'ein plus',
  'kann[\\s-]?kriterien',
  'atouts?',
  'preferred (?:qualifications|skills|experience)',
];
const PREFERRED_HEADING = phrases(PREFERRED_HEADING_PHRASES);
const PREFERRED_HEADING_LINE = wholeLine(PREFERRED_HEADING_PHRASES);

const REQUIRED_HEADING_PHRASES = [
  'requirements?',
  'required(?: skills| qualifications| experience)?',
  '(?:minimum|basic|key|core) qualifications',
  'qualifications?',
  'must[\\s-]haves?',
  "what you(?:'ll|’ll| will)? bring",
  "what (?:we're|we’re|we are) looking for",
  "who (?:we're|we’re|we are) looking for",
  'who you are',
  'about you',
  'you (?:should )?have',
  'you bring',
  'your (?:profile|skills|background|experience)',
  'skills(?: (?:and|&) (?:experience|qualifications))?',
  '(?:key|core|essential|technical) skills',
  'essentials?',
  "what you(?:'ll|’ll| will)? need",
  'experience',
  'anforderungen',
  'anforderungsprofil',
  '(?:dein|ihr|unser|euer) profil',
  'das (?:bringst du|bringen sie) mit',
  'was (?:du mitbringst|sie mitbringen)',
  'du bringst mit',
  'voraussetzungen',
  '(?:deine |ihre )?qualifikation(?:en)?',
  'was wir (?:von dir |von ihnen )?erwarten',
  'profil recherché',
  'compétences requises',
  "you(?:'ll|’ll| will)? need",
];
const REQUIRED_HEADING = phrases(REQUIRED_HEADING_PHRASES);
const REQUIRED_HEADING_LINE = wholeLine(REQUIRED_HEADING_PHRASES);

const PREFERRED_SENTENCE = phrases([
  'nice[\\s-]to[\\s-]have',
  'bonus(?: points)?',
  '(?:(?:is|are|would be) )?a (?:big |huge |strong )?plus',
  '(?:is|are|would be) (?:a )?(?:big |huge |strong )?plus',
  'preferred',
  'preferably',
  'ideally',
  'desirable',
  'advantageous',
  '(?:is|are|would be) an advantage',
  'would be (?:great|nice)',
  'not required,? but',
  'von vorteil',
  'wünschenswert',
  'idealerweise',
  'pluspunkt(?:e)?',
  'ein plus',
  'gerne gesehen',
]);

const REQUIRED_SENTENCE = phrases([
  'must[\\s-]haves?',
  'is a must',
  'are a must',
  'you must',
  'required',
  'mandatory',
  'essential',
  'you (?:will )?need',
  'zwingend',
  'erforderlich',
  'setzen voraus',
  'voraussetzung',
]);

const BULLET = /^\s*(?:[-*+•·▪‣◦–]|\d{1,2}[.)])\s+/u;
const MARKDOWN_HEADING = /^\s{0,3}#{1,6}\s+/;
const EMPHASIS_ONLY = /^\s*(\*\*|__|\*|_)([^*_]+?)\1\s*:?\s*$/;
const LEAD_IN = /^([^:.!?]{2,60}):\s*(\S.*)$/u;

function headingKind(title: string, whole: boolean): RequirementKind | null {
  if ((whole ? PREFERRED_HEADING_LINE : PREFERRED_HEADING).test(title)) return 'preferred';
  if ((whole ? REQUIRED_HEADING_LINE : REQUIRED_HEADING).test(title)) return 'required';
  return null;
}

function plainText(line: string): string {
  return line
    .replace(MARKDOWN_HEADING, '')
    .replace(/[*_`]+/g, '')
    .replace(/:\s*$/, '')
    .trim();
}

function wordCount(value: string): number {
  return value.split(/\s+/).filter(Boolean).length;
}

interface LineVerdict {
  kind: RequirementKind;
  /** Where the line's own content starts when a lead-in ("Nice to have: Kafka") carries some. */
  contentFrom: number | null;
}

/** Whether a line opens a section, and which; null for an ordinary line of content. */
function readHeading(line: string): LineVerdict | null {
  if (line.trim() === '' || BULLET.test(line)) return null;
  const title = plainText(line);
  if (title === '' || wordCount(title) > 10) return null;
  const leadIn = LEAD_IN.exec(line);
  if (leadIn && wordCount(plainText(leadIn[1]!)) <= 6) {
    const leadKind = headingKind(plainText(leadIn[1]!), false);
    if (leadKind) return { kind: leadKind, contentFrom: line.length - leadIn[2]!.length };
  }
  const isMarked = MARKDOWN_HEADING.test(line) || EMPHASIS_ONLY.test(line) || /:\s*$/.test(line);
  if (isMarked) return { kind: headingKind(title, false) ?? 'other', contentFrom: null };
  const kind = headingKind(title.replace(/[.!?]+$/, ''), true);
  return kind ? { kind, contentFrom: null } : null;
}

function sentenceKind(sentence: string, section: RequirementKind): RequirementKind {
  if (PREFERRED_SENTENCE.test(sentence)) return 'preferred';
  if (section === 'other' && REQUIRED_SENTENCE.test(sentence)) return 'required';
  return section;
}

function pushRange(ranges: RequirementRange[], start: number, end: number, kind: RequirementKind): void {
  if (end <= start) return;
  const last = ranges.at(-1);
  if (last && last.kind === kind && last.end === start) last.end = end;
  else ranges.push({ start, end, kind });
}

function pushSentences(
  ranges: RequirementRange[],
  text: string,
  from: number,
  to: number,
  section: RequirementKind,
) {
  const sentenceEnd = /[.!?;](?=\s)/g;
  sentenceEnd.lastIndex = from;
  let start = from;
  for (let m = sentenceEnd.exec(text); m && m.index < to; m = sentenceEnd.exec(text)) {
    pushRange(ranges, start, m.index + 1, sentenceKind(text.slice(start, m.index + 1), section));
    start = m.index + 1;
  }
  pushRange(ranges, start, to, sentenceKind(text.slice(start, to), section));
}

/**
 * Splits a posting into ranges of the original text by the headings and lead-ins that announce
 * must-haves and nice-to-haves (English and German). Text under no recognised heading is 'other'.
 */
export function splitRequirementRanges(markdownOrText: string): RequirementRange[] {
  if (typeof markdownOrText !== 'string') {
    throw new TypeError(`splitRequirements: text must be a string, got ${typeof markdownOrText}`);
  }
  const text = markdownOrText;
  const ranges: RequirementRange[] = [];
  let section: RequirementKind = 'other';
  // "Bonus points: Rust" speaks for its own line and any bullets right under it, not for the prose after.
  let leadIn: RequirementKind | null = null;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const next = newline < 0 ? text.length + 1 : newline + 1;
    const line = text.slice(lineStart, lineEnd);
    const heading = readHeading(line);
    if (heading && heading.contentFrom !== null) {
      leadIn = heading.kind;
      pushSentences(ranges, text, lineStart + heading.contentFrom, lineEnd, heading.kind);
    } else if (heading) {
      section = heading.kind;
      leadIn = null;
    } else if (line.trim() !== '') {
      if (leadIn && !BULLET.test(line)) leadIn = null;
      pushSentences(ranges, text, lineStart, Math.min(next, text.length), leadIn ?? section);
    }
    lineStart = next;
  }
  return ranges;
}

export function splitRequirements(markdownOrText: string): RequirementSplit {
  const split: Record<RequirementKind, string[]> = { required: [], preferred: [], other: [] };
  for (const range of splitRequirementRanges(markdownOrText)) {
    split[range.kind].push(markdownOrText.slice(range.start, range.end).trim());
  }
  const join = (parts: string[]) => parts.filter(Boolean).join('\n');
  return { required: join(split.required), preferred: join(split.preferred), other: join(split.other) };
}

function kindAt(ranges: readonly RequirementRange[], position: number): RequirementKind {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const range = ranges[mid]!;
    if (position < range.start) high = mid - 1;
    else if (position >= range.end) low = mid + 1;
    else return range.kind;
  }
  return 'other';
}

/**
 * Skills a posting requires and those it only prefers. The whole text is read at once, so an
 * ambiguous skill in one section can draw context from another; skills outside any recognised
 * section count as required, and a skill named in both parts is required.
 */
export function classifySkills(
  extractor: Pick<SkillExtractor, 'extract'>,
  jobText: string,
): { required: string[]; preferred: string[] } {
  if (!extractor || typeof extractor.extract !== 'function') {
    throw new TypeError('classifySkills: extractor must have an extract(text) function');
  }
  const ranges = splitRequirementRanges(jobText);
  const required: string[] = [];
  const preferred: string[] = [];
  for (const mention of extractor.extract(jobText)) {
    const kinds = mention.spans.map((span) => kindAt(ranges, span.start));
    if (kinds.some((kind) => kind !== 'preferred')) required.push(mention.skill);
    else preferred.push(mention.skill);
  }
  return { required, preferred };
}
