/**
 * Time readers of the local model: the hour of the day for the digest ("7am", "18:00", "at 9 in
 * the evening") and an IANA time zone, written out, abbreviated or named by a city.
 */

const ZONE_ALIASES: Record<string, string> = {
  utc: 'UTC',
  gmt: 'UTC',
  zulu: 'UTC',
  cet: 'Europe/Berlin',
  cest: 'Europe/Berlin',
  'central european': 'Europe/Berlin',
  bst: 'Europe/London',
  'uk time': 'Europe/London',
  'british time': 'Europe/London',
  pst: 'America/Los_Angeles',
  pdt: 'America/Los_Angeles',
  pacific: 'America/Los_Angeles',
  est: 'America/New_York',
  edt: 'America/New_York',
  eastern: 'America/New_York',
  cst: 'America/Chicago',
  cdt: 'America/Chicago',
  'central time': 'America/Chicago',
  mst: 'America/Denver',
  mdt: 'America/Denver',
  mountain: 'America/Denver',
  ist: 'Asia/Kolkata',
  india: 'Asia/Kolkata',
  aest: 'Australia/Sydney',
  jst: 'Asia/Tokyo',
  'san francisco': 'America/Los_Angeles',
  sf: 'America/Los_Angeles',
  seattle: 'America/Los_Angeles',
  nyc: 'America/New_York',
  boston: 'America/New_York',
  austin: 'America/Chicago',
  munich: 'Europe/Berlin',
  hamburg: 'Europe/Berlin',
  frankfurt: 'Europe/Berlin',
  cologne: 'Europe/Berlin',
  zurich: 'Europe/Zurich',
  barcelona: 'Europe/Madrid',
  milan: 'Europe/Rome',
  bangalore: 'Asia/Kolkata',
  bengaluru: 'Asia/Kolkata',
  delhi: 'Asia/Kolkata',
  beijing: 'Asia/Shanghai',
  'tel aviv': 'Asia/Jerusalem',
};

let zonesByCity: Map<string, string> | null = null;

/** IANA zones keyed by their city in lower case ("new york" → America/New_York). */
function zoneCities(): Map<string, string> {
  if (!zonesByCity) {
    zonesByCity = new Map();
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const city = zone.split('/').pop()!.replace(/_/g, ' ').toLowerCase();
      if (!zonesByCity.has(city)) zonesByCity.set(city, zone);
    }
  }
  return zonesByCity;
}

const isZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** An IANA time zone: written out ("Europe/Paris"), an abbreviation, or a city ("Berlin time"). */
export function readTimeZone(raw: string): string | null {
  const iana = /\b([A-Z][A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)\b/.exec(raw);
  if (iana && isZone(iana[1]!)) return iana[1]!;
  const lower = ` ${raw
    .toLowerCase()
    .replace(/[^a-z\s]/g, ' ')
    .replace(/\s+/g, ' ')} `;
  for (const [alias, zone] of Object.entries(ZONE_ALIASES)) if (lower.includes(` ${alias} `)) return zone;
  const cities = zoneCities();
  const words = lower.trim().split(' ');
  for (let i = 0; i < words.length; i++) {
    for (const size of [3, 2, 1]) {
      const phrase = words.slice(i, i + size).join(' ');
      if (phrase.length < 4) continue;
      const zone = cities.get(phrase);
      if (zone) return zone;
    }
  }
  return null;
}

/** An hour of the day, 0–23: "7am", "18:00", "9 pm", "at 8", "noon". */
export function readHour(norm: string): number | null {
  if (/\bnoon|midday\b/.test(norm)) return 12;
  if (/\bmidnight\b/.test(norm)) return 0;
  const ampm = /\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)/.exec(norm);
  if (ampm) {
    const h = Number(ampm[1]);
    if (h < 1 || h > 12) return null;
    return ampm[3]!.startsWith('p') ? (h % 12) + 12 : h % 12;
  }
  const clock = /\b(\d{1,2}):(\d{2})\b/.exec(norm) ?? /\b(\d{1,2})\s*(?:h|uhr|o'?clock)\b/.exec(norm);
  if (clock) {
    const h = Number(clock[1]);
    return h <= 23 ? h : null;
  }
  const at = /\b(?:at|to|for|around)\s+(\d{1,2})\b(?!\s*(?:k|%|matches|jobs|\d))/.exec(norm);
  if (at) {
    const h = Number(at[1]);
    if (h > 23) return null;
    const evening = /\b(evening|night|afternoon|pm)\b/.test(norm) && h < 12;
    return evening ? h + 12 : h;
  }
  return null;
}
