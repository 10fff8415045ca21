import { findDateRanges, findLoneDate, type MonthString } from './dates.ts';
import { splitHeaderLine, stripBulletMarker } from './entry-header.ts';

export interface EducationEntry {
  institution: string;
  degree?: string;
  field?: string;
  start?: MonthString;
  end?: MonthString | 'present';
}

const INSTITUTION =
  /\b(?:university|universität|universidad|université|universita|college|school|institute|institut|hochschule|fachhochschule|academy|akademie|polytechnic|politecnico|gymnasium|conservatory|seminary|MIT|ETH|EPFL|TU|LMU|UCLA|KIT)\b/iu;
const DEGREE =
  /^(?:(?:bachelor|master)(?:'s)?(?:\s+of\s+(?:science|arts|engineering|business administration|fine arts|laws))?(?:\s+degree)?|b\.?\s?sc\.?|m\.?\s?sc\.?|b\.?\s?eng\.?|m\.?\s?eng\.?|b\.?s\.?|m\.?s\.?|b\.?a\.?|m\.?a\.?|mba|ph\.?\s?d\.?|doctor(?:ate)?(?:\s+of\s+\p{L}+)?|dr\.|diplom(?:-\p{L}+)?|magister|staatsexamen|abitur|associate(?:'s)?(?:\s+degree)?|a\.?a\.?s?\.?|high school diploma|ged|bootcamp)(?![\p{L}])/iu;

interface Draft {
  institution?: string;
  degree?: string;
  field?: string;
  start?: MonthString;
  end?: MonthString | 'present';
}

function readDegree(part: string): Pick<Draft, 'degree' | 'field'> | undefined {
  const m = part.match(DEGREE);
  if (!m) return undefined;
  const degree = m[0].trim();
  const field = part
    .slice(m[0].length)
    .replace(/^\s*(?:(?:in|of)\s+|[,:–-]\s*)/i, '')
    .trim();
  return field ? { degree, field } : { degree };
}

function readDates(line: string, draft: Draft): string {
  const range = findDateRanges(line)[0];
  if (range) {
    if (range.start) draft.start = range.start;
    if (range.end) draft.end = range.end;
    return line.slice(0, range.index) + line.slice(range.index + range.length);
  }
  const lone = findLoneDate(line);
  if (lone) {
    draft.end = lone.date;
    return line.slice(0, lone.index) + line.slice(lone.index + lone.length);
  }
  return line;
}

function finish(draft: Draft | undefined, out: EducationEntry[]): void {
  if (!draft || (!draft.institution && !draft.degree)) return;
  const entry: EducationEntry = { institution: draft.institution ?? '' };
  if (draft.degree) entry.degree = draft.degree;
  if (draft.field) entry.field = draft.field;
  if (draft.start) entry.start = draft.start;
  if (draft.end) entry.end = draft.end;
  out.push(entry);
}

function readLine(rest: string): Draft {
  const found: Draft = {};
  const parts = splitHeaderLine(rest)
    .flatMap((p) => p.split(/,\s*/))
    .filter((p) => p.trim() !== '');
  for (const part of parts) {
    const degree = readDegree(part);
    if (degree && !found.degree) Object.assign(found, degree);
    else if (INSTITUTION.test(part) && !found.institution) found.institution = part;
    // "Bachelor of Science, Computer Science": the part after a bare degree is its field.
    else if (found.degree && !found.field && !found.institution) found.field = part;
  }
  return found;
}

/** Parses an education section: one entry per institution, with degree, field and dates nearby. */
export function parseEducation(body: string): EducationEntry[] {
  const entries: EducationEntry[] = [];
  let draft: Draft | undefined;
  for (const raw of body.split('\n')) {
    const line = stripBulletMarker(raw);
    if (line === '') continue;
    const dates: Draft = {};
    const found = readLine(readDates(line, dates));
    const hasNews = Boolean(found.institution || found.degree);
    if (hasNews && (!draft || (found.institution && draft.institution) || (found.degree && draft.degree))) {
      finish(draft, entries);
      draft = {};
    }
    if (!draft) continue;
    draft.institution ??= found.institution;
    if (found.degree && !draft.degree) {
      draft.degree = found.degree;
      draft.field = found.field;
    }
    draft.start ??= dates.start;
    draft.end ??= dates.end;
  }
  finish(draft, entries);
  return entries;
}
