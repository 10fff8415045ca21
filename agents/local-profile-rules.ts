/**
 * Rules for the user's profile: changing preferences (digest time, time zone and delivery, roles,
 * locations, remote, minimum salary, seniority, visa, exclusions, digest threshold) and showing
 * them. Lists the user adds to ("also exclude Amazon") are merged with the stored profile.
 */
import type { Intent, ProfileListField, ToolIntent } from './intents.ts';
import { type Clause, type Rule, tool } from './local-rule-kit.ts';
import { readPlaces, readRemote, readSalary, readSeniority, singularRole } from './local-slots.ts';
import { readHour, readTimeZone } from './local-time-slots.ts';

const update = (args: Record<string, unknown>, c: Clause, merge?: ToolIntent['merge']): ToolIntent =>
  tool('update_profile', args, c, merge ? { merge } : {});

const SET = /\b(set|change|update|make|switch|move|put|schedule|i want|i'd like|i would like|please)\b/;

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/i;

/**
 * How the digest reaches the person: their e-mail address, e-mail on or off, how many matches,
 * and a note on days with nothing new.
 */
const delivery: Rule = (c) => {
  const n = c.norm;
  const address = EMAIL.exec(c.raw)?.[0];
  if (address && /\b(e-?mail|address|send|digest|mail)\b/.test(n)) return update({ email: address }, c);
  const args: Record<string, unknown> = {};
  if (/\b(stop|don'?t|do not|no more|never)\b.*\b(e-?mail|mail)(ing|s)?\b/.test(n)) args.digestEmail = false;
  else if (/\b(e-?mail|mail) me\b.*\bdigest\b|\bdigest\b.*\bby (e-?mail|mail)\b/.test(n))
    args.digestEmail = true;
  const quiet = /\b(nothing (new|to report)|no new (matches|jobs)|quiet days?|empty (digest|days?))\b/.test(
    n,
  );
  if (quiet) args.digestEmptyNotice = !/\b(don'?t|do not|no need|stop|never|skip)\b/.test(n);
  const size =
    /\b(\d{1,2}) (?:matches|jobs) (?:in|per|a|each) (?:the |my |every )?(?:digest|day|morning)\b|\bdigest (?:size|length) (?:to |of )?(\d{1,2})\b/.exec(
      n,
    );
  if (size && Number(size[1] ?? size[2]) >= 1 && Number(size[1] ?? size[2]) <= 20)
    args.digestSize = Number(size[1] ?? size[2]);
  if (Object.keys(args).length === 0) return null;
  // "E-mail me the digest at 19:00 Berlin time" also moves the digest.
  const hour = readHour(n);
  const timeZone = readTimeZone(c.raw);
  return update(
    { ...args, ...(hour !== null ? { digestHour: hour } : {}), ...(timeZone ? { timeZone } : {}) },
    c,
  );
};

const digest: Rule = (c) => {
  const n = c.norm;
  const aboutDigest =
    /\b(digest|daily (email|summary|mail|message|update|report|list)|morning (email|summary)|notifications?|notify me|send me (my )?(matches|jobs|the digest))\b/.test(
      n,
    );
  const aboutZone =
    /\b(time ?zone|timezone|tz)\b/.test(n) || /\b(i('m| am) in|i live in|my time is) .+ time\b/.test(n);
  if (!aboutDigest && !aboutZone) return null;
  const hour = aboutDigest ? readHour(n) : null;
  const timeZone = readTimeZone(c.raw);
  const args: Record<string, unknown> = {
    ...(hour !== null ? { digestHour: hour } : {}),
    ...(timeZone ? { timeZone } : {}),
  };
  const threshold = /\b(above|over|scoring|score( of)?|at least|minimum score|threshold)\s*(\d{1,3})\b/.exec(
    n,
  );
  if (aboutDigest && threshold && Number(threshold[3]) <= 100) args.scoreThreshold = Number(threshold[3]);
  if (Object.keys(args).length > 0) return update(args, c);
  if (SET.test(n))
    return {
      ...update({}, c),
      missing:
        'At what time should the digest come, and in which time zone? For example “send my digest at 7am Europe/Berlin”.',
    };
  return null;
};

const threshold: Rule = (c) => {
  const m =
    /\b(?:score )?threshold (?:to |at |of )?(\d{1,3})\b|\bonly (?:send|include|show)(?: me)? (?:matches|jobs) (?:above|over|scoring(?: at least)?|with a score (?:of |above |over )?)\s*(\d{1,3})\b.*\bdigest\b/.exec(
      c.norm,
    );
  if (!m) return null;
  const value = Number(m[1] ?? m[2]);
  return value <= 100 ? update({ scoreThreshold: value }, c) : null;
};

const minSalary: Rule = (c) => {
  const n = c.norm;
  const floor =
    /\b(minimum|min|lowest|expected|desired|target|base) (salary|pay|compensation|comp)\b|\bsalary floor\b|\bi (won'?t|will not|don'?t|do not) (work|accept|take|consider)\b.*\b(less|under|below)\b|\b(need|want|expect) (at least|a minimum of)\b|\bdon'?t show( me)? (jobs|roles|anything|matches) (under|below|paying less)\b|\bnothing (under|below|less than)\b/;
  const searches = /\b(show|find|list|search)\b/.test(n.replace(/\bdon'?t show\b/g, ''));
  if (!floor.test(n) || searches) return null;
  const salary = readSalary(c.raw, 'USD');
  if (!salary) return null;
  return update({ minSalary: salary }, c);
};

const PREFERENCE =
  /\b(i (only |just )?(want|prefer|like|need)( to)?( work| be)?|i'?m only (interested|looking)|only want|from now on|always|set (my )?(remote|work mode|work style|preference)|change (my )?(remote|work mode|preference)|my preference is|i'?d rather|i would rather|i don'?t care about|i do not care about)\b/;

const remotePreference: Rule = (c) => {
  const n = c.norm;
  if (!PREFERENCE.test(n) || /\b(see|show|find|list|search|get)\b/.test(n)) return null;
  if (
    /\b(don'?t|do not) care about (remote|where|location|office)\b|\bremote or not\b|\bany work mode\b/.test(
      n,
    )
  )
    return update({ remote: 'any' }, c);
  const remote = readRemote(n);
  if (!remote) return null;
  const places = /\b(in|near|around)\b/.test(n) ? readPlaces(c.raw) : [];
  return update({ remote, ...(places.length ? { locations: places } : {}) }, c);
};

/** "data engineer and ml engineer" → ["data engineer", "ml engineer"]. */
function listOf(text: string): string[] {
  return text
    .replace(/[.!?]+$/, '')
    .split(/\s*(?:,|\band\b|\bor\b|\/|&)\s*/i)
    .map((s) =>
      s
        .replace(/^(a|an|the)\s+/i, '')
        .replace(/\s+(roles?|jobs?|positions?|please)$/i, '')
        .trim(),
    )
    .filter((s) => s.length > 0 && s.length <= 100);
}

const roles: Rule = (c) => {
  const set =
    /\b(?:set|change|update|make)\s+(?:my\s+)?(?:target\s+)?roles?\s+(?:to|as|=)\s+(.+)$|\bmy (?:target )?roles? (?:are|is|should be)\s+(.+)$|\bi'?m (?:now )?(?:targeting|aiming for)\s+(.+?)(?:\s+roles?)?$|\btarget roles?:?\s+(.+)$/i.exec(
      c.raw,
    );
  if (set) {
    const list = listOf((set[1] ?? set[2] ?? set[3] ?? set[4])!).map(singularRole);
    return list.length ? update({ roles: list }, c) : null;
  }
  const add = /\badd\s+(.+?)\s+to\s+(?:my\s+)?(?:target\s+)?roles\b/i.exec(c.raw);
  if (add) return update({}, c, { roles: listOf(add[1]!).map(singularRole) });
  return null;
};

const locations: Rule = (c) => {
  const set =
    /\b(?:set|change|update)\s+(?:my\s+)?locations?\s+(?:to|as|=)\s+(.+)$|\bmy locations? (?:are|is|should be)\s+(.+)$|\bi'?m (?:moving|relocating) to\s+(.+)$|\bi (?:only )?want to work in\s+(.+)$|\bi live in\s+(.+)$|\bi'?m (?:now )?(?:based|located|living) in\s+(.+)$/i.exec(
      c.raw,
    );
  if (set) {
    const text = (set[1] ?? set[2] ?? set[3] ?? set[4] ?? set[5] ?? set[6])!.replace(
      /\s+(now|please|too)$/i,
      '',
    );
    const places = readPlaces(text);
    const list = places.length ? places : listOf(text);
    const remote = readRemote(c.norm);
    return list.length ? update({ locations: list, ...(remote ? { remote } : {}) }, c) : null;
  }
  const add = /\badd\s+(.+?)\s+to\s+(?:my\s+)?locations\b/i.exec(c.raw);
  if (add) {
    const places = readPlaces(add[1]!);
    return update({}, c, { locations: places.length ? places : listOf(add[1]!) });
  }
  return null;
};

const seniority: Rule = (c) => {
  const n = c.norm;
  if (
    !/\b(set|change|update)\s+(my\s+)?(seniority|level|experience level)\b|\bi('m| am) (a |an )?(junior|senior|staff|principal|lead|mid[- ]level|mid)\b|\bmy (seniority|level) is\b/.test(
      n,
    )
  )
    return null;
  const levels = readSeniority(n);
  return levels.length ? update({ seniority: levels }, c) : null;
};

const sponsorship: Rule = (c) => {
  const n = c.norm;
  if (/\b(don'?t|do not|no longer|won'?t) need (a )?(visa|sponsorship|work permit)/.test(n))
    return update({ needsSponsorship: false }, c);
  if (
    /\b(need|require|requires|needs)( a)? (visa|sponsorship|work permit)|\bneed(s)? to be sponsored\b/.test(n)
  )
    return update({ needsSponsorship: true }, c);
  return null;
};

const exclusions: Rule = (c) => {
  const keyword =
    /\b(?:exclude|hide|skip|block)\s+(?:jobs|roles|anything)\s+(?:mentioning|with the word|containing|about)\s+(.+)$/i.exec(
      c.raw,
    );
  if (keyword) return update({}, c, { excludedKeywords: listOf(keyword[1]!) });
  const company =
    /\b(?:exclude|block|hide|blacklist|mute|never show(?: me)?(?: any)?(?: jobs| roles| anything)? (?:from|at|by)|no more (?:jobs )?(?:from|at)|stop showing(?: me)?(?: jobs)? (?:from|at))\s+(.+)$/i.exec(
      c.raw,
    );
  if (!company) return null;
  const names = listOf(company[1]!.replace(/^(?:jobs|roles)\s+(?:from|at|by)\s+/i, ''))
    .map((s) =>
      s.replace(/\s+(?:from my (?:matches|results|digest)|please|in (?:my )?(?:matches|results))$/i, ''),
    )
    .filter((s) => !/^(previous|all|the above|instructions)\b/i.test(s));
  return names.length ? update({}, c, { excludedCompanies: names }) : null;
};

const showProfile: Rule = (c) => {
  const n = c.norm;
  if (
    /\b(profile|preferences|prefs|settings)\b/.test(n) ||
    /\bmy (digest( time)?|time ?zone|minimum salary|min salary|salary floor|target roles|roles|locations|exclusions|excluded companies|seniority)\b/.test(
      n,
    ) ||
    /\bwhen (is|do i get|will i get|does) my digest\b/.test(n)
  )
    return tool('get_profile', {}, c);
  return null;
};

/** Profile rules, updates before showing. */
export const profileRules: Rule[] = [
  delivery,
  digest,
  threshold,
  minSalary,
  exclusions,
  roles,
  locations,
  seniority,
  sponsorship,
  remotePreference,
  showProfile,
];

export type { Intent, ProfileListField };
