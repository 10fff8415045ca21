import { z } from 'zod';
import { findDateRanges } from '../resume/dates.ts';
import type { LayoutSignals } from '../resume/ingest.ts';
import type { ParsedResume } from '../resume/parse.ts';
import { HEADING_KIND } from '../resume/section-headings.ts';
import { headingKind, normaliseHeading } from '../resume/sections.ts';

export const formattingRiskCodes = [
  'multi_column',
  'tables',
  'text_in_images',
  'header_footer_text',
  'missing_email',
  'missing_phone',
  'unusual_headings',
  'inconsistent_dates',
] as const;

export const formattingRiskSchema = z.object({
  code: z.enum(formattingRiskCodes),
  severity: z.enum(['high', 'medium', 'low']),
  message: z.string(),
  /** What in the resume showed the risk (headings, date examples). */
  evidence: z.array(z.string()),
});
export type FormattingRisk = z.infer<typeof formattingRiskSchema>;

function layoutRisks(layout: LayoutSignals): FormattingRisk[] {
  const risks: FormattingRisk[] = [];
  if (layout.multiColumn) {
    risks.push({
      code: 'multi_column',
      severity: 'high',
      message:
        'the file is laid out in columns; many ATS parsers read straight across and mix the columns up — use one column',
      evidence: [],
    });
  }
  if (layout.tables) {
    risks.push({
      code: 'tables',
      severity: 'medium',
      message:
        'the file uses tables; ATS parsers often drop or scramble table cells — use plain lines instead',
      evidence: [],
    });
  }
  if (layout.images) {
    risks.push({
      code: 'text_in_images',
      severity: 'medium',
      message:
        'the file contains images; any text inside them (logos, icons, skill bars) is invisible to an ATS — write it as text',
      evidence: [],
    });
  }
  if (layout.headerFooterText) {
    risks.push({
      code: 'header_footer_text',
      severity: 'medium',
      message:
        'text sits in the page header or footer; many ATS parsers skip it — move contact details into the body',
      evidence: [],
    });
  }
  return risks;
}

function contactRisks(parsed: ParsedResume): FormattingRisk[] {
  const risks: FormattingRisk[] = [];
  if (!parsed.contact.email) {
    risks.push({
      code: 'missing_email',
      severity: 'high',
      message: 'no email address found; put it at the top, as plain text',
      evidence: [],
    });
  }
  if (!parsed.contact.phone) {
    risks.push({
      code: 'missing_phone',
      severity: 'low',
      message: 'no phone number found; most application forms expect one near the top',
      evidence: [],
    });
  }
  return risks;
}

/** Headings the parser could place only as "other": an ATS will not know what follows them. */
function unusualHeadings(text: string, parsed: ParsedResume): FormattingRisk[] {
  const unusual = new Set<string>();
  for (const section of parsed.sections) {
    if (section.kind === 'other' && !HEADING_KIND.has(normaliseHeading(section.heading))) {
      unusual.add(section.heading);
    }
  }
  let first = true;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (headingKind(line, first) === 'other' && !HEADING_KIND.has(normaliseHeading(line))) {
      unusual.add(line.trim().replace(/^[#*\s]+|[*:\s]+$/g, ''));
    }
    first = false;
  }
  if (unusual.size === 0) return [];
  return [
    {
      code: 'unusual_headings',
      severity: 'medium',
      message:
        'some section headings are not ones an ATS recognises; use standard ones such as Summary, Experience, Education, Skills',
      evidence: [...unusual],
    },
  ];
}

type DateStyle = 'Mon YYYY' | 'MM/YYYY' | 'YYYY-MM' | 'YYYY';

function styleOf(token: string): DateStyle | null {
  const t = token.trim();
  if (/^\p{L}+\.?\s*,?\s*(?:19|20)\d{2}$/u.test(t)) return 'Mon YYYY';
  if (/^\d{1,2}\s*[/.]\s*(?:19|20)\d{2}$/.test(t)) return 'MM/YYYY';
  if (/^(?:19|20)\d{2}[-/.]\d{2}$/.test(t)) return 'YYYY-MM';
  if (/^(?:19|20)\d{2}$/.test(t)) return 'YYYY';
  return null;
}

const RANGE_DASH = /\s*[–—−-]{1,2}\s*|\s+(?:to|until|till|through|bis)\s+|\s*(?:→|->)\s*/iu;

/** Date ranges written in more than one style ("Mar 2018" here, "03/2019" there). */
function inconsistentDates(text: string, parsed: ParsedResume): FormattingRisk[] {
  const examples = new Map<DateStyle, string>();
  for (const section of parsed.sections) {
    if (section.kind !== 'experience' && section.kind !== 'education') continue;
    for (const line of text.slice(section.start, section.end).split('\n')) {
      for (const range of findDateRanges(line)) {
        const written = line.slice(range.index, range.index + range.length);
        const [from, to] = written.split(RANGE_DASH);
        for (const token of [from, to]) {
          const style = token ? styleOf(token) : null;
          if (style && !examples.has(style)) examples.set(style, written.trim());
        }
      }
    }
  }
  if (examples.size <= 1) return [];
  return [
    {
      code: 'inconsistent_dates',
      severity: 'low',
      message: `dates are written in ${examples.size} styles (${[...examples.keys()].join(', ')}); pick one, such as "Mar 2021 – Jun 2023", and use it everywhere`,
      evidence: [...examples.values()],
    },
  ];
}

/** What an ATS parser could trip on: layout facts from the file (when there is one) and the text itself. */
export function findFormattingRisks(resume: {
  text: string;
  parsed: ParsedResume;
  layout: LayoutSignals | null;
}): FormattingRisk[] {
  return [
    ...(resume.layout ? layoutRisks(resume.layout) : []),
    ...contactRisks(resume.parsed),
    ...unusualHeadings(resume.text, resume.parsed),
    ...inconsistentDates(resume.text, resume.parsed),
  ];
}
