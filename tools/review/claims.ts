// Reads the factual claims out of a text: the things a tailored resume or cover letter must not
// state unless the resume does (skills, employers, titles, degrees, certifications, dates, numbers).

import type { SkillExtractor } from '../skills/extract.ts';

export const claimKinds = [
  'skill',
  'employer',
  'title',
  'degree',
  'certification',
  'date',
  'number',
] as const;
export type ClaimKind = (typeof claimKinds)[number];

export interface Claim {
  kind: ClaimKind;
  text: string;
  start: number;
  end: number;
  /** Canonical skill name, for skill and taxonomy certification claims. */
  skill?: string;
  /** Degree family (bachelor, master...), for degree claims. */
  family?: string;
  /** The field a degree names ("Computer Science" in "BSc Computer Science"), if any. */
  field?: string;
  /** Numeric value as digits, for number claims. */
  value?: string;
}

const UPPER_WORD = "[\\p{Lu}][\\p{L}\\d&.'’+-]*";
// Names stay on one line: a gap is spaces or tabs, never a line break.
const GAP = '[ \\t]+';
const NAME_JOINER = `(?:${GAP}(?:&|and|of|de|du|und|für|the)(?=${GAP}\\p{Lu}))?`;

const DEGREE_LONG =
  /(?<![\p{L}])(?:bachelor(?:'s|’s)?|master(?:'s|’s)?|doctorate|doctor of \p{L}+|ph\.\s?d\.?|associate(?:'s|’s)? degree|diplom(?:-\p{L}+)?)(?![\p{L}])/giu;
const DEGREE_SHORT =
  /(?<![\p{L}])(?:B\.?\s?Sc|M\.?\s?Sc|B\.?\s?Eng|M\.?\s?Eng|B\.A|M\.A|B\.S|M\.S|BA|MA|BS|MS|BSc|MSc|BEng|MEng|MBA|MSN|BSN|PhD|Ph\.D|MD|JD|PGCE|LLB|LLM)\.?(?![\p{L}])/gu;
// "in Physics", "degree in Physics", or the field straight after the degree: "BSc (Hons) Physics".
const DEGREE_FIELD =
  /^[ \t]*(?:\((?:Hons|Honours)\)[ \t]*)?(?:[Dd]egree[ \t]+)?(?:(?:in|of)[ \t]+)?((?!(?:Degree|Hons|Honours)(?![\p{L}]))[\p{Lu}][\p{L}&-]*(?:[ \t]+(?:[\p{Lu}][\p{L}&-]*|and|&))*)/u;

const FAMILIES: Array<[RegExp, string]> = [
  [/^(?:bachelor|b\.?\s?(?:sc|eng|a|s|sn)\b|bsc|beng|bsn|llb)/i, 'bachelor'],
  [/^(?:mba)/i, 'mba'],
  [/^(?:master|m\.?\s?(?:sc|eng|a|s|sn)\b|msc|meng|msn|llm)/i, 'master'],
  [/^(?:doctor|ph\.?\s?d|md\b)/i, 'doctorate'],
  [/^(?:associate)/i, 'associate'],
  [/^(?:diplom)/i, 'diplom'],
  [/^(?:pgce)/i, 'pgce'],
  [/^(?:jd)/i, 'jd'],
];

export function degreeFamily(text: string): string {
  const t = text.trim();
  return FAMILIES.find(([re]) => re.test(t))?.[1] ?? t.toLowerCase();
}

const CERTIFICATION = new RegExp(
  `(?<![\\p{L}])(?:Certified(?:${GAP}${UPPER_WORD}){1,5}|(?:${UPPER_WORD}${GAP}){1,4}(?:Certification|Certificate|License|Licence))(?![\\p{L}])`,
  'gu',
);

const TITLE_HEADS =
  'engineer|developer|programmer|architect|manager|director|analyst|scientist|designer|consultant|recruiter|specialist|accountant|nurse|practitioner|teacher|lecturer|professor|tutor|administrator|coordinator|technician|supervisor|controller|auditor|economist|researcher|therapist|pharmacist|physician|paralegal|attorney|lawyer|writer|editor|marketer|strategist|planner|buyer|electrician|mechanic|representative|intern|clerk|founder|co-founder|cto|ceo|cfo|coo';
const TITLE_HEAD = new RegExp(`(?<![\\p{L}])(?:${TITLE_HEADS})s?(?![\\p{L}])`, 'giu');
const LEADING_TITLE = new RegExp(
  `(?<![\\p{L}])(?:Head|Director|VP|Vice President|Chief(?:${GAP}${UPPER_WORD}){1,2}${GAP}Officer|Teacher|Manager|Professor)${GAP}of${GAP}${UPPER_WORD}(?:${GAP}${UPPER_WORD})?`,
  'gu',
);
// Words that end a title going leftwards: "an experienced [DevOps engineer]".
const TITLE_STOP =
  /^(?:a|an|the|as|and|or|of|in|at|for|with|to|my|our|your|his|her|their|i|am|is|was|were|be|been|being|work|worked|working|experienced|seasoned|skilled|passionate|dedicated|motivated|proven|results-driven|detail-oriented|accomplished|certified|licensed|qualified|strong|expert|former|current|currently|now|years?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred|dozens?|several|many|few|multiple|numerous|\d.*)$/i;
const MAX_TITLE_MODIFIERS = 3;

const EMPLOYER_AFTER = new RegExp(
  `(?<![\\p{L}])(?:[Aa]t|[Ff]or|[Ww]ith|[Jj]oined|[Jj]oin|[Jj]oining)${GAP}(${UPPER_WORD}(?:${NAME_JOINER}${GAP}${UPPER_WORD}){0,4})`,
  'gu',
);
const ORG_SUFFIX =
  'Inc|LLC|Ltd|Limited|GmbH|AG|SE|Corp|Corporation|Company|PLC|Group|Holdings|Labs|Technologies|Bank|University|Hospital|Academy|School|Agency|Partners|Ventures|Foundation|Institute|Clinic|Software|Solutions|Systems|Media|Consulting|Hosting';
const EMPLOYER_SUFFIXED = new RegExp(
  `(?<![\\p{L}])(?:${UPPER_WORD}${GAP}){1,4}(?:${ORG_SUFFIX})(?![\\p{L}])\\.?`,
  'gu',
);
const NOT_EMPLOYER =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|i|we|you|my|our|the|this|that|scale|present|current|now|today|remote|hybrid|on-?site)$/i;

const YEAR = /(?<![\d.,/])(?:19|20)\d{2}(?![\d])/g;
const NUMBER =
  /(?<![\p{L}\d.,])[$€£]?\d+(?:[.,]\d+)*(?:\s?(?:%|k|m|bn|x|million|billion))?\+?(?![\p{L}\d])/giu;
/** Number words a resume or a request spells out ("twelve"); "one" is left out, it is mostly a pronoun. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  fifty: 50,
  hundred: 100,
};
const NUMBER_WORD = new RegExp(`(?<![\\p{L}])(?:${Object.keys(NUMBER_WORDS).join('|')})(?![\\p{L}])`, 'giu');

/** "1,200" → "1200", "30%" → "30", "4.5" → "4.5", "twelve" → "12". */
export function numberValue(text: string): string {
  const word = NUMBER_WORDS[text.toLowerCase()];
  if (word !== undefined) return String(word);
  const digits = text.replace(/[^\d.,]/g, '');
  const plain = /^\d{1,3}(?:,\d{3})+$/.test(digits) ? digits.replace(/,/g, '') : digits.replace(',', '.');
  return plain.replace(/\.0+$/, '').replace(/\.$/, '');
}

function titleClaims(text: string): Claim[] {
  const out: Claim[] = [];
  for (const m of text.matchAll(TITLE_HEAD)) {
    let start = m.index;
    for (let n = 0; n < MAX_TITLE_MODIFIERS; n++) {
      const before = /([\p{L}][\p{L}\d/+.&-]*)[ \t]+$/u.exec(text.slice(Math.max(0, start - 40), start));
      if (!before || TITLE_STOP.test(before[1]!) || /[,.;:|]\s*$/.test(before[0])) break;
      start -= before[0].length;
    }
    out.push({
      kind: 'title',
      text: text.slice(start, m.index + m[0].length),
      start,
      end: m.index + m[0].length,
    });
  }
  for (const m of text.matchAll(LEADING_TITLE)) {
    out.push({ kind: 'title', text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function degreeClaims(text: string): Claim[] {
  const out: Claim[] = [];
  for (const re of [DEGREE_LONG, DEGREE_SHORT]) {
    for (const m of text.matchAll(re)) {
      const field = DEGREE_FIELD.exec(text.slice(m.index + m[0].length));
      const end = m.index + m[0].length + (field ? field[0].length : 0);
      out.push({
        kind: 'degree',
        text: text.slice(m.index, end),
        start: m.index,
        end,
        family: degreeFamily(m[0]),
        ...(field ? { field: field[1]!.replace(/[ \t]+(?:and|&)$/, '') } : {}),
      });
    }
  }
  return out;
}

/** "with SQL and Power BI" names tools, not a company: names holding a skill are left to skill claims. */
function employerClaims(text: string, isSkill: (name: string) => boolean): Claim[] {
  const out: Claim[] = [];
  const push = (name: string, start: number) => {
    // "At Google I shipped…": the pronoun is no part of the name.
    const trimmed = name.replace(/[.,]+$/, '').replace(/[ \t]+I$/, '');
    if (NOT_EMPLOYER.test(trimmed) || isSkill(trimmed)) return;
    out.push({ kind: 'employer', text: trimmed, start, end: start + trimmed.length });
  };
  for (const m of text.matchAll(EMPLOYER_AFTER)) push(m[1]!, m.index + m[0].length - m[1]!.length);
  for (const m of text.matchAll(EMPLOYER_SUFFIXED)) push(m[0], m.index);
  return out;
}

// A role line names its employer bare, between separators: "Engineer — Stripe (2019 – 2021)",
// "Stripe, Engineer, 2019". Lines read as role lines when they hold a year or are level-3 headings.
const ROLE_LINE = /(?<![\d.,/])(?:19|20)\d{2}(?!\d)|^\s*#{3,6}\s/;
const SEGMENT_SEPARATOR = /\s+[—–-]\s+|\s*[|,;·•()]\s*|\s+(?:at|@)\s+/gu;
const BARE_NAME = new RegExp(`^${UPPER_WORD}(?:${NAME_JOINER}${GAP}${UPPER_WORD}){0,4}$`, 'u');

/** Bare names on role lines that no other claim covers: the employer (or place) the line names. */
function roleLineEmployers(
  text: string,
  taken: readonly Claim[],
  isSkill: (name: string) => boolean,
): Claim[] {
  const out: Claim[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const offset = lineStart;
    lineStart += line.length + 1;
    if (!ROLE_LINE.test(line)) continue;
    const pieces: Array<[number, number]> = [];
    let from = 0;
    for (const m of line.matchAll(SEGMENT_SEPARATOR)) {
      pieces.push([from, m.index]);
      from = m.index + m[0].length;
    }
    pieces.push([from, line.length]);
    for (const [a, b] of pieces) {
      const raw = line.slice(a, b);
      const lead = /^[\s#*_>•-]*/u.exec(raw)![0].length;
      const name = raw.slice(lead).replace(/[\s*_.:]+$/u, '');
      if (!name || /\d/.test(name) || !BARE_NAME.test(name)) continue;
      if (NOT_EMPLOYER.test(name) || isSkill(name)) continue;
      const start = offset + a + lead;
      const end = start + name.length;
      if (taken.some((c) => c.start < end && c.end > start)) continue;
      out.push({ kind: 'employer', text: name, start, end });
    }
  }
  return out;
}

function numericClaims(text: string): Claim[] {
  const out: Claim[] = [];
  const years = [...text.matchAll(YEAR)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  for (const y of years) out.push({ kind: 'date', text: text.slice(y.start, y.end), ...y });
  for (const m of [...text.matchAll(NUMBER), ...text.matchAll(NUMBER_WORD)]) {
    const start = m.index;
    const end = start + m[0].length;
    if (years.some((y) => y.start < end && y.end > start)) continue;
    // "03/2018": the month of a date, not a figure.
    if (/^\s*[/.]\s*(?:19|20)\d{2}/.test(text.slice(end, end + 6))) continue;
    out.push({ kind: 'number', text: m[0], start, end, value: numberValue(m[0]) });
  }
  return out;
}

/** Every claim in a text, in reading order. */
export function extractClaims(
  extractor: Pick<SkillExtractor, 'extract' | 'canonicalize'>,
  text: string,
): Claim[] {
  const claims: Claim[] = [];
  for (const mention of extractor.extract(text)) {
    const kind: ClaimKind = mention.category === 'certification' ? 'certification' : 'skill';
    for (const s of mention.spans)
      claims.push({ kind, text: s.text, start: s.start, end: s.end, skill: mention.skill });
  }
  for (const m of text.matchAll(CERTIFICATION)) {
    claims.push({ kind: 'certification', text: m[0], start: m.index, end: m.index + m[0].length });
  }
  claims.push(...titleClaims(text), ...degreeClaims(text), ...numericClaims(text));
  const isSkill = (name: string) => extractor.extract(name).length > 0;
  claims.push(...employerClaims(text, isSkill));
  claims.push(...roleLineEmployers(text, claims, isSkill));
  return claims.sort((a, b) => a.start - b.start || b.end - a.end);
}
