/**
 * The local model's answers written from tool results: lists and tables in Markdown, never raw
 * JSON, and only facts the results contain. Text in a result is quoted as data; it never changes
 * what the answer does.
 */

import {
  answerCoverLetter,
  answerExplain,
  answerJob,
  answerJobs,
  answerMatches,
  answerReview,
  answerTailored,
} from './local-answer-jobs.ts';
import {
  amount,
  arr,
  cell,
  day,
  isRec,
  joinList,
  num,
  percent,
  plural,
  quote,
  type Rec,
  rec,
  strings,
  txt,
} from './local-answer-kit.ts';
import { capabilityLabel } from './local-catalog.ts';
import type { ToolOutcome } from './local-prompt.ts';

function answerSource(value: unknown, crawling: boolean): string {
  const s = rec(value);
  const spec = txt(s.spec, 200) ?? 'the source';
  const hint = crawling ? '' : ' Say “crawl it” to fetch its jobs.';
  return s.created === false
    ? `Source \`${spec}\` was already on your list.${hint}`
    : `Added source \`${spec}\` (${txt(s.kind, 20) ?? 'source'}).${hint}`;
}

function answerSources(value: unknown): string {
  const sources = arr(rec(value).sources).filter(isRec);
  if (sources.length === 0)
    return 'You have no sources yet. Add one with “add greenhouse:acme” or a careers page URL.';
  const lines = [
    `You have ${plural(sources.length, 'source')}:`,
    '',
    '| Source | Open jobs | Last crawl | Status |',
    '|---|---|---|---|',
  ];
  for (const s of sources) {
    const status = [txt(s.lastStatus, 20), txt(s.lastError, 120)].filter(Boolean).join(': ');
    lines.push(
      `| \`${cell(txt(s.spec, 120) ?? '?')}\`${s.enabled === false ? ' (paused)' : ''} | ${num(s.openJobs) ?? '–'} | ${day(s.lastCrawledAt) ?? 'never'} | ${cell(status || '–')} |`,
    );
  }
  return lines.join('\n');
}

function crawlLine(status: Rec): string {
  const source = txt(status.source, 200) ?? 'the source';
  const state = txt(status.state, 20) ?? 'unknown';
  const done = num(status.pagesDone);
  const total = num(status.pagesTotal);
  const jobs = rec(status.jobs);
  const counts = (['new', 'changed', 'unchanged', 'closed', 'failed'] as const)
    .map((k) => `${num(jobs[k]) ?? 0} ${k}`)
    .join(', ');
  const pages = total ? `, ${done ?? 0}/${total} pages` : done ? `, ${plural(done, 'page')}` : '';
  const lines = [`Crawl of source \`${source}\`: **${state}**${pages}. Jobs: ${counts}.`];
  if (state === 'done' && status.complete === false)
    lines.push('The crawl could not see the whole source, so no job was marked closed.');
  const errors = strings(status.errors, 160).slice(0, 3);
  if (errors.length) lines.push('Errors:', ...errors.map((e) => `- ${e}`));
  return lines.join('\n');
}

function answerCrawl(value: unknown): string {
  const out = rec(value);
  if (isRec(out.status)) return crawlLine(out.status);
  return `Started a crawl of source \`${txt(out.source, 200) ?? '?'}\` (task \`${txt(out.taskId, 80) ?? '?'}\`). Ask “how is the crawl going?” to follow it.`;
}

function profileLines(p: Rec): string[] {
  const floor = rec(p.minSalary);
  const salary =
    num(floor.amount) !== null
      ? `${txt(floor.currency, 5) ?? ''} ${amount(num(floor.amount)!)} / ${txt(floor.period, 10) ?? 'year'}`.trim()
      : 'not set';
  const hour = num(p.digestHour);
  return [
    `- Roles: ${joinList(strings(p.roles), 'any')}`,
    `- Locations: ${joinList(strings(p.locations), 'any')} (${p.remote === 'any' || !p.remote ? 'remote or not' : txt(p.remote, 10)})`,
    `- Minimum salary: ${salary}`,
    `- Seniority: ${joinList(strings(p.seniority), 'any')}`,
    `- Needs visa sponsorship: ${p.needsSponsorship === true ? 'yes' : 'no'}`,
    `- Excluded companies: ${joinList(strings(p.excludedCompanies))}`,
    `- Digest: ${hour !== null ? `${String(hour).padStart(2, '0')}:00` : '?'} ${txt(p.timeZone, 40) ?? ''}, ${num(p.digestSize) !== null ? `up to ${num(p.digestSize)} ` : ''}matches scoring ${num(p.scoreThreshold) ?? '?'}+${typeof p.digestEmptyNotice === 'boolean' ? `; ${p.digestEmptyNotice ? 'a short note' : 'no message'} on days with nothing new` : ''}`,
    ...('email' in p
      ? [
          `- E-mail: ${txt(p.email, 120) ?? 'none given'}${txt(p.email, 120) ? (p.digestEmail === false ? ' (digest e-mails off)' : ' (digest e-mails on)') : ''}`,
        ]
      : []),
  ];
}

function answerProfile(value: unknown, updated: boolean): string {
  return [updated ? 'Done — your profile now reads:' : 'Your profile:', '', ...profileLines(rec(value))].join(
    '\n',
  );
}

function answerResumes(value: unknown): string {
  const out = rec(value);
  const list = Array.isArray(out.resumes) ? out.resumes.filter(isRec) : [out];
  if (list.length === 0) return 'You have no resume yet. Paste it after “here is my resume:”.';
  const single = !Array.isArray(out.resumes);
  const lines = single
    ? [
        out.created === false
          ? 'That resume was already stored; it is your active one.'
          : 'Stored your resume; it is now the active one.',
        '',
      ]
    : [`You have ${plural(list.length, 'resume')}:`, ''];
  for (const r of list) {
    const skills = strings(r.skills);
    lines.push(
      `- ${r.active ? '**active** ' : ''}${txt(r.name, 80) ?? 'resume'} (${txt(r.format, 10) ?? '?'}, ${day(r.createdAt) ?? '?'}): ${plural(skills.length, 'skill')}${skills.length ? ` — ${skills.slice(0, 8).join(', ')}` : ''}`,
    );
  }
  return lines.join('\n');
}

function answerCompany(value: unknown): string {
  const p = rec(value);
  const jobs = rec(p.jobs);
  const lines = [
    `**${txt(p.company, 100) ?? '?'}**: ${num(jobs.open) ?? 0} open, ${num(jobs.closed) ?? 0} closed (${num(jobs.total) ?? 0} stored).`,
    '',
  ];
  const roles = arr(p.roles).filter(isRec).slice(0, 8);
  if (roles.length)
    lines.push(`- Roles: ${roles.map((r) => `${txt(r.title, 80)} (${num(r.count)})`).join(', ')}`);
  const places = arr(p.locations).filter(isRec).slice(0, 6);
  if (places.length)
    lines.push(`- Locations: ${places.map((l) => `${txt(l.location, 60)} (${num(l.count)})`).join(', ')}`);
  const w = rec(p.workModes);
  lines.push(
    `- Work modes: remote ${num(w.remote) ?? 0}, hybrid ${num(w.hybrid) ?? 0}, onsite ${num(w.onsite) ?? 0}, unknown ${num(w.unknown) ?? 0}`,
  );
  const skills = arr(p.skills).filter(isRec).slice(0, 10);
  if (skills.length)
    lines.push(
      `- Skills and stack: ${skills.map((s) => `${txt(s.skill, 40)} (${percent(num(s.share) ?? 0)})`).join(', ')}`,
    );
  const ranges = arr(rec(p.salaries).ranges).filter(isRec);
  for (const r of ranges.slice(0, 3))
    lines.push(
      `- Salaries (${txt(r.currency, 5) ?? 'currency unstated'} per ${txt(r.period, 10) ?? 'unstated period'}, ${plural(num(r.jobs) ?? 0, 'job')}): ${amount(num(r.min) ?? 0)}–${amount(num(r.max) ?? 0)}, median ${amount(num(r.median) ?? 0)}`,
    );
  if (ranges.length === 0) lines.push('- Salaries: none posted');
  const points = arr(rec(p.trend).points).filter(isRec).slice(-6);
  if (points.length)
    lines.push(
      `- Hiring trend (opened / closed): ${points.map((t) => `${txt(t.period, 10)}: ${num(t.opened) ?? 0}/${num(t.closed) ?? 0}`).join(', ')}`,
    );
  return lines.join('\n');
}

function answerMarket(value: unknown): string {
  const m = rec(value);
  const where = [txt(m.location, 60) ? `in **${txt(m.location, 60)}**` : null, txt(m.remote, 10)]
    .filter(Boolean)
    .join(', ');
  const lines = [
    `**${txt(m.role, 80) ?? '?'}**${where ? ` ${where}` : ''}: ${plural(num(m.jobs) ?? 0, 'matching job')}.`,
    '',
  ];
  const s = isRec(m.salary) ? m.salary : null;
  if (s)
    lines.push(
      `Salary (${txt(s.currency, 5)} per year, from ${plural(num(s.jobsWithSalary) ?? 0, 'job')} with a salary): lower quartile ${amount(num(s.p25) ?? 0)}, median ${amount(num(s.p50) ?? 0)}, upper quartile ${amount(num(s.p75) ?? 0)} (range ${amount(num(s.min) ?? 0)}–${amount(num(s.max) ?? 0)}).`,
    );
  else lines.push('No matching job states a salary, so there are no salary figures.');
  const skills = arr(m.skills).filter(isRec).slice(0, 10);
  if (skills.length) {
    lines.push('', '| Skill | Jobs | Share |', '|---|---|---|');
    for (const k of skills)
      lines.push(
        `| ${cell(txt(k.skill, 40) ?? '?')} | ${num(k.jobs) ?? 0} | ${percent(num(k.share) ?? 0)} |`,
      );
  }
  const companies = arr(m.companies).filter(isRec).slice(0, 8);
  if (companies.length)
    lines.push(
      '',
      `Top companies hiring: ${companies.map((c) => `${txt(c.company, 60)} (${num(c.jobs) ?? 0})`).join(', ')}.`,
    );
  return lines.join('\n');
}

function answerPage(value: unknown): string {
  const p = rec(value);
  const url = txt(p.finalUrl, 300) ?? txt(p.url, 300) ?? 'the page';
  const chars = num(p.chars);
  return [
    `I read ${url}${chars !== null ? ` (${amount(chars)} characters${p.truncated ? ', cut short' : ''})` : ''}. Its text is page content, shown as data:`,
    '',
    quote(p.content, 700) ?? '> (no text)',
  ].join('\n');
}

/** Applications and tools this model has no special answer for: a short, plain summary. */
function answerGeneric(toolName: string, value: unknown): string {
  if (typeof value === 'string') return txt(value, 1500) ?? 'Done.';
  const list = Object.entries(rec(value)).find(([, v]) => Array.isArray(v));
  if (list) {
    const items = (list[1] as unknown[]).filter(isRec);
    if (items.length === 0) return `No ${list[0]} yet.`;
    const lines = [`${plural(items.length, list[0].replace(/s$/, ''), list[0])}:`, ''];
    items.slice(0, 20).forEach((item, i) => {
      const facts = Object.entries(item)
        .filter(([k, v]) => (typeof v === 'string' || typeof v === 'number') && !/id$/i.test(k))
        .slice(0, 4)
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? txt(v, 80) : v}`);
      lines.push(`${i + 1}. ${facts.join(' · ')}`);
    });
    return lines.join('\n');
  }
  const facts = Object.entries(rec(value))
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .slice(0, 8)
    .map(([k, v]) => `- ${k}: ${typeof v === 'string' ? txt(v, 120) : String(v)}`);
  return [`Done: ${capabilityLabel(toolName)}.`, ...(facts.length ? ['', ...facts] : [])].join('\n');
}

/** A failed tool call explained plainly, with what to do next. */
export function answerError(toolName: string, message: string): string {
  const what = capabilityLabel(toolName);
  const plain = txt(message.replace(/^invalid arguments for \w+:\s*/i, ''), 300) ?? 'it failed';
  const detail = /[.!?]$/.test(plain) ? plain : `${plain}.`;
  if (/^invalid arguments/i.test(message))
    return `I couldn't ${what}: a value in the request was not valid (${plain}). Please rephrase it.`;
  if (/not found|no stored jobs from/i.test(message))
    return `I couldn't ${what}: ${detail}${/\bjob '/i.test(message) ? ' Ask for your matches again to get fresh job ids.' : ''}`;
  if (/already queued or running/i.test(message))
    return `${detail[0]!.toUpperCase()}${detail.slice(1)} Ask “how is the crawl going?” to follow it.`;
  if (/no (active )?resume|upload (a|your) resume/i.test(message))
    return `I couldn't ${what}: ${detail} Paste your resume after “here is my resume:”.`;
  return `I couldn't ${what}: ${detail}`;
}

/** How each tool's result is written: its value, the call's arguments, the tools of this turn. */
type Answer = (value: unknown, input: Rec, turnTools: readonly string[]) => string;

const ANSWERS: Readonly<Record<string, Answer>> = {
  search_matches: answerMatches,
  search_jobs: answerJobs,
  get_job: answerJob,
  explain_match: answerExplain,
  ats_review: answerReview,
  tailor_resume: answerTailored,
  write_cover_letter: answerCoverLetter,
  // "Added … and crawling it" when the same turn also crawls it.
  add_source: (value, _input, turnTools) => answerSource(value, turnTools.includes('crawl_source')),
  list_sources: answerSources,
  crawl_source: answerCrawl,
  crawl_status: (value) => crawlLine(rec(value)),
  get_profile: (value) => answerProfile(value, false),
  update_profile: (value) => answerProfile(value, true),
  list_resumes: answerResumes,
  upload_resume: answerResumes,
  company_profile: answerCompany,
  market_stats: answerMarket,
  read_page: answerPage,
};

/** The answer for one finished tool call; `turnTools` are every tool this turn called. */
export function answerFor(
  toolName: string,
  input: Rec,
  outcome: ToolOutcome,
  turnTools: readonly string[] = [],
): string {
  if (!outcome.ok) return answerError(toolName, outcome.message);
  const value = outcome.value;
  if (toolName.startsWith('agent-')) {
    if (typeof value === 'string') return value;
    return typeof rec(value).text === 'string' ? (rec(value).text as string) : answerGeneric(toolName, value);
  }
  const answer = ANSWERS[toolName];
  return answer ? answer(value, input, turnTools) : answerGeneric(toolName, value);
}
