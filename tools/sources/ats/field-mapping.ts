import type { RemoteMode, SalaryPeriod } from '../../jobs/types.ts';

// Small conversions shared by the ATS adapters: each provider spells dates, periods and remote
// flags differently, and RawPosting wants one spelling.

/** ms epoch, ISO strings and Recruitee's "2024-05-02 12:48:40 UTC" → ISO 8601; undefined when unreadable. */
export function toIsoDate(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const spaced = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) ?(UTC|Z)?$/.exec(text);
  const candidate = spaced ? `${spaced[1]}T${spaced[2]}${spaced[3] ? 'Z' : ''}` : text;
  const ms = Date.parse(candidate);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** "acme-labs" → "Acme Labs": the company name when a provider's API does not give one. */
export function humanizeBoard(board: string): string {
  return board
    .split(/[-_.\s]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** Reads a pay period from the provider's own words ("per-year-salary", "1 HOUR", "month"). */
export function salaryPeriodFrom(text: string | null | undefined): SalaryPeriod | null {
  if (!text) return null;
  const lower = text.toLowerCase();
  if (/year|annual|yearly/.test(lower)) return 'year';
  if (/month/.test(lower) && !/semi|bi-month/.test(lower)) return 'month';
  if (/week/.test(lower) && !/bi-week/.test(lower)) return 'week';
  if (/\bday\b|daily|per-day/.test(lower)) return 'day';
  if (/hour/.test(lower)) return 'hour';
  return null;
}

/** A number, or a numeric string as Recruitee sends ("18.50"); null otherwise. */
export function toNumber(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const parsed = Number(value.trim().replace(/,/g, ''));
  return value.trim() !== '' && Number.isFinite(parsed) ? parsed : null;
}

/** Remote mode from the boolean trio some providers give (remote / hybrid / on-site). */
export function remoteFromFlags(flags: {
  remote?: boolean | null;
  hybrid?: boolean | null;
  onsite?: boolean | null;
}): RemoteMode | undefined {
  if (flags.hybrid) return 'hybrid';
  if (flags.remote) return 'remote';
  if (flags.onsite) return 'onsite';
  return undefined;
}

/** Joins location parts, skipping blanks and repeats ("Berlin", "Berlin", "Germany" → "Berlin, Germany"). */
export function joinLocation(parts: ReadonlyArray<string | null | undefined>): string | undefined {
  const seen: string[] = [];
  for (const part of parts) {
    const trimmed = part?.trim();
    if (trimmed && !seen.some((s) => s.toLowerCase() === trimmed.toLowerCase())) seen.push(trimmed);
  }
  return seen.length > 0 ? seen.join(', ') : undefined;
}

/** Several locations of one posting, each already "City, Country", kept apart by "; ". */
export function joinLocations(locations: ReadonlyArray<string | null | undefined>): string | undefined {
  const kept = locations.map((l) => l?.trim()).filter((l): l is string => !!l);
  return kept.length > 0 ? [...new Set(kept)].join('; ') : undefined;
}

/** Titled HTML sections into one document, leaving out empty ones. */
export function sectionsToHtml(
  sections: ReadonlyArray<{ title?: string | null; html?: string | null }>,
): string | undefined {
  const parts = sections
    .filter((s) => s.html && s.html.trim() !== '')
    .map((s) => (s.title ? `<h3>${escapeHtml(s.title)}</h3>\n${s.html}` : (s.html as string)));
  return parts.length > 0 ? parts.join('\n') : undefined;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * Undo one level of HTML escaping (Greenhouse sends its HTML content entity-escaped). A single
 * pass, so "&amp;nbsp;" becomes "&nbsp;" — still valid in the HTML it now is.
 */
export function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Turns a provider's employment-type code into the normaliser's vocabulary when it is clear. */
export function employmentTypeFrom(code: string | null | undefined): string | undefined {
  if (!code || code.trim() === '') return undefined;
  const key = code.toLowerCase().replace(/[\s_-]/g, '');
  if (key.startsWith('fulltime') || key === 'permanent') return 'full_time';
  if (key.startsWith('parttime')) return 'part_time';
  if (key.startsWith('intern')) return 'internship';
  if (key.startsWith('contract') || key === 'freelance' || key === 'contractor') return 'contract';
  if (key.startsWith('temp')) return 'temporary';
  return code.trim();
}
