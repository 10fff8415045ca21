// Name and contact details, read from the header block above the first section.

export interface Contact {
  email?: string;
  phone?: string;
  location?: string;
  links: string[];
}

const EMAIL = /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.[\p{L}]{2,}/u;
const PHONE = /(?:\+|00)?\d[\d\s()./-]{6,}\d/g;
const URL_LIKE =
  /\b(?:https?:\/\/[^\s<>()"'\]]+|www\.[^\s<>()"'\]]+|(?:linkedin\.com|github\.com|gitlab\.com|xing\.com|stackoverflow\.com|medium\.com|behance\.net|dribbble\.com)\/[^\s<>()"'\]]+)/giu;
const LOCATION_LABEL = /^(?:location|address|based in|wohnort|ort|adresse)\s*[:-]\s*(.+)$/iu;
const PLACE = /^[\p{Lu}][\p{L}.' -]{1,30},\s*[\p{Lu}][\p{L}.' -]{1,30}(?:,\s*[\p{Lu}][\p{L}.' -]{1,30})?$/u;
const NOT_A_NAME = /\b(?:resume|résumé|curriculum|vitae|cv|lebenslauf|profile|contact|page)\b/iu;

/** Every URL-like string in the text, trimmed of trailing punctuation, without duplicates. */
export function findLinks(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(URL_LIKE)) {
    const link = m[0].replace(/[.,;:!?)]+$/, '');
    if (!/@/.test(link)) seen.add(link);
  }
  return [...seen];
}

function findPhone(text: string): string | undefined {
  for (const m of text.matchAll(PHONE)) {
    const candidate = m[0].trim();
    const digits = candidate.replace(/\D/g, '');
    // Date ranges ("2018 - 2020", "03/2018 - 12/2020") look like numbers too.
    if (digits.length < 7 || digits.length > 15) continue;
    if (/^(?:\d{1,2}[/.])?(?:19|20)\d{2}\s*[-–]\s*(?:\d{1,2}[/.])?(?:19|20)\d{2}$/.test(candidate)) continue;
    if (
      !candidate.startsWith('+') &&
      !candidate.startsWith('(') &&
      !/\s|-/.test(candidate) &&
      digits.length < 9
    ) {
      continue;
    }
    return candidate;
  }
  return undefined;
}

function segments(header: string): string[] {
  return header
    .split('\n')
    .flatMap((line) => line.split(/\s*[|•·]\s*|\s{3,}|\t/))
    .map((s) => s.replace(/^[#*_\s]+|[*_\s]+$/g, '').trim())
    .filter((s) => s !== '');
}

function findLocation(header: string): string | undefined {
  for (const segment of segments(header)) {
    const labelled = segment.match(LOCATION_LABEL);
    if (labelled) return labelled[1]!.trim();
    if (PLACE.test(segment) && !EMAIL.test(segment)) return segment;
  }
  return undefined;
}

/** Reads contact details from the header block (falling back to the whole text for email and phone). */
export function readContact(header: string, text: string): Contact {
  const contact: Contact = { links: findLinks(header) };
  const email = (header.match(EMAIL) ?? text.match(EMAIL))?.[0];
  if (email) contact.email = email;
  const phone = findPhone(header.replace(EMAIL, ' ')) ?? findPhone(text.slice(0, 2000).replace(EMAIL, ' '));
  if (phone) contact.phone = phone;
  const location = findLocation(header);
  if (location) contact.location = location;
  return contact;
}

/** The person's name: the first short line of letters in the header that is not a label. */
export function readName(header: string): string | undefined {
  for (const line of header.split('\n').slice(0, 5)) {
    const candidate = line.replace(/^[#*_\s]+|[*_\s]+$/g, '').trim();
    if (candidate === '' || NOT_A_NAME.test(candidate)) continue;
    const words = candidate.split(/\s+/);
    if (words.length >= 2 && words.length <= 4 && /^[\p{L}][\p{L}.'’ -]+$/u.test(candidate)) return candidate;
    // "Jane Doe | Berlin | jane@doe.dev": the name is the first segment.
    const first = candidate.split(/\s*[|•·,]\s*/)[0] ?? '';
    const firstWords = first.split(/\s+/).length;
    if (first !== candidate && firstWords >= 2 && firstWords <= 4 && /^[\p{L}][\p{L}.'’ -]+$/u.test(first)) {
      return first;
    }
  }
  return undefined;
}
