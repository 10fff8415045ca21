import { countryCode, placeKey, regionCode } from '../jobs/countries.ts';
import { lookupCity } from '../jobs/gazetteer.ts';

// Where a person looks for work and where a remote job may hire. Parsing is map lookups only:
// the scorer runs tens of thousands of times per ranking.

export interface SeekerPlace {
  /** placeKey of the city ("new york"); null for a country-only place ("Germany"). */
  cityKey: string | null;
  country: string | null;
  text: string;
}

const PLACE_SPLIT = /\s*[,;|/]\s*|\s+[-–—]\s+/;
const US_STATE_CODE = /^[A-Z]{2}$/;

const EU = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');
const EEA = [...EU, 'IS', 'LI', 'NO'];
const EUROPE = [...EEA, 'GB', 'CH', 'UA', 'RS', 'BA', 'ME', 'MK', 'AL', 'MD'];
const AREAS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['eu', EU],
  ['european union', EU],
  ['eea', EEA],
  ['europe', EUROPE],
  ['emea', [...EUROPE, 'TR', 'IL', 'AE', 'SA', 'QA', 'EG', 'MA', 'TN', 'NG', 'KE', 'GH', 'ZA']],
  ['dach', ['DE', 'AT', 'CH']],
  ['nordics', ['SE', 'NO', 'DK', 'FI', 'IS']],
  ['benelux', ['BE', 'NL', 'LU']],
  ['north america', ['US', 'CA', 'MX']],
  ['americas', ['US', 'CA', 'MX', 'BR', 'AR', 'CL', 'CO', 'PE', 'UY']],
  ['latam', ['MX', 'BR', 'AR', 'CL', 'CO', 'PE', 'UY', 'CR', 'EC']],
  ['latin america', ['MX', 'BR', 'AR', 'CL', 'CO', 'PE', 'UY', 'CR', 'EC']],
  ['apac', ['AU', 'NZ', 'SG', 'JP', 'KR', 'IN', 'HK', 'TW', 'MY', 'TH', 'VN', 'PH', 'ID']],
  ['asia pacific', ['AU', 'NZ', 'SG', 'JP', 'KR', 'IN', 'HK', 'TW', 'MY', 'TH', 'VN', 'PH', 'ID']],
]);
const ANYWHERE = /\b(?:anywhere|worldwide|global(?:ly)?|any country)\b/i;
const AREA_PART_SPLIT = /\s*(?:[,;|/()[\]]|\s(?:or|and|&)\s|\s[-–—]\s|:)\s*/i;
const AREA_NOISE =
  /\b(?:remote|only|based|countr(?:y|ies)|time ?zones?|residents?|citizens?|the|an?|fully|within)\b/gi;
// "You must live in the EU/EEA", "must reside in Canada", "must be based in an EU country".
const MUST_LIVE =
  /\bmust (?:currently )?(?:live|reside|be (?:based|located|resident)) (?:with)?in (?:the |an? )?([^.;\n]{2,60})/i;
const ONLY_SUFFIX = /\b([A-Z]{2,3}|[A-Z][a-z]+)[- ]only\b/;
const CLAUSE_END = /\s(?:with|who|and hold|and have|to |for )\b.*$/i;

/** A profile location ("Berlin, Germany", "Austin, TX, USA", "Germany") as city and country. */
export function parseSeekerPlace(text: string): SeekerPlace {
  const parts = text.split(PLACE_SPLIT).filter((p) => p.trim() !== '');
  let city: string | null = null;
  let cityCountry: string | null = null;
  let country: string | null = null;
  parts.forEach((part, i) => {
    if (i === 0) {
      const entry = lookupCity(part);
      const code = entry ? null : countryCode(part);
      if (entry) [city, cityCountry] = [entry.name, entry.country];
      else if (code) country = code;
      else city = part;
      return;
    }
    const context = country ?? cityCountry;
    if (context && regionCode(context, part)) return;
    if (!context && US_STATE_CODE.test(part) && regionCode('US', part)) {
      country = 'US';
      return;
    }
    country ??= countryCode(part);
  });
  return { cityKey: city === null ? null : placeKey(city), country: country ?? cityCountry, text };
}

/** The gazetteer's key for a city, so "Brooklyn" and "New York" compare equal. */
export function cityKeyOf(name: string): string {
  return placeKey(lookupCity(name)?.name ?? name);
}

function countriesIn(text: string, into: Set<string>): void {
  for (const rawPart of text.split(AREA_PART_SPLIT)) {
    const part = rawPart.replace(AREA_NOISE, ' ').trim();
    if (!part) continue;
    const area = AREAS.get(placeKey(part));
    if (area) for (const code of area) into.add(code);
    else {
      const code = countryCode(part);
      if (code) into.add(code);
    }
  }
}

export interface RemoteReach {
  /** Countries whose residents may apply; null when the posting names no limit. */
  countries: ReadonlySet<string> | null;
  /** The limit in the posting's own words ("Canada", "EU/EEA"). */
  label: string | null;
}

const PARENTHESES = /\(([^)]+)\)/;

/** Which countries a remote job hires in, from its country, location text and description. */
export function remoteReach(
  country: string | null,
  locationText: string | null,
  description: string,
): RemoteReach {
  const countries = new Set<string>();
  if (country) countries.add(country);
  const text = locationText ?? '';
  if (ANYWHERE.test(text)) return { countries: null, label: null };
  if (text) countriesIn(text, countries);
  let label = PARENTHESES.exec(text)?.[1] ?? null;
  if (countries.size === 0) {
    const must = MUST_LIVE.exec(description);
    const phrase = must?.[1]?.replace(CLAUSE_END, '') ?? ONLY_SUFFIX.exec(description)?.[1] ?? null;
    if (phrase) {
      countriesIn(phrase, countries);
      label = phrase.trim();
    }
  }
  if (countries.size === 0) return { countries: null, label: null };
  return { countries, label: label ?? [...countries].join('/') };
}
