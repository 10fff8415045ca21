import { type DateRange, findDateRanges, type MonthString } from './dates.ts';
import {
  classifyHeaderParts,
  filledRoles,
  type HeaderParts,
  hasBulletMarker,
  splitHeaderLine,
  stripBulletMarker,
} from './entry-header.ts';

export interface ExperienceEntry {
  employer: string;
  title: string;
  start?: MonthString;
  end?: MonthString | 'present';
  location?: string;
  bullets: string[];
}

interface Line {
  text: string;
  bullet: boolean;
  range?: DateRange;
}

/** Header lines are short; longer lines, or ones ending like a sentence, are descriptions. */
const MAX_HEADER_WORDS = 14;

function classify(raw: string): Line {
  const text = raw.trim().replace(/^\*\*(.*)\*\*$/, '$1');
  if (hasBulletMarker(raw)) return { text: stripBulletMarker(raw), bullet: true };
  const range = findDateRanges(text)[0];
  return { text, bullet: false, range };
}

function isHeaderLine(line: Line): boolean {
  if (line.bullet) return false;
  if (line.range) return true;
  return line.text.split(/\s+/).length <= MAX_HEADER_WORDS && !/[.;!?]$/.test(line.text);
}

function removeRange(line: Line): string {
  if (!line.range) return line.text;
  const { index, length } = line.range;
  return `${line.text.slice(0, index)}   ${line.text.slice(index + length)}`;
}

interface Draft {
  /** Header text in document order, date removed; parts are read from all of it together. */
  headers: string[];
  range?: DateRange;
  bullets: string[];
}

const partsOf = (draft: Draft): HeaderParts => classifyHeaderParts(draft.headers.flatMap(splitHeaderLine));
const needsMore = (draft: Draft) => filledRoles(partsOf(draft)) < 2;

/** Moves the last (at most two) lines into the draft's header while it needs them; returns the rest. */
function prependWhileNeeded(draft: Draft, lines: string[]): string[] {
  let keep = lines.length;
  while (keep > 0 && lines.length - keep < 2 && needsMore(draft)) draft.headers.unshift(lines[--keep]!);
  return lines.slice(0, keep);
}

/** Turns one run of header lines (no bullets in between) into entries, one per dated line. */
function draftsFromGroup(group: Line[], previous: Draft | undefined): Draft[] {
  const dated = group.flatMap((line, i) => (line.range ? [i] : []));
  if (dated.length === 0) {
    const draft: Draft = { headers: group.map((l) => l.text), bullets: [] };
    if (group.length <= 3 && !needsMore(draft)) return [draft];
    previous?.bullets.push(...group.map((l) => l.text));
    return [];
  }
  const drafts: Draft[] = dated.map((i) => ({
    headers: [removeRange(group[i]!)],
    range: group[i]!.range,
    bullets: [],
  }));
  // Lines before the first dated line describe it while it lacks a title or employer; earlier ones
  // belong to the entry before.
  const lead = group.slice(0, dated[0]).map((l) => l.text);
  const earlier = prependWhileNeeded(drafts[0]!, lead);
  previous?.bullets.push(...earlier);
  // Lines between dated lines fill the entry above while it lacks a title or employer, else the one below.
  for (const [n, lineIndex] of dated.entries()) {
    const current = drafts[n]!;
    const next = drafts[n + 1];
    const between = group.slice(lineIndex + 1, dated[n + 1] ?? group.length);
    let k = 0;
    while (k < between.length && needsMore(current)) current.headers.push(between[k++]!.text);
    const rest = between.slice(k).map((l) => l.text);
    if (!next) {
      current.bullets.push(...rest);
      continue;
    }
    current.bullets.push(...prependWhileNeeded(next, rest));
  }
  return drafts;
}

function toEntry(draft: Draft): ExperienceEntry {
  const parts = partsOf(draft);
  const entry: ExperienceEntry = {
    employer: parts.employer ?? '',
    title: parts.title ?? '',
    bullets: draft.bullets,
  };
  if (draft.range?.start) entry.start = draft.range.start;
  if (draft.range?.end) entry.end = draft.range.end;
  if (parts.location) entry.location = parts.location;
  return entry;
}

/** Parses the body of an experience section into entries, in the order written. */
export function parseExperience(body: string): ExperienceEntry[] {
  const drafts: Draft[] = [];
  let group: Line[] = [];
  const flush = () => {
    if (group.length > 0) drafts.push(...draftsFromGroup(group, drafts.at(-1)));
    group = [];
  };
  for (const raw of body.split('\n')) {
    if (raw.trim() === '') {
      if (group.some((l) => l.range)) flush();
      continue;
    }
    const line = classify(raw);
    if (isHeaderLine(line)) {
      group.push(line);
      continue;
    }
    flush();
    const current = drafts.at(-1);
    if (!current) continue;
    const last = current.bullets.length - 1;
    // A wrapped line of a bullet starts in lower case; glue it back on.
    if (!line.bullet && last >= 0 && /^\p{Ll}/u.test(line.text)) current.bullets[last] += ` ${line.text}`;
    else current.bullets.push(line.text);
  }
  flush();
  return drafts.map(toEntry).filter((e) => e.title || e.employer || e.start);
}
