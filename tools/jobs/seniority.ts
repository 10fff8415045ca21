import type { Seniority } from './types.ts';

// Titles are read most-senior-first so "Senior Director" is a director and "Senior Staff Engineer" is
// staff. Each pattern must start and end on a word boundary.
const TITLE_RULES: Array<[RegExp, Seniority]> = [
  [
    /\b(?:intern(?:ship)?|praktikant(?:in)?|praktikum|werkstudent(?:in)?|working student|stagiaire|co-?op)\b/i,
    'intern',
  ],
  [/\b(?:vp|svp|evp|avp|vice[- ]president)\b/i, 'director'],
  [
    /\b(?:chief\s+\w+\s+officer|chief|ceo|cto|cfo|coo|cpo|cmo|cio|ciso|cro|founder|co-?founder|president|geschäftsführer(?:in)?|managing director)\b/i,
    'executive',
  ],
  [/\b(?:director|head of|leiter(?:in)?|bereichsleiter(?:in)?)\b|\bhead\s*[,\-–:]/i, 'director'],
  // Only people managers: "Product Manager" and "Account Manager" are individual contributors.
  [
    /\b(?:engineering|development|software|team|people|general|delivery|r&d|data science|it|qa|support|operations|site)\s+manager\b|\bmanager\s*(?:,|of|-|–)\s*(?:software|engineering|data|platform|infrastructure|development)\b|\bteamleiter(?:in)?\b/i,
    'manager',
  ],
  [/\b(?:principal|distinguished|fellow)\b/i, 'principal'],
  [/\bstaff\b(?!\s*(?:accountant|nurse|writer|assistant))/i, 'staff'],
  [/\b(?:lead|tech lead|team lead|technical lead)\b(?!\s+(?:generation|gen)\b)/i, 'lead'],
  [/\b(?:senior|sr\.?|snr|experienced|erfahrene[rn]?)(?=\s|$|\W)/i, 'senior'],
  [
    /\b(?:junior|jr\.?|graduate|new grad|grad|entry[- ]level|entry|associate|trainee|apprentice|azubi|einsteiger)(?=\s|$|\W)/i,
    'junior',
  ],
  [/\b(?:mid[- ]?level|mid[- ]senior|mid|intermediate|medior)\b/i, 'mid'],
];

// Engineering ladders ("Software Engineer II"); numerals are upper-case in titles, so no `i` flag.
const LADDER: Record<string, Seniority> = {
  I: 'junior',
  II: 'mid',
  III: 'senior',
  IV: 'staff',
  V: 'principal',
};
const LADDER_PATTERN = /(?<=\p{L}\s+)(I{1,3}|IV|V)\b(?=\s*(?:$|[,\-–(|/)]))/u;

const YEARS_PATTERN =
  /(?<!\d)(\d{1,2})\s*\+?\s*(?:(?:-|–|to|bis)\s*\d{1,2}\s*\+?\s*)?(?:years?|yrs?|jahre|ans|años)\b/gi;
const EXPERIENCE_NEAR = /experience|erfahrung|expérience|experiencia|professional|industry|working/i;

function fromTitle(title: string): Seniority | null {
  for (const [pattern, level] of TITLE_RULES) {
    if (pattern.test(title)) return level;
  }
  const ladder = LADDER_PATTERN.exec(title);
  return ladder ? (LADDER[ladder[1]!] ?? null) : null;
}

/** The smallest years-of-experience figure a description asks for ("5+ years of experience"), or null. */
export function yearsOfExperience(text: string): number | null {
  let fewest: number | null = null;
  for (const match of text.matchAll(YEARS_PATTERN)) {
    const around = text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40);
    if (!EXPERIENCE_NEAR.test(around) || /\bago\b|\bold\b|founded|history/i.test(around)) continue;
    const years = Number(match[1]);
    if (years <= 20 && (fewest === null || years < fewest)) fewest = years;
  }
  return fewest;
}

function fromYears(years: number): Seniority {
  if (years <= 1) return 'junior';
  if (years <= 4) return 'mid';
  return 'senior';
}

/**
 * The level a posting hires for: the title decides when it says anything ("Staff", "Engineer II");
 * otherwise the years of experience the description asks for; null when neither says.
 */
export function inferSeniority(title: string, text?: string): Seniority | null {
  const fromTitleLevel = fromTitle(title);
  if (fromTitleLevel) return fromTitleLevel;
  if (!text) return null;
  if (/\b(?:entry[- ]level|new grads?|no experience required|recent graduates?)\b/i.test(text))
    return 'junior';
  const years = yearsOfExperience(text);
  return years === null ? null : fromYears(years);
}
