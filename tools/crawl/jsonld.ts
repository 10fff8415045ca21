import type { RawPosting, RawSalary, SalaryPeriod } from '../jobs/types.ts';

// schema.org JobPosting reader. It runs on every crawled page (thousands per second), so it scans
// the raw HTML for ld+json blocks instead of building a DOM, and only pays for JSON repair when
// JSON.parse has already failed.

type JsonObject = Record<string, unknown>;

export interface JsonLdPosting {
  posting: RawPosting;
  /** schema.org validThrough, kept apart because RawPosting has no field for it. */
  validThrough?: string;
}

const LD_OPEN = /<script\b[^>]*?\btype\s*=\s*["']?application\/ld\+json\b[^>]*>/gi;
const SCRIPT_CLOSE = /<\/script\s*>/gi;
const MAX_DEPTH = 10;

/** The raw text of every `<script type="application/ld+json">` block, in page order. */
export function jsonLdBlocks(html: string): string[] {
  const blocks: string[] = [];
  LD_OPEN.lastIndex = 0;
  for (let open = LD_OPEN.exec(html); open; open = LD_OPEN.exec(html)) {
    const start = open.index + open[0].length;
    SCRIPT_CLOSE.lastIndex = start;
    const close = SCRIPT_CLOSE.exec(html);
    const end = close ? close.index : html.length;
    blocks.push(html.slice(start, end));
    LD_OPEN.lastIndex = end;
  }
  return blocks;
}

/** Cheap pre-check: is there an ld+json block that mentions JobPosting at all? */
export function hasJobPostingJsonLd(html: string): boolean {
  if (!html.includes('ld+json')) return false;
  return jsonLdBlocks(html).some((block) => block.includes('JobPosting'));
}

export function extractJobPostingsFromHtml(html: string, pageUrl: string): RawPosting[] {
  return extractJobPostingDetails(html, pageUrl).map((d) => d.posting);
}

/** Like extractJobPostingsFromHtml, plus the fields RawPosting cannot carry (validThrough). */
export function extractJobPostingDetails(html: string, pageUrl: string): JsonLdPosting[] {
  if (typeof html !== 'string' || !html.includes('ld+json')) return [];
  const nodes: JsonObject[] = [];
  for (const block of jsonLdBlocks(html)) {
    if (!block.includes('JobPosting')) continue;
    for (const value of parseLenient(block)) collectJobPostings(value, nodes, 0);
  }
  const out: JsonLdPosting[] = [];
  const seen = new Set<string>();
  for (const node of nodes) {
    const mapped = toPosting(node, pageUrl, html);
    if (!mapped) continue;
    const key = `${mapped.posting.url}\n${mapped.posting.title}\n${mapped.posting.externalId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(mapped);
  }
  return out;
}

// ---------- lenient JSON ----------

/** Parses a block, repairing the common breakages; returns the values it could read. */
export function parseLenient(block: string): unknown[] {
  const text = block.trim();
  try {
    return [JSON.parse(text)];
  } catch {
    // fall through to repair
  }
  const values: unknown[] = [];
  for (const chunk of repairJson(stripWrappers(text))) {
    try {
      values.push(JSON.parse(chunk));
    } catch {
      // unrepairable chunk: skip it, keep the others
    }
  }
  return values;
}

function stripWrappers(text: string): string {
  return text
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
    .trim();
}

/**
 * One pass over the text: escapes raw control characters inside strings, drops trailing commas
 * and splits concatenated top-level values (`{...}{...}`) into separate chunks.
 */
function repairJson(text: string): string[] {
  const chunks: string[] = [];
  let out = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') {
        out += ch + (text[i + 1] ?? '');
        i++;
      } else if (ch === '"') {
        inString = false;
        out += ch;
      } else if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else if (ch < ' ') out += ' ';
      else out += ch;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '{' || ch === '[') {
      if (depth === 0) out = '';
      depth++;
      out += ch;
    } else if (ch === '}' || ch === ']') {
      out = dropTrailingComma(out) + ch;
      depth--;
      if (depth === 0) chunks.push(out);
      if (depth <= 0) {
        depth = 0;
        out = '';
      }
    } else if (depth > 0) out += ch;
  }
  return chunks;
}

function dropTrailingComma(text: string): string {
  let i = text.length - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return text[i] === ',' ? text.slice(0, i) : text;
}

// ---------- finding JobPosting nodes ----------

function isJobPostingType(type: unknown): boolean {
  if (typeof type === 'string') return type.endsWith('JobPosting');
  return Array.isArray(type) && type.some((t) => typeof t === 'string' && t.endsWith('JobPosting'));
}

function collectJobPostings(value: unknown, into: JsonObject[], depth: number): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectJobPostings(item, into, depth + 1);
    return;
  }
  const obj = value as JsonObject;
  if (isJobPostingType(obj['@type'])) {
    into.push(obj);
    return;
  }
  for (const child of Object.values(obj)) {
    if (child !== null && typeof child === 'object') collectJobPostings(child, into, depth + 1);
  }
}

// ---------- mapping ----------

function toPosting(node: JsonObject, pageUrl: string, html: string): JsonLdPosting | null {
  const title = cleanText(str(node.title) ?? str(node.name));
  const url = resolveUrl(str(node.url), pageUrl);
  if (!title || !url) return null;
  const company = organizationName(node.hiringOrganization) ?? fallbackCompany(html, url);
  if (!company) return null;

  const remote = isTelecommute(node.jobLocationType) ? 'remote' : undefined;
  const posting: RawPosting = { url, title, company };
  const places = locationTexts(node.jobLocation);
  const requirements = namesOf(node.applicantLocationRequirements);
  if (places.length > 0) posting.locationText = places.join('; ');
  else if (remote) {
    posting.locationText = requirements.length ? `Remote - ${requirements.join(', ')}` : 'Remote';
  } else if (requirements.length) posting.locationText = requirements.join(', ');
  if (remote) posting.remote = remote;

  const employment = listOf(node.employmentType).map(str).filter(Boolean).join(', ');
  if (employment) posting.employmentType = employment;
  const posted = str(node.datePosted);
  if (posted) posting.postedAt = posted.trim();
  const description = descriptionHtml(node.description);
  if (description) posting.descriptionHtml = description;
  const salary = salaryOf(node.baseSalary);
  if (salary) posting.salary = salary;
  const id = identifierOf(node.identifier);
  if (id) posting.externalId = id;
  if (node.directApply === true || node.directApply === 'true') posting.applyUrl = url;

  const validThrough = str(node.validThrough)?.trim();
  return validThrough ? { posting, validThrough } : { posting };
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function cleanText(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = decodeEntities(value.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return text || undefined;
}

function resolveUrl(href: string | undefined, base: string): string | undefined {
  try {
    const url = new URL(href?.trim() || base, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

function organizationName(org: unknown): string | undefined {
  const first = listOf(org)[0];
  if (typeof first === 'string') return cleanText(first);
  if (first && typeof first === 'object') {
    const o = first as JsonObject;
    return cleanText(str(o.name) ?? str(o.legalName));
  }
  return undefined;
}

function fallbackCompany(html: string, url: string): string | undefined {
  const meta = /<meta\b[^>]*property\s*=\s*["']og:site_name["'][^>]*>/i.exec(html)?.[0];
  const content = meta && /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(meta);
  const siteName = content ? cleanText(content[1] ?? content[2]) : undefined;
  if (siteName) return siteName;
  const labels = new URL(url).hostname.replace(/^(?:www|jobs|careers|karriere)\./, '').split('.');
  return labels.length > 1 ? labels[labels.length - 2] : labels[0];
}

function isTelecommute(value: unknown): boolean {
  return listOf(value).some((v) => typeof v === 'string' && /telecommute/i.test(v));
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return cleanText(value);
  if (value && typeof value === 'object') return cleanText(str((value as JsonObject).name));
  return undefined;
}

function namesOf(value: unknown): string[] {
  return listOf(value)
    .map(nameOf)
    .filter((v): v is string => Boolean(v));
}

function locationTexts(jobLocation: unknown): string[] {
  const texts: string[] = [];
  for (const place of listOf(jobLocation)) {
    let text: string | undefined;
    if (typeof place === 'string') text = cleanText(place);
    else if (place && typeof place === 'object') {
      const p = place as JsonObject;
      text = addressText(p.address) ?? nameOf(p);
    }
    if (text && !texts.includes(text)) texts.push(text);
  }
  return texts;
}

function addressText(address: unknown): string | undefined {
  const first = listOf(address)[0];
  if (typeof first === 'string') return cleanText(first);
  if (!first || typeof first !== 'object') return undefined;
  const a = first as JsonObject;
  const parts: string[] = [];
  for (const part of [nameOf(a.addressLocality), nameOf(a.addressRegion), nameOf(a.addressCountry)]) {
    if (part && !parts.includes(part)) parts.push(part);
  }
  return parts.length ? parts.join(', ') : undefined;
}

function descriptionHtml(value: unknown): string | undefined {
  const text = str(value)?.trim();
  if (!text) return undefined;
  // Some sites entity-encode the markup a second time ("&lt;p&gt;"); undo that once.
  if (!/<[a-z!/]/i.test(text) && /&lt;[a-z/]/i.test(text)) return decodeEntities(text);
  return text;
}

function identifierOf(value: unknown): string | undefined {
  const first = listOf(value)[0];
  if (first && typeof first === 'object') {
    const o = first as JsonObject;
    return str(o.value)?.trim() || str(o['@id'])?.trim() || str(o.name)?.trim() || undefined;
  }
  return str(first)?.trim() || undefined;
}

const PERIODS: Record<string, SalaryPeriod> = {
  HOUR: 'hour',
  DAY: 'day',
  WEEK: 'week',
  MONTH: 'month',
  YEAR: 'year',
};

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const n = Number(value.replace(/[\s,]/g, '').replace(/[^\d.]/g, ''));
  return value.trim() && Number.isFinite(n) && /\d/.test(value) ? n : null;
}

function salaryOf(value: unknown): RawSalary | undefined {
  const amount = listOf(value)[0];
  if (!amount || typeof amount !== 'object') return undefined;
  const a = amount as JsonObject;
  const currency = str(a.currency)?.trim().toUpperCase() || null;
  let min: number | null = null;
  let max: number | null = null;
  let unit = str(a.unitText);
  const quantity = a.value;
  if (quantity && typeof quantity === 'object') {
    const q = quantity as JsonObject;
    const single = toNumber(q.value);
    min = toNumber(q.minValue) ?? single;
    max = toNumber(q.maxValue) ?? single;
    unit = str(q.unitText) ?? unit;
  } else {
    min = max = toNumber(quantity);
  }
  if (min === null && max === null) return undefined;
  const period = unit ? (PERIODS[unit.trim().toUpperCase()] ?? null) : null;
  return { min, max, currency, period };
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  euro: '€',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  eacute: 'é',
};

/** Decodes numeric and the common named HTML entities. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n =
        code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return NAMED_ENTITIES[code] ?? whole;
  });
}
