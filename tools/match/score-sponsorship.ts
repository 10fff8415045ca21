// How postings say whether they sponsor visas or work permits. Employers phrase a refusal many
// ways ("unable to sponsor", "must already have the right to work"), so each pattern covers a family.
const VISA = '(?:visa|work[- ]permit|work visa|immigration|employment)';

const BLOCKED_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\bwithout (?:the need for |requiring |needing )?(?:${VISA} )?sponsorship\\b`, 'i'),
  new RegExp(
    `\\b(?:unable|not able|cannot|can ?not|can't|won't|will not|do not|don't|does not|doesn't|are not able|is not able) (?:to )?(?:currently )?(?:offer |provide |support |consider )?(?:${VISA} )?sponsor`,
    'i',
  ),
  new RegExp(`\\bno (?:${VISA} )?sponsorship\\b`, 'i'),
  new RegExp(
    `\\b(?:${VISA} )?sponsorship (?:is )?(?:not|un)(?: |-)?(?:available|offered|provided|possible)\\b`,
    'i',
  ),
  new RegExp(`\\b(?:not |in)eligible for (?:${VISA} )?sponsorship\\b`, 'i'),
  /\bmust (?:already )?(?:be (?:legally )?(?:authori[sz]ed|eligible|entitled|permitted) to work|have (?:the )?(?:legal )?right to work)\b[^.\n]{0,80}?\bwithout\b/i,
  /\bmust already (?:have|hold|possess) (?:the |a |an )?(?:valid )?(?:legal )?(?:right to work|work (?:permit|authori[sz]ation|visa))/i,
  /\b(?:an )?existing (?:valid )?(?:\w+ )?(?:right to work|work (?:permit|authori[sz]ation|visa))\b/i,
  /\bkeine? (?:visa|visum|arbeitserlaubnis)[- ]?(?:unterstützung|sponsoring|sponsorship)/i,
  /\bkein(?:e|en)? (?:unterstützung|sponsoring) (?:bei|für) (?:visa|visum|arbeitserlaubnis)/i,
];

const OFFERED_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\b${VISA}s? (?:sponsorship|support)\\b`, 'i'),
  /\bpermit (?:sponsorship|support)\b/i,
  /\b(?:we|can|will|happy to|able to|glad to) (?:\w+ )?sponsor\b/i,
  /\bsponsor(?:ship)? (?:is )?available\b/i,
  /\bsponsor licen[cs]e\b|\blicensed [\w ]{0,30}sponsor\b/i,
  /\bsupport (?:\w+ )?(?:work permit|visa)s?\b/i,
];

/**
 * True when a posting rules out sponsoring a visa or work permit ("without sponsorship", "unable to
 * sponsor", "must be authorised to work in the UK without...", "no visa sponsorship", "keine
 * Visa-Unterstützung").
 */
export function sponsorshipBlocked(text: string): boolean {
  if (typeof text !== 'string') throw new TypeError('sponsorshipBlocked: text must be a string');
  return BLOCKED_PATTERNS.some((pattern) => pattern.test(text));
}

/** True when a posting says it sponsors or supports visas or work permits (and does not refuse). */
export function sponsorshipOffered(text: string): boolean {
  return !sponsorshipBlocked(text) && OFFERED_PATTERNS.some((pattern) => pattern.test(text));
}
