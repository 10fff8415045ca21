import { placeKey } from '../jobs/countries.ts';
import { cityKeyOf, parseSeekerPlace, remoteReach, type SeekerPlace } from './score-places.ts';
import { capitalise, containsWord } from './score-text.ts';
import type { JobForScoring, SeekerForScoring } from './types.ts';

export interface LocationResult {
  value: number;
  note: string;
  /** Short phrase for a summary ("remote", "hybrid in Berlin"). */
  phrase: string;
  dealbreaker: string | null;
}

type Mode = 'remote' | 'hybrid' | 'onsite';
type PlaceFit = 'match' | 'unknown' | 'elsewhere';

/** The job's place or work mode is unclear: neither good nor bad. */
export const NEUTRAL_LOCATION = 0.6;
// A fully remote job for someone who wants an office is a weak fit, not a hard no.
const REMOTE_FOR_ONSITE = 0.4;
const NO_PLACES_GIVEN = 0.8;

const REMOTE_TEXT = /\b(?:remote|anywhere|work from home|wfh|telecommute|distributed)\b/i;
const HYBRID_TEXT = /\bhybrid\b/i;
const ONSITE_TEXT = /\b(?:on[- ]?site|in[- ]office)\b/i;

function jobMode(job: JobForScoring): Mode | null {
  if (job.remote) return job.remote;
  const text = job.locationText ?? '';
  if (HYBRID_TEXT.test(text)) return 'hybrid';
  if (REMOTE_TEXT.test(text)) return 'remote';
  if (ONSITE_TEXT.test(text)) return 'onsite';
  return job.city ? 'onsite' : null;
}

function placeFit(place: SeekerPlace, job: JobForScoring): PlaceFit {
  const countryClash = place.country !== null && job.country !== null && place.country !== job.country;
  if (place.cityKey === null) {
    if (place.country === null) return 'unknown';
    if (job.country === null) return 'unknown';
    return countryClash ? 'elsewhere' : 'match';
  }
  if (countryClash) return 'elsewhere';
  if (!job.city && !job.region && !job.locationText) return 'unknown';
  // "Getafe, Madrid, Spain" is within reach of Madrid; so is "Didsbury, Manchester".
  if (job.city && cityKeyOf(job.city) === place.cityKey) return 'match';
  if (job.region && placeKey(job.region) === place.cityKey) return 'match';
  if (job.locationText && containsWord(placeKey(job.locationText), place.cityKey)) return 'match';
  return job.city || job.region ? 'elsewhere' : 'unknown';
}

function bestFit(places: readonly SeekerPlace[], job: JobForScoring): PlaceFit {
  let best: PlaceFit = 'elsewhere';
  for (const place of places) {
    const fit = placeFit(place, job);
    if (fit === 'match') return fit;
    if (fit === 'unknown') best = 'unknown';
  }
  return best;
}

function where(job: JobForScoring): string {
  return job.city ?? job.region ?? job.locationText ?? 'an office';
}

function remoteResult(
  job: JobForScoring,
  seeker: SeekerForScoring,
  places: readonly SeekerPlace[],
): LocationResult {
  const reach = remoteReach(job.country, job.locationText, job.descriptionMd);
  const knownCountries = places.map((p) => p.country).filter((c): c is string => c !== null);
  const phrase = reach.label ? `remote (${reach.label})` : 'remote';
  if (reach.countries && knownCountries.length > 0 && !knownCountries.some((c) => reach.countries!.has(c))) {
    const dealbreaker = `Remote only for people in ${reach.label}; you're in ${places[0]!.text}`;
    return { value: 0, note: `remote, limited to ${reach.label}`, phrase, dealbreaker };
  }
  if (seeker.profile.remote === 'onsite') {
    return { value: REMOTE_FOR_ONSITE, note: `${phrase}; you prefer on-site`, phrase, dealbreaker: null };
  }
  return { value: 1, note: phrase, phrase, dealbreaker: null };
}

function officeResult(
  mode: 'hybrid' | 'onsite',
  job: JobForScoring,
  seeker: SeekerForScoring,
  places: readonly SeekerPlace[],
): LocationResult {
  const label = mode === 'hybrid' ? 'hybrid' : 'onsite';
  const phrase = `${label} in ${where(job)}`;
  const wants = seeker.profile.remote;
  if (wants === 'remote' || (wants === 'hybrid' && mode === 'onsite')) {
    const want = wants === 'remote' ? 'remote' : 'hybrid or remote';
    return {
      value: 0,
      note: `${phrase}; you want ${want}`,
      phrase,
      dealbreaker: `${capitalise(phrase)}; you want ${want}`,
    };
  }
  if (places.length === 0) return { value: NO_PLACES_GIVEN, note: phrase, phrase, dealbreaker: null };
  const fit = bestFit(places, job);
  if (fit === 'match') return { value: 1, note: phrase, phrase, dealbreaker: null };
  if (fit === 'unknown')
    return { value: NEUTRAL_LOCATION, note: `${phrase}; place unclear`, phrase, dealbreaker: null };
  const looking = places.map((p) => p.text).join(' or ');
  return {
    value: 0,
    note: `${phrase}; you're looking in ${looking}`,
    phrase,
    dealbreaker: `${capitalise(phrase)}; you're looking in ${looking}`,
  };
}

/**
 * How well the job's place and remote mode suit the person: remote jobs must hire where they live,
 * office jobs must be in (or named with) one of their places, and the remote preference must allow it.
 */
export function locationFit(seeker: SeekerForScoring, job: JobForScoring): LocationResult {
  const places = seeker.profile.locations.map(parseSeekerPlace);
  const mode = jobMode(job);
  if (mode === 'remote') return remoteResult(job, seeker, places);
  if (mode === 'hybrid' || mode === 'onsite') return officeResult(mode, job, seeker, places);
  return {
    value: NEUTRAL_LOCATION,
    note: 'work mode not stated',
    phrase: 'location unclear',
    dealbreaker: null,
  };
}
