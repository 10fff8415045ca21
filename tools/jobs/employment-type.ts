import type { EmploymentType } from './types.ts';

// A source's own field ("FULL_TIME", "Vollzeit", "Full-time, Fixed-term"): the most specific kind wins,
// so a fixed-term full-time job is temporary and a part-time internship is an internship.
const FIELD_RULES: Array<[RegExp, EmploymentType]> = [
  [
    /\b(?:intern(?:ship)?|werkstudent(?:in)?|working student|praktikum|praktikant(?:in)?|stage|stagiaire|apprentice(?:ship)?|ausbildung|trainee(?:ship)?|co-?op)\b/i,
    'internship',
  ],
  [
    /\b(?:contract(?:or|ors)?|contract to hire|freelance[r]?|freiberuflich|freie mitarbeit|b2b|1099|c2c|corp to corp|self[- ]employed|consultancy|interim)\b/i,
    'contract',
  ],
  [
    /\b(?:temporary|temp|fixed[- ]term|befristet|seasonal|cdd|per diem|casual|zeitarbeit|limited[- ]term)\b/i,
    'temporary',
  ],
  [/\b(?:part[- ]?time|teilzeit|temps partiel|tiempo parcial|deeltijd|minijob|mini-job)\b/i, 'part_time'],
  [
    /\b(?:full[- ]?time|vollzeit|permanent|festanstellung|unbefristet|cdi|tiempo completo|temps plein|voltijd|regular|employee)\b/i,
    'full_time',
  ],
];

// Free text (a description) mentions contracts and part-time options in passing, so only phrases
// that describe this job count, and the earliest one wins.
const TEXT_RULES: Array<[RegExp, EmploymentType]> = [
  [
    /\b(?:internship|werkstudent(?:in)?|working student|praktikum|(?:summer |paid )?intern (?:position|role|program))\b/i,
    'internship',
  ],
  [
    /\b(?:contract (?:role|position|job|basis|opportunity)|(?:\d+|six|three|twelve)[- ]months? contract|contract[- ]to[- ]hire|freelance (?:role|position|project|basis)|freelancer|as a contractor|b2b contract)\b/i,
    'contract',
  ],
  [
    /\b(?:fixed[- ]term|temporary (?:role|position|contract)|befristet|maternity cover|parental leave cover)\b/i,
    'temporary',
  ],
  [/\b(?:part[- ]time (?:role|position|job|employment|basis)|teilzeit)\b/i, 'part_time'],
  [
    /\b(?:full[- ]time (?:role|position|job|employment|basis|permanent)|permanent (?:role|position|contract)|vollzeit|festanstellung)\b/i,
    'full_time',
  ],
];

// Titles carry markers like "Werkstudent (m/w/d)" or "Designer (Contract)"; "Contract Manager" is not one.
const TITLE_RULES: Array<[RegExp, EmploymentType]> = [
  [
    /\b(?:intern(?:ship)?|werkstudent(?:in)?|working student|praktikum|praktikant(?:in)?|stagiaire|co-?op)\b/i,
    'internship',
  ],
  [
    /(?:[([\-–,|]\s*contract(?:or)?\s*(?:[)\]]|$))|^contract\s*[-–:|]|\b(?:freelance[r]?|freiberuflich|b2b)\b/i,
    'contract',
  ],
  [/\b(?:temporary|fixed[- ]term|befristet|maternity cover|seasonal)\b/i, 'temporary'],
  [/\b(?:part[- ]?time|teilzeit)\b/i, 'part_time'],
  [/\b(?:full[- ]?time|vollzeit)\b/i, 'full_time'],
];

function firstRule(rules: Array<[RegExp, EmploymentType]>, text: string): EmploymentType | null {
  return rules.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

function normalizeField(raw: string): string {
  return raw.replace(/[_]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function firstInText(text: string): EmploymentType | null {
  let best: { type: EmploymentType; index: number } | null = null;
  for (const [pattern, type] of TEXT_RULES) {
    const match = pattern.exec(text);
    if (match && (best === null || match.index < best.index)) best = { type, index: match.index };
  }
  return best?.type ?? null;
}

/**
 * The kind of employment: from the source's field when it names one ("FULL_TIME", "Teilzeit",
 * "Contractor"), else from markers in the title ("Werkstudent (m/w/d)"), else from phrases in the text
 * ("this is a fixed-term position"); null when none says.
 */
export function inferEmploymentType(raw?: string, text?: string, title?: string): EmploymentType | null {
  const fromField = raw?.trim() ? firstRule(FIELD_RULES, normalizeField(raw)) : null;
  const fromTitle = title ? firstRule(TITLE_RULES, title) : null;
  return fromField ?? fromTitle ?? (text ? firstInText(text) : null);
}
