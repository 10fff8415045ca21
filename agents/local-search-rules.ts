/**
 * Rules for finding jobs: the user's ranked matches (search_matches, the default for "find me
 * jobs") and the plain search over every stored job (search_jobs: "all jobs", "jobs at Acme").
 * Both read the same filters: remote, place, salary floor, seniority, how many, and topic words.
 */
import type { ParseOptions, ToolIntent } from './intents.ts';
import { type Clause, type Rule, tool } from './local-rule-kit.ts';
import { readLimit, readPlace, readRemote, readSalary, readSeniority, titleCase } from './local-slots.ts';

const JOB_NOUN =
  /\b(match|matches|matching|jobs?|roles?|positions?|openings?|vacanc(y|ies)|opportunit(y|ies)|gigs?|postings?|listings?)\b/;
const ASK =
  /\b(show|find|list|get|give|what|any|anything|best|top|recommend|suggest|fit|fits|suit|suits|looking|search|see|got|have|are there|new|browse|match|matches)\b/;

const QUERY_STOP = new Set(
  `show find list get give me my i what which any anything best top recommend suggest fit fits suit suits looking look
  for search see got have has are there is new newest latest please can could would you some good great nice match
  matches matching job jobs role roles position positions opening openings vacancy vacancies opportunity opportunities
  gig gigs posting postings listing listings work working in near around at from based located with and or the a an
  to of on that this these those only just also all every remote remotely hybrid onsite on-site office home wfh
  anywhere fully paying pay pays salary over above under below least more than min minimum k per year month hour
  week day annual annually eur usd gbp chf euros euro dollars dollar pounds right now today currently available open
  jobhound let us lets want need like love senior sr junior jr mid level staff principal lead intern interns
  internship entry graduate top best ranked ones one few some me? that's any? stored database posted since recent
  recently browse do does did get it them they am be been being hi hey hello yo well mostly preferably ideally tell
  kind kinds type types sort sorts i'm im i've i'd i'll resume cv profile experience background one two three four five six seven eight nine ten
  twenty fifty something anything stuff pln cad aud sek nok dkk inr jpy a an`.split(/\s+/),
);

/** The topic words left after the filters: "remote backend jobs in Berlin" → "backend". */
function readQuery(raw: string, place: string | null, company: string | null): string | null {
  let text = raw.replace(/https?:\/\/\S+/g, ' ');
  for (const name of [place, company])
    if (name)
      text = text.replace(new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'ig'), ' ');
  const words = text
    .replace(/[$€£]\s?\d[\d.,]*\s?k?|\d[\d.,]*\s?k\b|\b\d+\b/gi, ' ')
    .replace(/[?!.,;:"“”()+]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !QUERY_STOP.has(w.toLowerCase()));
  const query = words.join(' ').trim();
  return query.length >= 2 ? query : null;
}

function readFilters(c: Clause) {
  const remote = readRemote(c.norm);
  const place = readPlace(c.raw);
  const minSalary = readSalary(c.raw, 'USD');
  const seniority = readSeniority(c.norm);
  const limit = readLimit(c.norm);
  return {
    ...(remote ? { remote } : {}),
    ...(place ? { location: place } : {}),
    ...(minSalary ? { minSalary } : {}),
    ...(seniority.length ? { seniority } : {}),
    ...(limit ? { limit } : {}),
  };
}

const COMPANY_FILTER =
  /\b(?:jobs|roles|positions|openings|vacancies)\s+(?:at|from|by|with)\s+([A-Za-z0-9][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)/;
const PLACE_WORDS = /^(home|the office|an office|office|remote|anywhere)$/i;

/** "posted this week" → an ISO date; null when the clause names no period. */
function readSince(norm: string, now: Date): string | null {
  const days = /\b(today|since yesterday)\b/.test(norm)
    ? 1
    : /\b(this|past|last) week\b|\blast 7 days\b/.test(norm)
      ? 7
      : /\b(this|past|last) month\b|\blast 30 days\b/.test(norm)
        ? 30
        : /\blast (\d{1,3}) days\b/.exec(norm)
          ? Number(/\blast (\d{1,3}) days\b/.exec(norm)![1])
          : null;
  if (days === null) return null;
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

const searchJobs = (c: Clause, _conv: unknown, options: ParseOptions): ToolIntent | null => {
  const n = c.norm;
  const company = COMPANY_FILTER.exec(c.raw)?.[1] ?? null;
  const companyOk = company !== null && !PLACE_WORDS.test(company) && readPlace(company) === null;
  const broad =
    /\b(all|every|stored|latest|newest|recent|new) (the )?(jobs?|postings?|roles)\b|\bsearch (the |all |stored |for )?jobs\b|\bjob search\b|\bjobs (posted|added|found|crawled)\b|\bin the database\b|\bsearch all\b/.test(
      n,
    );
  if (!companyOk && !broad) return null;
  const filters = readFilters(c);
  const since = readSince(n, options.now ?? new Date());
  const query = readQuery(c.norm, filters.location ?? null, companyOk ? company : null);
  return tool(
    'search_jobs',
    {
      ...(query ? { query } : {}),
      ...(companyOk ? { company: /^[a-z]/.test(company!) ? titleCase(company!) : company } : {}),
      ...filters,
      ...(since ? { postedSince: since } : {}),
    },
    c,
  );
};

const searchMatches: Rule = (c) => {
  const n = c.norm;
  const filters = readFilters(c);
  const hasFilter =
    'remote' in filters || 'location' in filters || 'minSalary' in filters || 'seniority' in filters;
  const vague =
    /\b(anything|something|any openings|what'?s available|what'?s out there)\b/.test(n) && hasFilter;
  const asks = vague || (JOB_NOUN.test(n) && (ASK.test(n) || hasFilter || /\b(i|me|my)\b/.test(n)));
  if (!asks && !/^(my )?matches\??$/.test(n.trim())) return null;
  const query = readQuery(c.norm, filters.location ?? null, null);
  return tool('search_matches', { ...(query ? { query } : {}), ...filters }, c);
};

/** Search rules: the plain job search first (it needs explicit words), then matches. */
export const searchRules: Rule[] = [searchJobs as Rule, searchMatches];
