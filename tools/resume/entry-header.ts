// Splits an experience entry's header ("Senior Engineer — Acme Corp, Berlin") into title, employer
// and location. Resumes put these in any order, so parts are told apart by what they contain.

export interface HeaderParts {
  title?: string;
  employer?: string;
  location?: string;
}

const TITLE_WORDS =
  /\b(?:engineer(?:ing)?|developer|programmer|architect|manager|director|lead|head|analyst|scientist|designer|consultant|intern|internship|specialist|administrator|admin|officer|coordinator|associate|assistant|technician|founder|co-founder|owner|cto|ceo|cfo|coo|cio|vp|vice president|president|principal|staff|senior|junior|sr|jr|sre|devops|researcher|professor|lecturer|teacher|tutor|writer|editor|accountant|nurse|recruiter|representative|advisor|strategist|marketer|qa|tester|trainee|apprentice|werkstudent|praktikant(?:in)?|entwickler(?:in)?|ingenieur(?:in)?|berater(?:in)?|leiter(?:in)?|geschäftsführer(?:in)?|fellow|executive|clerk|agent|chef|cook|operator|mechanic|owner|member of technical staff)\b/giu;
// Words that mark an organisation; ones that also start job titles ("Software", "Systems",
// "Solutions") are left out.
const ORG_WORDS =
  /(?<![-\p{L}])(?:inc|llc|ltd|limited|gmbh|ag|se|corp|corporation|co|company|plc|bv|b\.v|sa|sas|srl|kg|oy|ab|group|holdings?|labs?|technologies|studios?|bank|university|universität|institute|agency|partners|ventures|capital|foundation|hospital|industries|bros)(?![-\p{L}])\.?|\.(?:com|io|ai|de|co)\b/giu;
const EMPLOYMENT_TYPE =
  /^(?:full[- ]?time|part[- ]?time|contract(?:or)?|internship|temporary|permanent|vollzeit|teilzeit)$/i;
const REMOTE = /^(?:remote|hybrid|on[- ]?site)\b/i;
const CAPITALISED_WORDS = /^[\p{Lu}][\p{L}.'-]*(?:\s+[\p{Lu}][\p{L}.'-]*){0,2}$/u;
const REGION_CODE = /^\p{Lu}{2,3}$/u;
/** Leftovers of a removed date, such as "Summer 2018" or a second year. */
const DATE_LEFTOVER = /^(?:\p{L}+\s+)?(?:19|20)\d{2}$/u;

const BULLET = /^\s*(?:[-•*▪◦‣·–—►✓➢]|\d{1,2}[.)])\s+/u;
export const hasBulletMarker = (line: string) => BULLET.test(line);
export const stripBulletMarker = (line: string) => line.replace(BULLET, '').trim();

const count = (re: RegExp, s: string) => s.match(re)?.length ?? 0;
export const titleScore = (s: string) => count(TITLE_WORDS, s);
export const orgScore = (s: string) => count(ORG_WORDS, s);

/** Splits a header line on the separators resumes use between title, employer and place. */
export function splitHeaderLine(line: string): string[] {
  return line
    .replace(/[()[\]]/g, ' ')
    .split(/\s+[—–|·•@-]\s+|\s*[|·•]\s*|\s+(?:at|bei|@)\s+|\t+|\s{3,}/u)
    .map((p) =>
      p
        .trim()
        .replace(/^[-–—,:;|]+\s*|\s*[-–—,:;|]+$/g, '')
        .trim(),
    )
    .filter((p) => p !== '' && !EMPLOYMENT_TYPE.test(p) && !DATE_LEFTOVER.test(p));
}

const placeLike = (piece: string) =>
  REGION_CODE.test(piece) ||
  (CAPITALISED_WORDS.test(piece) && titleScore(piece) === 0 && orgScore(piece) === 0);

/**
 * Splits a comma-separated part into names and a trailing place: "Initech, Austin, TX" is an
 * employer and a place, "Backend Developer, Globex GmbH" a title and an employer, while
 * "Senior Engineer, Platform" stays one title (a team, not a town).
 */
function explodePart(part: string, alone: boolean): { names: string[]; location?: string } {
  if (REMOTE.test(part)) return { names: [], location: part };
  const pieces = part.split(/\s*,\s*/).filter((p) => p !== '');
  if (pieces.length === 1) return { names: [part] };
  let k = 0;
  while (k < Math.min(2, pieces.length) && placeLike(pieces[pieces.length - 1 - k]!)) k++;
  if (k === pieces.length) return { names: [], location: part };
  let head = pieces.slice(0, pieces.length - k);
  const titled = head.some((p) => titleScore(p) > 0 && orgScore(p) === 0);
  const hasCode = REGION_CODE.test(pieces.at(-1)!);
  if (k > 0 && titled && !hasCode && head.every((p) => orgScore(p) === 0)) {
    k = 0;
    head = pieces;
  }
  const location = k > 0 ? pieces.slice(-k).join(', ') : undefined;
  const mixed = titled && head.some((p) => titleScore(p) === 0 && (orgScore(p) > 0 || alone));
  const names = mixed ? head : [head.join(', ')];
  return location ? { names, location } : { names };
}

/** Assigns header parts to title, employer and location. */
export function classifyHeaderParts(parts: string[]): HeaderParts {
  const result: HeaderParts = {};
  const named: string[] = [];
  for (const part of parts) {
    const { names, location } = explodePart(part, parts.length === 1);
    if (location) result.location ??= location;
    named.push(...names);
  }
  if (named.length === 0) return result;
  if (named.length === 1) {
    const only = named[0]!;
    if (titleScore(only) > orgScore(only)) result.title = only;
    else result.employer = only;
    return result;
  }
  // Highest title-minus-organisation score is the title; ties go to the first part, the usual order.
  let titleAt = 0;
  let best = Number.NEGATIVE_INFINITY;
  named.forEach((part, i) => {
    const score = titleScore(part) - orgScore(part);
    if (score > best) {
      best = score;
      titleAt = i;
    }
  });
  result.title = named[titleAt];
  result.employer = named.find((_, i) => i !== titleAt);
  return result;
}

/** How many of title and employer a set of parts fills. */
export function filledRoles(parts: HeaderParts): number {
  return (parts.title ? 1 : 0) + (parts.employer ? 1 : 0);
}
