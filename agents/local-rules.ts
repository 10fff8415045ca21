/**
 * The rules of the intent parser, most specific first: each looks at one clause and either
 * recognises it (an intent with its arguments) or passes. Keyword typos are already corrected in
 * `clause.norm`; names and numbers are read from `clause.raw` as typed.
 */
import type { Conversation, ToolIntent } from './intents.ts';
import { companyIn, JOB_QUESTION, jobArgs } from './local-job-refs.ts';
import { profileRules } from './local-profile-rules.ts';
import { companyProfile, marketStats, readPage } from './local-research-rules.ts';
import { type Clause, type Rule, tool } from './local-rule-kit.ts';
import { searchRules } from './local-search-rules.ts';
import { readOrdinal, readSourceSpec, UUID } from './local-slots.ts';

export type { Clause, Rule } from './local-rule-kit.ts';

const RESUME = /\b(resume|resumes|résumé|cv|cvs|curriculum vitae)\b/;

const STRONG_OUT_OF_SCOPE =
  /\b(weather|forecast|poem|poems|poetry|haiku|limerick|song|songs|lyrics|joke|jokes|riddle|recipe|recipes|cooking|horoscope|zodiac|lottery|movie|movies|football|soccer|basketball|nba|nfl|bitcoin|crypto prices?|stock price|dating|girlfriend|boyfriend)\b/;
const WEAK_OUT_OF_SCOPE =
  /\b(news|story|stories|translate|translation|capital of|president|population|calculate|math|homework|essay|pizza|restaurant|flights?|hotels?|vacation|holiday|sing|meaning of life|tell me something|stocks?)\b/;
const JOB_WORDS =
  /\b(jobs?|match|matches|resume|cv|sources?|crawl|applications?|apply|salary|salaries|company|companies|roles?|positions?|careers?|hiring|interviews?|digest|profile|cover letter|greenhouse|lever|ashby|workable|market)\b/;

const outOfScope: Rule = (c) => {
  const strong = STRONG_OUT_OF_SCOPE.exec(c.norm);
  if (strong) return { kind: 'out_of_scope', clause: c.raw, topic: strong[1] };
  const weak = WEAK_OUT_OF_SCOPE.exec(c.norm);
  if (weak && !JOB_WORDS.test(c.norm)) return { kind: 'out_of_scope', clause: c.raw, topic: weak[1] };
  const arithmetic = /^\s*(what('s| is)\s+)?-?\d+(\.\d+)?\s*[-+*/x^]\s*-?\d+(\.\d+)?\s*\??$/.exec(c.norm);
  if (arithmetic) return { kind: 'out_of_scope', clause: c.raw, topic: 'arithmetic' };
  return null;
};

const greeting: Rule = (c) => {
  const text = c.norm.replace(/[!.,?\s]+$/, '');
  if (
    /^(hi|hello|hey|hiya|howdy|yo|hallo|good (morning|afternoon|evening|day)|greetings)( there| jobhound| again)?(,? (what'?s up|how are you|how'?s it going))?$|^(what'?s up|how are you|how'?s it going)$/.test(
      text,
    )
  )
    return { kind: 'greeting', clause: c.raw };
  if (
    /^(thanks|thank you|thx|ty|cheers|great|cool|perfect|nice|awesome|ok|okay|got it|sounds good)( (so much|a lot|very much|again))?$/.test(
      text,
    )
  )
    return { kind: 'thanks', clause: c.raw };
  return null;
};

const STATUS: Array<[RegExp, string]> = [
  [/\b(interview|interviews|interviewing)\b/, 'interviewing'],
  [/\b(offer|offers)\b/, 'offer'],
  [/\b(rejected|rejection|turned down|declined)\b/, 'rejected'],
  [/\b(withdraw|withdrew|withdrawn|pulled out)\b/, 'withdrawn'],
  [/\b(applied|submitted|sent)\b/, 'applied'],
  [/\b(saved|save|bookmark)\b/, 'saved'],
];
const readStatus = (norm: string) => STATUS.find(([p]) => p.test(norm))?.[1] ?? null;

const coverLetter: Rule = (c, conv) => {
  if (!/\b(cover|motivation|motivational|application)\s*letters?\b|\bcoverletter\b/.test(c.norm)) return null;
  const addressGaps = /\b(gaps?|missing|address|honest(ly)?|lack)\b/.test(c.norm);
  return jobTool('write_cover_letter', c, conv, addressGaps ? { addressGaps: true } : {});
};

/** A tool about one job: the job from the clause, a pasted posting, or a question back. */
function jobTool(
  name: string,
  c: Clause,
  conv: Conversation,
  extra: Record<string, unknown> = {},
): ToolIntent {
  if (c.payload) return tool(name, { jobText: c.payload, ...extra }, c);
  const job = jobArgs(c, conv);
  if ('jobId' in job) return tool(name, { jobId: job.jobId, ...extra }, c);
  return tool(name, { ...extra }, c, { missing: job.missing });
}

const applications: Rule = (c, conv) => {
  const n = c.norm;
  if (
    !/\b(applications?|applied|apply|applying|interview|interviews|interviewing|offer|rejected|withdr(ew|aw|awn))\b/.test(
      n,
    )
  )
    return null;
  const listing =
    /\b(my|all|list|show|which|what|open|active|pending|track)\b.*\bapplications\b|\bapplications\b.*\b(so far|list|pipeline|tracker|status)\b|\b(where|what|which jobs?) (have|did) i (apply|applied)\b|\b(jobs|roles|companies) i('ve| have)? applied\b|\bstatus of my applications?\b|\bapplication status(es)?\b|\bhow are my applications\b/;
  if (listing.test(n)) {
    const status = /\b(with|that are|in|status)\b/.test(n)
      ? readStatus(n.replace(/\bapplications?\b|\bapplied\b/g, ''))
      : null;
    return tool('list_applications', status ? { status } : {}, c);
  }
  const mark =
    /\b(mark|set|move|update|change|record|log|flag)\b.*\b(as|to)\s+(applied|interviewing|interview|offer|rejected|withdrawn|saved)\b/;
  const told =
    /\bi (have |just |already |'ve )?(applied|got (an? )?(interview|offer)|have an interview|was rejected|got rejected|withdrew|am interviewing)\b/;
  if (mark.test(n) || told.test(n)) {
    const status = readStatus(mark.exec(n)?.[3] ?? n) ?? 'applied';
    const job = jobArgs(c, conv);
    if ('jobId' in job) return tool('track_application', { jobId: job.jobId, status }, c);
    return tool('track_application', { status }, c, { missing: job.missing });
  }
  if (
    /\b(prepare|start|draft|create|begin|fill|submit|send|make)\b.*\bapplication\b|\bapplication\b.*\bready\b|\bapply(ing)?\b/.test(
      n,
    )
  )
    return jobTool('prepare_application', c, conv);
  return null;
};

const tailor: Rule = (c, conv) => {
  const verb =
    /\b(tailor\w*|customi[sz]e\w*|adapt\w*|adjust\w*|rewrite|re-write|optimi[sz]e\w*|personali[sz]e\w*|tweak|improve)\b|\bmake my (resume|cv) (fit|match|better|stronger)\b/;
  if (!verb.test(c.norm) || !(RESUME.test(c.norm) || JOB_QUESTION.test(c.norm))) return null;
  return jobTool('tailor_resume', c, conv);
};

const resumes: Rule = (c) => {
  const n = c.norm;
  if (!RESUME.test(n)) return null;
  if (
    /\b(resumes|cvs)\b|\b(which|active|current) (resume|cv)\b|\b(resume|cv) (is|am i using) active\b/.test(
      n,
    ) &&
    !/\b(upload|paste|here)\b/.test(n)
  )
    return tool('list_resumes', {}, c);
  if (/\b(upload|here is|here's|this is|paste|pasting|new|replace|use this|save|store)\b/.test(n)) {
    if (c.payload) return tool('upload_resume', { text: c.payload }, c);
    if (/\b(upload|paste|new|replace|save|store)\b/.test(n))
      return tool('upload_resume', {}, c, {
        missing:
          'Paste your resume right after “here is my resume:”, or upload a file with `jobhound resume upload <file>`.',
      });
  }
  return null;
};

const atsReview: Rule = (c, conv) => {
  const n = c.norm;
  const review =
    /\b(ats|review\w*|check|score|rate|evaluate|assess|grade|compare|how (well|good|strong)|pass|stack up|fit|fits|gaps?|missing|keywords|feedback|critique|against)\b/;
  const measures =
    /\b(how do i|do i|would i|will i) (stack up|measure up|compare|fit|do)\b/.test(n) &&
    (JOB_QUESTION.test(n) || companyIn(n, conv) !== null);
  if (
    !(RESUME.test(n) && review.test(n)) &&
    !measures &&
    !/\bats\b.*\b(check|review|score|scan)\b|\bats (check|review|score|scan)\b/.test(n)
  )
    return null;
  return jobTool('ats_review', c, conv);
};

const explainOrOpen: Rule = (c, conv) => {
  const n = c.norm;
  const open =
    /\b(open|show|see|view|read|display|full|give me|pull up)\b.*\b(description|posting|job ad|details|full text|listing|requirements|link|url)\b|\b(open|show|view|get|display)( me)? (the )?(job|posting)\b/;
  const explain =
    /\b(explain\w*|explanation|why|break ?down|breakdown|how come|reasons?|what makes|justify|tell me more|more about|more on|scored?|rated|ranked|missing|lack|good fit|good match|great match)\b/;
  const hasRef = UUID.test(c.raw) || JOB_QUESTION.test(n) || companyIn(n, conv) !== null;
  const opensOne =
    /^(please )?(open|pull up|view|show me|show)\b/.test(n) &&
    !/\b(matches|jobs|roles|results|positions|top \d+|best \d+)\b/.test(n) &&
    (UUID.test(c.raw) || readOrdinal(n) !== null);
  if ((open.test(n) && hasRef) || opensOne) {
    const job = jobArgs(c, conv);
    return 'jobId' in job
      ? tool('get_job', { jobId: job.jobId }, c)
      : tool('get_job', {}, c, { missing: job.missing });
  }
  if (explain.test(n) && (hasRef || /\bmatch(es)?\b/.test(n))) {
    if (/\b(skills|demand|market|salary|salaries)\b/.test(n) && !hasRef) return null;
    const job = jobArgs(c, conv);
    return 'jobId' in job
      ? tool('explain_match', { jobId: job.jobId }, c)
      : tool('explain_match', {}, c, { missing: job.missing });
  }
  return null;
};

const crawlStatus: Rule = (c, conv) => {
  const n = c.norm;
  const asks =
    /\b(crawl\w*|scrape|scraping|sync\w*)\b.*\b(status|progress|done|finished|going|over|complete|completed|ready|far|along|yet)\b|\b(status|progress|going on|happening)\b.*\b(crawl\w*|scrape|scraping|sync)\b/.test(
      n,
    ) ||
    (conv.crawl !== null &&
      /\b(is it|is that|it'?s) (done|finished|ready|complete)\b|\bhow('s| is) it going\b|\bany progress\b|\bhow far\b/.test(
        n,
      ));
  if (!asks) return null;
  const taskId = /\btask\s+`?([0-9a-z-]{8,})`?/i.exec(c.raw)?.[1];
  if (taskId) return tool('crawl_status', { taskId }, c);
  if (conv.crawl?.taskId) return tool('crawl_status', { taskId: conv.crawl.taskId }, c);
  if (conv.crawl?.sourceId) return tool('crawl_status', { sourceId: conv.crawl.sourceId }, c);
  // With no crawl in this conversation, the source list shows how each last crawl went.
  return tool('list_sources', {}, c);
};

const CRAWL_VERB =
  /\b(crawl\w*|recrawl|re-crawl|scrape|scraping|refresh|resync|sync|re-?fetch|pull( in)?( the)?( new| latest)? jobs|fetch( the| new| latest)* jobs|update( the)? jobs|check for new jobs|get( the)? (new|latest) jobs)\b/;

const crawlSource: Rule = (c, conv) => {
  const n = c.norm;
  if (!CRAWL_VERB.test(n) || /\b(status|progress)\b/.test(n)) return null;
  // "which sources am I crawling?" asks for the list, not a crawl.
  if (
    /\b(which|what) (sources|boards|sites|companies)\b|\b(am i|are you|do you) (crawling|scraping)\b/.test(n)
  )
    return null;
  // In a chat the crawl is waited for, so its progress ("120/500 pages") streams as it happens and
  // the answer says what it found; "in the background" / "don't wait" only queue it.
  const background =
    /\b(in the background|background|don'?t wait|do not wait|without waiting|no need to wait|just (queue|start|kick off)|queue)\b/.test(
      n,
    );
  const extra = { wait: !background };
  const spec = readSourceSpec(c.raw);
  if (spec) return tool('crawl_source', { source: spec, ...extra }, c);
  const id = UUID.exec(c.raw)?.[0];
  if (id) return tool('crawl_source', { source: id, ...extra }, c);
  const named = conv.sources.findLast((s) => {
    const board = s
      .split(':')
      .pop()!
      .toLowerCase()
      .replace(/^https?:\/\/(www\.)?/, '')
      .split(/[./]/)[0]!;
    return board.length >= 3 && new RegExp(`\\b${board.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\b`).test(n);
  });
  if (named) return tool('crawl_source', { source: named, ...extra }, c);
  if (/\b(all|every|everything|each)\b/.test(n))
    return tool('crawl_source', {}, c, {
      missing: 'I crawl one source at a time: say “crawl greenhouse:acme”, or “list my sources” to see them.',
    });
  if (conv.source) return tool('crawl_source', { source: conv.source, ...extra }, c);
  return tool('crawl_source', {}, c, {
    missing: 'Which source should I crawl? For example “crawl greenhouse:acme” or a careers page URL.',
  });
};

const addSource: Rule = (c) => {
  const n = c.norm;
  const spec = readSourceSpec(c.raw);
  const verb =
    /\b(add|track|follow|watch|monitor|subscribe|include|register|start tracking|keep an eye on|new source|save|hook up|connect|set up|plug in)\b/.test(
      n,
    );
  if (
    spec &&
    (verb || /\b(source|board|careers?|jobs page|page)\b/.test(n) || c.raw.trim().split(/\s+/).length <= 3)
  )
    return tool('add_source', { spec }, c);
  if (verb && /\b(source|board|careers? page|job board)\b/.test(n) && !/\b(my sources|sources do)\b/.test(n))
    return tool('add_source', {}, c, {
      missing: 'Which source? For example “add greenhouse:acme” or “add https://acme.com/careers”.',
    });
  return null;
};

const listSources: Rule = (c) => {
  const n = c.norm;
  if (
    /\b(sources|boards|career pages|source list|list of sources)\b/.test(n) ||
    /\bwhat am i (tracking|following|crawling|watching)\b|\bwhich (companies|boards|sites) (am i|do i|are you) (tracking|following|crawling|watching)\b/.test(
      n,
    )
  )
    return tool('list_sources', {}, c);
  return null;
};

const help: Rule = (c) => {
  if (
    /^\s*\??\s*$/.test(c.norm) ||
    /\b(help|what can you do|what do you do|what are you|who are you|how (do|does|can) (i|this|it|you) (use|work)|how does (this|it|jobhound) work|what can i (ask|say|do)|commands|capabilities|features|getting started|get started|how to start|what is jobhound|usage|menu)\b/.test(
      c.norm,
    )
  )
    return { kind: 'help', clause: c.raw };
  return null;
};

/** Every rule, most specific first; the first that recognises a clause wins. */
export const RULES: Rule[] = [
  outOfScope,
  greeting,
  coverLetter,
  applications,
  tailor,
  resumes,
  atsReview,
  readPage,
  explainOrOpen,
  marketStats,
  crawlStatus,
  crawlSource,
  addSource,
  listSources,
  ...profileRules,
  companyProfile,
  ...searchRules,
  help,
];
