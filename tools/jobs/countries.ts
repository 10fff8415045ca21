// Country names and aliases as job postings write them, mapped to ISO 3166-1 alpha-2. Each row is
// `code: name|alias|alias`; aliases include native spellings because postings use them ("Deutschland").
const COUNTRY_ROWS = `
US: United States|United States of America|USA|US|U.S.|U.S.A.|America
GB: United Kingdom|UK|U.K.|Great Britain|Britain|England|Scotland|Wales|Northern Ireland
CA: Canada
AU: Australia
NZ: New Zealand|Aotearoa
IE: Ireland|Éire
DE: Germany|Deutschland
AT: Austria|Österreich
CH: Switzerland|Schweiz|Suisse|Svizzera
FR: France
BE: Belgium|Belgique|België
NL: Netherlands|The Netherlands|Nederland|Holland
LU: Luxembourg
ES: Spain|España
PT: Portugal
IT: Italy|Italia
GR: Greece
CY: Cyprus
MT: Malta
SE: Sweden|Sverige
NO: Norway|Norge
DK: Denmark|Danmark
FI: Finland|Suomi
IS: Iceland
EE: Estonia
LV: Latvia
LT: Lithuania
PL: Poland|Polska
CZ: Czech Republic|Czechia|Česko
SK: Slovakia
HU: Hungary
RO: Romania|România
BG: Bulgaria
HR: Croatia|Hrvatska
SI: Slovenia
RS: Serbia
BA: Bosnia and Herzegovina
UA: Ukraine
BY: Belarus
MD: Moldova
GE: Georgia
AM: Armenia
TR: Turkey|Türkiye
RU: Russia|Russian Federation
IL: Israel
AE: United Arab Emirates|UAE|U.A.E.
SA: Saudi Arabia
QA: Qatar
EG: Egypt
MA: Morocco
TN: Tunisia
NG: Nigeria
KE: Kenya
GH: Ghana
ZA: South Africa
IN: India|Bharat
PK: Pakistan
BD: Bangladesh
LK: Sri Lanka
NP: Nepal
CN: China|PRC|People's Republic of China
HK: Hong Kong|Hong Kong SAR
TW: Taiwan
JP: Japan
KR: South Korea|Korea|Republic of Korea
SG: Singapore
MY: Malaysia
TH: Thailand
VN: Vietnam|Viet Nam
PH: Philippines
ID: Indonesia
MX: Mexico|México
BR: Brazil|Brasil
AR: Argentina
CL: Chile
CO: Colombia
PE: Peru|Perú
UY: Uruguay
CR: Costa Rica
PA: Panama
EC: Ecuador
`;

// Subdivisions whose codes postings use after a city ("Austin, TX"). Rows are `code: name`.
const US_STATE_ROWS =
  'AL:Alabama AK:Alaska AZ:Arizona AR:Arkansas CA:California CO:Colorado CT:Connecticut DE:Delaware ' +
  'DC:District of Columbia FL:Florida GA:Georgia HI:Hawaii ID:Idaho IL:Illinois IN:Indiana IA:Iowa ' +
  'KS:Kansas KY:Kentucky LA:Louisiana ME:Maine MD:Maryland MA:Massachusetts MI:Michigan MN:Minnesota ' +
  'MS:Mississippi MO:Missouri MT:Montana NE:Nebraska NV:Nevada NH:New Hampshire NJ:New Jersey ' +
  'NM:New Mexico NY:New York NC:North Carolina ND:North Dakota OH:Ohio OK:Oklahoma OR:Oregon ' +
  'PA:Pennsylvania RI:Rhode Island SC:South Carolina SD:South Dakota TN:Tennessee TX:Texas UT:Utah ' +
  'VT:Vermont VA:Virginia WA:Washington WV:West Virginia WI:Wisconsin WY:Wyoming PR:Puerto Rico';
const CA_PROVINCE_ROWS =
  'AB:Alberta BC:British Columbia MB:Manitoba NB:New Brunswick NL:Newfoundland and Labrador ' +
  'NS:Nova Scotia ON:Ontario PE:Prince Edward Island QC:Quebec SK:Saskatchewan NT:Northwest Territories ' +
  'NU:Nunavut YT:Yukon';
const AU_STATE_ROWS =
  'NSW:New South Wales VIC:Victoria QLD:Queensland WA:Western Australia SA:South Australia ' +
  'TAS:Tasmania ACT:Australian Capital Territory NT:Northern Territory';

/** Lookup key for place names: lowercase, no accents, no dots, single spaces. */
export function placeKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[\s_]+/g, ' ')
    .trim();
}

function parseCountries(): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const line of COUNTRY_ROWS.trim().split('\n')) {
    const [code, names] = line.split(': ') as [string, string];
    byKey.set(placeKey(code), code);
    for (const name of names.split('|')) byKey.set(placeKey(name), code);
  }
  return byKey;
}

function parseRegions(rows: string): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const match of rows.matchAll(/([A-Z]{2,3}):([^:]+?)(?=\s+[A-Z]{2,3}:|$)/g)) {
    const code = match[1]!;
    byKey.set(placeKey(code), code);
    byKey.set(placeKey(match[2]!), code);
  }
  return byKey;
}

const COUNTRIES = parseCountries();

/** Region-name/code lookups for the countries whose postings write "City, XX". */
export const REGIONS_BY_COUNTRY: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['US', parseRegions(US_STATE_ROWS)],
  ['CA', parseRegions(CA_PROVINCE_ROWS)],
  ['AU', parseRegions(AU_STATE_ROWS)],
]);

/** ISO 3166-1 alpha-2 code for a country name, alias or code ("Deutschland", "UK", "us"); null if unknown. */
export function countryCode(nameOrCode: string | null | undefined): string | null {
  if (!nameOrCode) return null;
  return COUNTRIES.get(placeKey(nameOrCode)) ?? null;
}

/** Region code within a country for a name or code ("California" or "ca" in US → "CA"); null if unknown. */
export function regionCode(country: string, nameOrCode: string): string | null {
  return REGIONS_BY_COUNTRY.get(country)?.get(placeKey(nameOrCode)) ?? null;
}
