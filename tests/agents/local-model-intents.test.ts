import { describe, expect, it } from 'vitest';
import { type Conversation, emptyConversation, type Intent, parseRequest } from '../../agents/intents.ts';
import { correctToken, editDistance } from '../../agents/local-text.ts';
import { JOB_IDS } from './local-model-fixtures.ts';

const NOW = new Date('2025-06-10T12:00:00.000Z');
const listed: Conversation = {
  ...emptyConversation(),
  jobs: [
    { id: JOB_IDS.acme, title: 'Senior Backend Engineer', company: 'Acme' },
    { id: JOB_IDS.northwind, title: 'Data Engineer', company: 'Northwind' },
    { id: JOB_IDS.globex, title: 'Platform Engineer', company: 'Globex' },
  ],
};

/** "tool {args}" per intent, or the reply kind: what a reader of a failure needs to see. */
const summary = (intents: Intent[]) =>
  intents.map((i) =>
    i.kind === 'tool'
      ? { agent: i.agent, tool: i.tool, args: i.args, ...(i.missing ? { missing: true } : {}) }
      : { reply: i.kind },
  );
const parse = (text: string, conversation = emptyConversation()) =>
  summary(parseRequest(text, conversation, { now: NOW }));

describe('the intent parser', () => {
  it('reads a source spec in its several spellings', () => {
    expect(parse('add greenhouse:acme')).toEqual([
      { agent: 'scraper', tool: 'add_source', args: { spec: 'greenhouse:acme' } },
    ]);
    expect(parse('please track the lever board of netflix')[0]).toMatchObject({
      args: { spec: 'lever:netflix' },
    });
    expect(parse("follow acme's greenhouse board")[0]).toMatchObject({ args: { spec: 'greenhouse:acme' } });
    expect(parse('add jobs.example.org/careers')[0]).toMatchObject({
      args: { spec: 'https://jobs.example.org/careers' },
    });
  });

  it('fixes keyword typos but leaves names alone', () => {
    expect(editDistance('remtoe', 'remote')).toBe(1);
    expect(correctToken('machtes')).toBe('matches');
    expect(correctToken('machine')).toBe('machine');
    expect(correctToken('never')).toBe('never');
    expect(parse('reserch Apple')).toEqual([
      { agent: 'researcher', tool: 'company_profile', args: { company: 'Apple' } },
    ]);
  });

  it('turns filters in plain words into search_matches arguments', () => {
    expect(parse('top 5 remote backend jobs in London above £70k')).toEqual([
      {
        agent: 'matcher',
        tool: 'search_matches',
        args: {
          query: 'backend',
          remote: 'remote',
          location: 'London',
          minSalary: { amount: 70000, currency: 'GBP', period: 'year' },
          limit: 5,
        },
      },
    ]);
  });

  it('resolves "the first one", "#2", a company and "it" against the last list', () => {
    expect(parse('explain the first one', listed)[0]).toMatchObject({ args: { jobId: JOB_IDS.acme } });
    expect(parse('explian #2', listed)[0]).toMatchObject({
      tool: 'explain_match',
      args: { jobId: JOB_IDS.northwind },
    });
    expect(parse('tailor my resume for the globex job', listed)[0]).toMatchObject({
      tool: 'tailor_resume',
      args: { jobId: JOB_IDS.globex },
    });
    expect(parse('explain #1 and write a cover letter for it', listed)).toEqual([
      { agent: 'matcher', tool: 'explain_match', args: { jobId: JOB_IDS.acme } },
      { agent: 'atsReviewer', tool: 'write_cover_letter', args: { jobId: JOB_IDS.acme } },
    ]);
  });

  it('asks back when a job reference points past the list or at nothing', () => {
    expect(parse('explain the first one')).toEqual([
      { agent: 'matcher', tool: 'explain_match', args: {}, missing: true },
    ]);
    expect(parse('review my resume for #7', listed)).toEqual([
      { agent: 'atsReviewer', tool: 'ats_review', args: {}, missing: true },
    ]);
  });

  it('splits mixed requests and carries "it" from one part to the next', () => {
    expect(parse('add lever:netflix, then crawl it and show me remote matches')).toEqual([
      { agent: 'scraper', tool: 'add_source', args: { spec: 'lever:netflix' } },
      { agent: 'scraper', tool: 'crawl_source', args: { source: 'lever:netflix', wait: true } },
      { agent: 'matcher', tool: 'search_matches', args: { remote: 'remote' } },
    ]);
    // "and" inside one request does not split it
    expect(parse('set my target roles to data engineer and ml engineer')).toEqual([
      { agent: 'matcher', tool: 'update_profile', args: { roles: ['data engineer', 'ml engineer'] } },
    ]);
  });

  it('reads digest time and time zone, and merges list additions into the profile', () => {
    expect(parse('send my digest at 7am Berlin time and set my time zone to Europe/Paris')).toEqual([
      { agent: 'matcher', tool: 'update_profile', args: { digestHour: 7, timeZone: 'Europe/Paris' } },
    ]);
    const exclude = parseRequest('never show me jobs from Meta or Oracle', emptyConversation(), { now: NOW });
    expect(exclude).toMatchObject([
      { tool: 'update_profile', args: {}, merge: { excludedCompanies: ['Meta', 'Oracle'] } },
    ]);
  });

  it('reads how the digest should reach the person: address, e-mail on or off, size, quiet days', () => {
    const profile = (args: Record<string, unknown>) => [{ agent: 'matcher', tool: 'update_profile', args }];
    expect(parse('my email is ada@example.com')).toEqual(profile({ email: 'ada@example.com' }));
    expect(parse('stop emailing me the digest')).toEqual(profile({ digestEmail: false }));
    expect(parse('please email me the digest at 19:00')).toEqual(
      profile({ digestEmail: true, digestHour: 19 }),
    );
    expect(parse('put 10 matches in my digest')).toEqual(profile({ digestSize: 10 }));
    expect(parse("send me a short note when there's nothing new")).toEqual(
      profile({ digestEmptyNotice: true }),
    );
    expect(parse("don't message me on quiet days")).toEqual(profile({ digestEmptyNotice: false }));
  });

  it('routes application requests to the applicant', () => {
    expect(parse('mark #2 as interviewing', listed)).toEqual([
      {
        agent: 'applicant',
        tool: 'track_application',
        args: { jobId: JOB_IDS.northwind, status: 'interviewing' },
      },
    ]);
    expect(parse('show my applications')).toEqual([
      { agent: 'applicant', tool: 'list_applications', args: {} },
    ]);
  });

  it('keeps out-of-scope requests out of the tools, even next to a real one', () => {
    expect(parse('write me a poem about job hunting')).toEqual([{ reply: 'out_of_scope' }]);
    expect(parse('what is 17 * 23?')).toEqual([{ reply: 'out_of_scope' }]);
    expect(parse('show my matches and tell me a joke')).toEqual([
      { agent: 'matcher', tool: 'search_matches', args: {} },
      { reply: 'out_of_scope' },
    ]);
  });

  it('knows help and greetings, and says when it does not understand', () => {
    expect(parse('what can you do?')).toEqual([{ reply: 'help' }]);
    expect(parse('hey, what’s up?')).toEqual([{ reply: 'greeting' }]);
    expect(parse('blorp the frobnicator')).toEqual([{ reply: 'unknown' }]);
  });

  it('reads "posted this week" from the clock it is given', () => {
    expect(parse('list every job posted this week')).toEqual([
      { agent: 'researcher', tool: 'search_jobs', args: { postedSince: '2025-06-03' } },
    ]);
  });

  it('is deterministic', () => {
    const text = 'shwo me remtoe matchs in berlin and reserch Globex';
    expect(parse(text, listed)).toEqual(parse(text, listed));
  });
});
