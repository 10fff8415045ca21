/**
 * Research rules: a company's profile ("research Acme", "is Globex hiring?"), market stats for a
 * role and place ("what do rust developers earn in London?"), and reading a web page.
 */
import type { Rule } from './local-rule-kit.ts';
import { tool } from './local-rule-kit.ts';
import { readPlace, readRemote, singularRole } from './local-slots.ts';

const readPage: Rule = (c) => {
  const url = /\bhttps?:\/\/[^\s"'<>)]+/i.exec(c.raw);
  if (!url) return null;
  if (/\b(add|track|follow|watch|monitor|crawl\w*|scrape|source|sync)\b/.test(c.norm)) return null;
  if (!/\b(read|open|fetch|summari[sz]e|look at|visit|check out|what|get|see|show|tell)\b/.test(c.norm))
    return null;
  return tool('read_page', { url: url[0].replace(/[.,;!?]+$/, '') }, c);
};

const MARKET =
  /\b(market (stats|statistics|data|overview|rate|rates|value|for|in)|job market|stats (for|on|of)|statistics (for|on|of)|salary (range|ranges|data|stats|statistics|percentiles?|benchmarks?|bands?|levels?|distribution|expectations)|percentiles?|in demand|demand for|most (wanted|requested|demanded|common) skills|(top|which|what) skills|skills (do|are|for|needed)|going rate|average (salary|pay)|median (salary|pay)|typical (salary|pay)|salar(y|ies) (for|of)|pay (for|of)|compensation (for|of))\b/;
const EARN =
  /\bhow much (do|does|can|could|would|will|should|are)\b.*\b(earn|make|pay|paid|get)\b|\bwhat (do|does|can)\b.*\b(earn|make|get paid)\b/;
const ROLE_STOP = new Set(
  `what which how much many do does did can could would will should are is the a an for of in on at near around to
  market stats statistics overview rate rates value job jobs salary salaries range ranges percentile percentiles
  benchmark benchmarks band bands level levels distribution expectations demand demanded wanted requested common most
  top skills skill needed earn earns earning make makes made pay paid pays get gets going average median typical
  compensation me show give tell please typically usually currently right now there remote hybrid onsite me i my
  want wants look looking ask asks require requires need needs expect expects
  with from based people person annual annually yearly year per`.split(/\s+/),
);

const marketStats: Rule = (c) => {
  const n = c.norm;
  if (!MARKET.test(n) && !EARN.test(n)) return null;
  const place = readPlace(c.raw);
  let rest = c.raw.replace(/\b(market|salary|job market) data\b/gi, ' ');
  if (place)
    rest = rest.replace(
      new RegExp(`\\b(?:in|near|around|at|for)?\\s*${place.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i'),
      ' ',
    );
  const words = rest
    .replace(/[?!.,;:"“”()]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !ROLE_STOP.has(w.toLowerCase()) && !/^\d/.test(w));
  const role = singularRole(words.join(' ').trim());
  const remote = readRemote(n);
  const currency = /\b(eur|euros?|€)\b/i.test(c.raw)
    ? 'EUR'
    : /\b(gbp|pounds?|£)\b/i.test(c.raw)
      ? 'GBP'
      : null;
  const args: Record<string, unknown> = {
    ...(role ? { role } : {}),
    ...(place ? { location: place } : {}),
    ...(remote ? { remote } : {}),
    ...(currency ? { currency } : {}),
  };
  return role
    ? tool('market_stats', args, c)
    : tool('market_stats', args, c, {
        missing: 'For which role? For example “salary stats for data engineers in Berlin”.',
      });
};

const COMPANY_TRIGGER =
  /\b(?:research|look into|look up|lookup|investigate|dig into|deep dive (?:on|into)|company profile (?:of|for|on)?|profile (?:of|for|on)|(?:company )?overview (?:of|for|on)|tell me about|what do (?:you|we) (?:know|have) (?:about|on)|info(?:rmation)? (?:on|about)|who (?:is|are)|hiring trends? (?:at|of|for)|tech stack (?:at|of|for)|stack (?:at|of)|is the company)\s+(.+)$/i;
const COMPANY_STOP =
  /\s+(?:and|or|hiring|like|do|does|use|uses|pay|pays|in|for|please|now|right now|today|as|to|with|on|is|are|have|has|currently|at the moment|these days|doing|got|open)\b.*$/i;

/** The company a clause is about, as typed: "research Acme Corp" → "Acme Corp". */
function readCompany(raw: string): string | null {
  const text = raw.replace(/[?!]+/g, ' ').trim();
  const patterns = [
    COMPANY_TRIGGER,
    /\bis\s+(.+?)\s+(?:hiring|growing|a good (?:company|employer|place))\b/i,
    /\bwhat does\s+(.+?)\s+(?:do|use|pay|build|make|look for)\b/i,
    /\bwhat (?:roles|jobs|positions) does\s+(.+?)\s+(?:have|offer|list)\b/i,
    /\bhow many (?:open )?(?:jobs|roles|positions|openings) (?:does|do|has|have|is|are)\s+(.+?)\s+(?:have|got|open|list|hiring|offer)\b/i,
    /(?<![\w'])([A-Za-z0-9][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)'s\s+(?:tech stack|stack|hiring|open roles|company profile|profile)\b/i,
    /\bhow (?:is|does)\s+(.+?)\s+(?:hiring|pay|doing)\b/i,
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (!m) continue;
    let name = m[1]!.replace(COMPANY_STOP, '').replace(/'s$/i, '');
    name = name
      .replace(/^(?:the company|company|the firm|the employer|the startup)\s+/i, '')
      .replace(/\s+(?:company|inc\.?|as an employer)$/i, '');
    name = name
      .replace(/^(?:the|a|an)\s+/i, '')
      .trim()
      .replace(/[.,;:]+$/, '');
    if (!name || /^(my|me|it|this|that|them|you|yourself|jobhound|the|us)\b/i.test(name)) return null;
    if (name.split(/\s+/).length > 5) continue;
    return name;
  }
  return null;
}

const companyProfile: Rule = (c) => {
  const n = c.norm;
  if (
    !/\b(research|look|lookup|investigate|dig|deep dive|company|profile|tell me about|know|info|information|who is|who are|hiring|stack|what does|roles|jobs|positions|how is|how does)\b/.test(
      n,
    )
  )
    return null;
  const company = readCompany(c.raw);
  if (!company) return null;
  // "who is" and "tell me about" only count for a name, not a question about something else.
  if (/\b(who|tell me about)\b/.test(n) && !/^[A-Z0-9]/.test(company) && company.split(' ').length > 3)
    return null;
  return tool('company_profile', { company }, c);
};

/** Research rules, in the order the main rule list places them. */
export { companyProfile, marketStats, readPage };
