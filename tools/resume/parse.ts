import { z } from 'zod';
import { type Seniority, senioritySchema } from '../jobs/types.ts';
import { estimateSeniority, totalYears } from './career.ts';
import { findLinks, readContact, readName } from './contact.ts';
import { parseEducation } from './education.ts';
import { stripBulletMarker } from './entry-header.ts';
import { parseExperience } from './experience.ts';
import { findSections, type Section, type SectionKind, sectionBody, sectionKinds } from './sections.ts';

export { isLikelyResume } from './likely-resume.ts';

const month = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])$/, 'expected YYYY-MM');

export const parsedResumeSchema = z.object({
  name: z.string().optional(),
  contact: z.object({
    email: z.string().optional(),
    phone: z.string().optional(),
    location: z.string().optional(),
    links: z.array(z.string()),
  }),
  summary: z.string().optional(),
  experience: z.array(
    z.object({
      employer: z.string(),
      title: z.string(),
      start: month.optional(),
      end: z.union([month, z.literal('present')]).optional(),
      location: z.string().optional(),
      bullets: z.array(z.string()),
    }),
  ),
  education: z.array(
    z.object({
      institution: z.string(),
      degree: z.string().optional(),
      field: z.string().optional(),
      start: month.optional(),
      end: z.union([month, z.literal('present')]).optional(),
    }),
  ),
  skills: z.array(z.string()),
  certifications: z.array(z.string()),
  languages: z.array(z.string()),
  links: z.array(z.string()),
  sections: z.array(
    z.object({
      heading: z.string(),
      kind: z.enum(sectionKinds),
      start: z.number().int().nonnegative(),
      end: z.number().int().nonnegative(),
    }),
  ),
  totalYears: z.number().nonnegative(),
  seniority: senioritySchema,
});
export type ParsedResume = z.infer<typeof parsedResumeSchema>;

export interface ParseResumeDeps {
  /** Canonical skill names found in a text (the skills extractor's `.skills`). */
  extractSkills: (text: string) => string[];
  /** What 'present' means; defaults to the current date. */
  now?: Date;
}

const bodiesOf = (text: string, sections: Section[], kind: SectionKind) =>
  sections.filter((s) => s.kind === kind).map((s) => sectionBody(text, s));

/** Items of a list-like section: one per line, or several per line split on commas, bullets, pipes. */
function listItems(bodies: string[], splitCommas: boolean): string[] {
  const items = bodies.flatMap((body) =>
    body
      .split('\n')
      .map(stripBulletMarker)
      .flatMap((line) => line.split(splitCommas ? /\s*[,;|•·]\s*/ : /\s*[;|•·]\s*|\s{3,}/))
      .map((item) => item.trim().replace(/[.]$/, ''))
      .filter((item) => item !== ''),
  );
  return [...new Set(items)];
}

function readSummary(text: string, sections: Section[], header: string): string | undefined {
  const body = bodiesOf(text, sections, 'summary')[0];
  if (body?.trim()) return body.trim().replace(/\s*\n\s*/g, ' ');
  // No summary heading: a long sentence-like line in the header block is one.
  return header.split('\n').find((line) => line.split(/\s+/).length >= 15);
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Parses resume text into structured fields; never throws on odd text, it just finds less. */
export function parseResume(text: string, deps: ParseResumeDeps): ParsedResume {
  if (typeof text !== 'string') throw new TypeError('parseResume: text must be a string');
  if (typeof deps?.extractSkills !== 'function')
    throw new TypeError('parseResume: deps.extractSkills must be a function');
  // Same-length replacements keep section offsets valid for the caller's text.
  const normalised = text.replace(/\r\n/g, ' \n').replace(/\r/g, '\n');
  const sections = findSections(normalised);
  const header = normalised.slice(0, sections[0]?.start ?? Math.min(normalised.length, 600));
  const experience = bodiesOf(normalised, sections, 'experience').flatMap(parseExperience);
  const years = totalYears(experience, deps.now ?? new Date());
  const skillsText = bodiesOf(normalised, sections, 'skills').join('\n');
  const linkSections = bodiesOf(normalised, sections, 'links').join('\n');
  const contact = readContact(header, normalised);
  contact.links = unique([...contact.links, ...findLinks(linkSections)]);
  const resume: ParsedResume = {
    contact,
    experience,
    education: bodiesOf(normalised, sections, 'education').flatMap(parseEducation),
    skills: unique([...deps.extractSkills(skillsText), ...deps.extractSkills(normalised)]),
    certifications: listItems(bodiesOf(normalised, sections, 'certifications'), false),
    languages: listItems(bodiesOf(normalised, sections, 'languages'), true),
    links: findLinks(normalised),
    sections: sections.map(({ heading, kind, start, end }) => ({ heading, kind, start, end })),
    totalYears: years,
    seniority: estimateSeniority(experience, years) satisfies Seniority,
  };
  const name = readName(header);
  if (name) resume.name = name;
  const summary = readSummary(normalised, sections, header);
  if (summary) resume.summary = summary;
  return resume;
}
