import { countryCode, placeKey, regionCode } from './countries.ts';
import { type City, lookupCity } from './gazetteer.ts';
import type { RemoteMode } from './types.ts';

export { countryCode } from './countries.ts';

export interface ParsedLocation {
  city: string | null;
  region: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  remote: RemoteMode | null;
  /** The location text as given, trimmed; null when there was none. */
  text: string | null;
}

export interface LocationHints {
  /** A structured remote flag from the source: it wins over anything read from text. */
  remote?: RemoteMode;
  /** The posting's description, read for remote/hybrid phrases when the location text says nothing. */
  description?: string;
}

const REMOTE_WORDS =
  /\b(?:fully[- ]remote|100% remote|remote|anywhere|work from home|wfh|home[- ]?office|telecommute|distributed)\b/gi;
const HYBRID_WORDS = /\bhybri(?:d|de)\b/gi;
const ONSITE_WORDS = /\b(?:on[- ]?site|in[- ]office|vor ort|presencial)\b/gi;

// Areas and placeholders that are not a city, region or country.
const NON_PLACES = new Set(
  [
    'eu',
    'european union',
    'europe',
    'emea',
    'apac',
    'asia pacific',
    'latam',
    'latin america',
    'americas',
    'north america',
    'south america',
    'nordics',
    'dach',
    'benelux',
    'asia',
    'africa',
    'middle east',
    'worldwide',
    'global',
    'international',
    'multiple locations',
    'various locations',
    'several locations',
    'nationwide',
    'flexible',
    'tbd',
    'n/a',
    'office',
    'hq',
    'headquarters',
  ].map(placeKey),
);

// Descriptions: strongest signal first, so "no remote" beats a later "remote" and "fully remote" beats
// a mention of the company's hybrid offices.
const ROLE = '(?:role|position|job|opportunity)';
const DAYS = '(?:\\d|one|two|three|four)(?:\\s*(?:-|to)\\s*(?:\\d|two|three|four))?';
const DESCRIPTION_SIGNALS: Array<[RegExp, RemoteMode]> = [
  [
    /\b(?:not (?:a )?remote|no remote|non-remote|remote (?:work )?is not (?:possible|available))\b/i,
    'onsite',
  ],
  [/\b(?:fully[- ]remote|100% remote|remote[- ]only|work from anywhere|vollständig remote)\b/i, 'remote'],
  [
    new RegExp(
      [
        // "hybrid" alone would catch "hybrid cloud"; require it to describe the work arrangement.
        `\\bhybrid\\s+(?:${ROLE}|work\\w*|model|set-?up|schedule|arrangement|policy|environment)\\b`,
        '\\b(?:is|are|be|working|work) hybrid\\b|\\(hybrid\\)|\\bhybrides arbeiten\\b',
        `\\b${DAYS} days? (?:a |per )?(?:week )?(?:in|at|from) (?:the |our |an )?office\\b`,
        `\\bin (?:the )?office ${DAYS} days\\b`,
      ].join('|'),
      'i',
    ),
    'hybrid',
  ],
  [
    new RegExp(
      `\\bremote[- ](?:first|friendly)\\b|\\b(?:this|the) ${ROLE} is remote\\b|\\bwork remotely\\b|\\bremote (?:${ROLE}|team|company)\\b|\\bhomeoffice\\b`,
      'i',
    ),
    'remote',
  ],
  // "onsite interviews" says nothing about the job; only phrases about the role itself count.
  [
    new RegExp(
      `\\b(?:this ${ROLE} is|fully|100%|5 days)\\s+(?:on[- ]?site|in[- ]office|in the office)\\b|\\b(?:on[- ]?site|in[- ]office|in-person) ${ROLE}\\b`,
      'i',
    ),
    'onsite',
  ],
];

/** Remote mode stated in a location string ("Remote - US", "Hybrid - Amsterdam"), or null. */
export function remoteModeFromLocation(text: string): RemoteMode | null {
  if (new RegExp(HYBRID_WORDS.source, 'i').test(text)) return 'hybrid';
  if (new RegExp(REMOTE_WORDS.source, 'i').test(text)) return 'remote';
  if (new RegExp(ONSITE_WORDS.source, 'i').test(text)) return 'onsite';
  return null;
}

/** Remote mode implied by phrases in a job description ("fully remote", "2 days in office"), or null. */
export function remoteModeFromDescription(description: string): RemoteMode | null {
  for (const [pattern, mode] of DESCRIPTION_SIGNALS) {
    if (pattern.test(description)) return mode;
  }
  return null;
}

// "Sydney NSW", "Boston MA": a trailing code with no comma before it.
function splitTrailingCode(part: string): string[] {
  const trailing = /^(.+?)\s+([A-Z]{2,3})$/.exec(part);
  if (!trailing || lookupCity(part) || countryCode(part)) return [part];
  return [trailing[1]!, trailing[2]!];
}

function splitParts(text: string): string[] {
  const marked = text.replace(REMOTE_WORDS, '|').replace(HYBRID_WORDS, '|').replace(ONSITE_WORDS, '|');
  return marked
    .split(/\s*(?:[,;|/()[\]·•+]|\s[-–—]\s?|[-–—]\s|:|\s(?:or|oder|ou)\s)\s*/i)
    .map((part) =>
      part
        .replace(/\b(?:only|based|time ?zones?|citizens?|residents?|area|metro(?:politan)?)\b/gi, '')
        .replace(/\b\d[\d\s-]*\b/g, '') // postcodes and district numbers ("MA 02110", "Dublin 2")
        .replace(/^\s*(?:in|from|within|across|throughout)\s+/i, '')
        .replace(/^[\s\-–—:.]+|[\s\-–—:]+$/g, ''),
    )
    .filter((part) => part.length > 0)
    .flatMap(splitTrailingCode);
}

function isNonPlace(part: string): boolean {
  return NON_PLACES.has(placeKey(part)) || /\d|^(?:utc|gmt|cet|cest)\b/i.test(part) || !/\p{L}/u.test(part);
}

/** A region in any country whose postings use region codes; the first country that knows it wins. */
function anyRegion(part: string): { region: string; country: string } | null {
  for (const country of ['US', 'CA', 'AU']) {
    const region = regionCode(country, part);
    if (region) return { region, country };
  }
  return null;
}

interface PlaceState {
  cityName: string | null;
  cityEntry: City | null;
  cityIndex: number;
  country: string | null;
  region: string | null;
  impliedCountry: string | null;
  unclassified: number[];
}

function classifyBeforeCity(state: PlaceState, part: string, index: number): void {
  const entry = lookupCity(part);
  const country = entry ? null : countryCode(part);
  const region = entry || country ? null : anyRegion(part);
  if (entry) Object.assign(state, { cityName: entry.name, cityEntry: entry, cityIndex: index });
  else if (country) state.country ??= country;
  else if (region) Object.assign(state, { region: region.region, impliedCountry: region.country });
  else Object.assign(state, { cityName: part, cityIndex: index });
}

function classifyAfterCity(state: PlaceState, part: string, index: number): void {
  const context = state.country ?? state.impliedCountry ?? state.cityEntry?.country ?? null;
  const country = countryCode(part);
  if (context && country === context) {
    state.country ??= country;
    return;
  }
  const contextRegion = context ? regionCode(context, part) : null;
  if (contextRegion) {
    state.region ??= contextRegion;
    return;
  }
  // "Springfield, IL": after an unknown city, a two-letter code is a US state, not a country.
  const usState = !state.cityEntry && /^[A-Z]{2}$/.test(part) ? regionCode('US', part) : null;
  const region = usState ? { region: usState, country: 'US' } : country ? null : anyRegion(part);
  if (region) {
    state.region ??= region.region;
    state.impliedCountry ??= region.country;
  } else if (country) state.country ??= country;
  else state.unclassified.push(index);
}

function placeFromParts(parts: string[]): Pick<ParsedLocation, 'city' | 'region' | 'country'> {
  const state: PlaceState = {
    cityName: null,
    cityEntry: null,
    cityIndex: -1,
    country: null,
    region: null,
    impliedCountry: null,
    unclassified: [],
  };
  parts.forEach((part, index) => {
    if (isNonPlace(part)) return;
    if (state.cityName === null) classifyBeforeCity(state, part, index);
    else classifyAfterCity(state, part, index);
  });
  const entry = state.cityEntry;
  const country = state.country ?? state.impliedCountry ?? entry?.country ?? null;
  const entryFits = entry !== null && entry.country === country;
  // "Bengaluru, Karnataka, India": an unknown part between the city and a country is the region.
  const middle = state.unclassified.find((i) => i > state.cityIndex && state.country !== null);
  const region =
    state.region ?? (entryFits ? entry.region : null) ?? (middle !== undefined ? parts[middle]! : null);
  return { city: state.cityName, region, country };
}

/** Reads city, region, country and remote mode from a posting's free-text location. */
export function parseLocation(text: string | undefined, hints: LocationHints = {}): ParsedLocation {
  const trimmed = text?.replace(/\s+/g, ' ').trim() ?? '';
  const place = trimmed ? placeFromParts(splitParts(trimmed)) : { city: null, region: null, country: null };
  const fromText = trimmed ? remoteModeFromLocation(trimmed) : null;
  const fromDescription = hints.description ? remoteModeFromDescription(hints.description) : null;
  const remote = hints.remote ?? fromText ?? fromDescription ?? (place.city ? 'onsite' : null);
  return { ...place, remote, text: trimmed || null };
}
