/**
 * Answers about jobs: ranked matches, job searches, one job, a match explained, a resume review,
 * a tailored resume and a cover letter. Every fact shown is a field of the tool result.
 */
import {
  arr,
  cell,
  day,
  isRec,
  jobIdTag,
  joinList,
  num,
  ownMarkdown,
  percent,
  placeText,
  plural,
  quote,
  type Rec,
  rec,
  salaryText,
  strings,
  txt,
} from './local-answer-kit.ts';

/** "requiredSkills" → "required skills" */
const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** "**Title** at **Company**" */
const titleAt = (job: Rec): string => {
  const title = txt(job.title, 120) ?? 'Untitled job';
  const company = txt(job.company, 80);
  return company ? `**${title}** at **${company}**` : `**${title}**`;
};

function filtersUsed(input: Rec): string {
  const parts: string[] = [];
  if (typeof input.remote === 'string') parts.push(input.remote);
  if (typeof input.location === 'string') parts.push(`in ${txt(input.location, 60)}`);
  const floor = rec(input.minSalary);
  if (num(floor.amount) !== null)
    parts.push(
      `paying at least ${txt(floor.currency, 5) ?? ''} ${num(floor.amount)!.toLocaleString('en-US')}`.replace(
        '  ',
        ' ',
      ),
    );
  if (Array.isArray(input.seniority) && input.seniority.length)
    parts.push(strings(input.seniority).join('/'));
  if (typeof input.query === 'string') parts.push(`about “${txt(input.query, 60)}”`);
  return parts.join(', ');
}

export function answerMatches(value: unknown, input: Rec): string {
  const matches = arr(rec(value).matches).filter(isRec);
  const filters = filtersUsed(input);
  if (matches.length === 0) {
    return [
      `I found no matches${filters ? ` (${filters})` : ''}.`,
      filters
        ? 'Try fewer filters, or add and crawl more sources (“add greenhouse:acme”, then “crawl it”).'
        : 'Add and crawl a few sources (“add greenhouse:acme”, then “crawl it”), and make sure your resume is uploaded.',
    ].join(' ');
  }
  const lines = [
    `Your ${matches.length === 1 ? 'best match' : `${matches.length} best matches`}${filters ? ` (${filters})` : ''}:`,
    '',
  ];
  matches.forEach((m, i) => {
    const job = rec(m.job);
    const score = num(m.score);
    const details = [placeText(job), salaryText(job.salary)].filter(Boolean).join(' · ');
    lines.push(
      `${i + 1}. ${titleAt(job)} — score **${score ?? '?'}**/100${details ? ` · ${details}` : ''}${jobIdTag(job.id)}`,
    );
    const reasons = rec(m.reasons);
    const summary = txt(reasons.summary, 220);
    const dealbreakers = strings(reasons.dealbreakers, 120);
    if (summary) lines.push(`   ${summary}`);
    if (dealbreakers.length) lines.push(`   ⚠ ${dealbreakers.join('; ')}`);
  });
  lines.push('', 'Say “explain the first one” or “review my resume for #2” to go further.');
  return lines.join('\n');
}

export function answerJobs(value: unknown, input: Rec): string {
  const out = rec(value);
  const jobs = arr(out.jobs).filter(isRec);
  const total = num(out.total) ?? jobs.length;
  const filters = [
    filtersUsed(input),
    typeof input.company === 'string' ? `at ${txt(input.company, 60)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  if (jobs.length === 0)
    return `No stored jobs match${filters ? ` (${filters})` : ''}. Add and crawl more sources to widen the search.`;
  const head =
    total > jobs.length
      ? `${plural(total, 'job')} match${total === 1 ? 'es' : ''}${filters ? ` (${filters})` : ''}; here are the first ${jobs.length}:`
      : `${plural(total, 'job')} match${total === 1 ? 'es' : ''}${filters ? ` (${filters})` : ''}:`;
  const lines = [head, ''];
  jobs.forEach((job, i) => {
    const details = [
      placeText(job),
      salaryText(job.salary),
      day(job.postedAt) ? `posted ${day(job.postedAt)}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    lines.push(`${i + 1}. ${titleAt(job)}${details ? ` — ${details}` : ''}${jobIdTag(job.id)}`);
  });
  return lines.join('\n');
}

export function answerJob(value: unknown): string {
  const job = rec(value);
  const lines = [`${titleAt(job)}${jobIdTag(job.id)}`, ''];
  const facts: Array<[string, string | null]> = [
    ['Where', placeText(job)],
    ['Salary', salaryText(job.salary)],
    ['Seniority', txt(job.seniority, 30)],
    ['Type', txt(job.employmentType, 30)?.replace(/_/g, ' ') ?? null],
    ['Posted', day(job.postedAt)],
    ['Skills', strings(job.skills).join(', ') || null],
    ['Link', txt(job.url, 300)],
  ];
  for (const [label, fact] of facts) if (fact) lines.push(`- ${label}: ${fact}`);
  if (job.closedAt) lines.push(`- Closed: ${day(job.closedAt) ?? 'yes'}`);
  const excerpt = quote(job.description, 600);
  if (excerpt) lines.push('', 'From the posting:', excerpt);
  return lines.join('\n');
}

export function answerExplain(value: unknown): string {
  const m = rec(value);
  const job = rec(m.job);
  const reasons = rec(m.reasons);
  const id = typeof job.id === 'string' ? ` (job \`${job.id}\`)` : '';
  const lines = [`${titleAt(job)}${id} scores **${num(m.score) ?? '?'}**/100 for you.`];
  const summary = txt(reasons.summary, 300);
  if (summary) lines.push('', summary);
  const components = Object.entries(rec(m.components))
    .filter(([, c]) => isRec(c) && num(c.value) !== null)
    .sort(([, a], [, b]) => (num(rec(b).weight) ?? 0) - (num(rec(a).weight) ?? 0));
  if (components.length) {
    lines.push('', '| Part | Fit | Weight | Why |', '|---|---|---|---|');
    for (const [name, c] of components) {
      const comp = rec(c);
      lines.push(
        `| ${cell(words(name))} | ${percent(num(comp.value)!)} | ${percent(num(comp.weight) ?? 0)} | ${cell(txt(comp.note, 140) ?? '')} |`,
      );
    }
  }
  const missing = rec(reasons.missingSkills);
  lines.push('', `Matched skills: ${joinList(strings(reasons.matchedSkills))}.`);
  lines.push(
    `Missing skills: required ${joinList(strings(missing.required))}; preferred ${joinList(strings(missing.preferred))}.`,
  );
  const dealbreakers = strings(reasons.dealbreakers, 160);
  if (dealbreakers.length) lines.push(`⚠ Dealbreakers: ${dealbreakers.join('; ')}.`);
  return lines.join('\n');
}

export function answerReview(value: unknown): string {
  const r = rec(value);
  const job = rec(r.job);
  const matched = rec(r.matchedSkills);
  const missing = rec(r.missingSkills);
  const lines = [
    `Your resume scores **${num(r.score) ?? '?'}**/100 (${txt(r.band, 10) ?? 'unrated'}) for ${titleAt(job)}.`,
    '',
    `- Matched skills: ${joinList([...strings(matched.required), ...strings(matched.preferred)])}`,
    `- Missing required skills: ${joinList(strings(missing.required))}`,
  ];
  const preferred = strings(missing.preferred);
  if (preferred.length) lines.push(`- Missing preferred skills: ${joinList(preferred)}`);
  const suggestions = arr(r.suggestions)
    .filter(isRec)
    .sort((a, b) => (num(a.priority) ?? 99) - (num(b.priority) ?? 99))
    .slice(0, 3)
    .map((s) => txt(s.text, 240))
    .filter((s): s is string => s !== null);
  if (suggestions.length) lines.push('', 'Top suggestions:', ...suggestions.map((s, i) => `${i + 1}. ${s}`));
  const risks = arr(r.formattingRisks)
    .filter(isRec)
    .filter((x) => x.severity === 'high' || x.severity === 'medium')
    .map((x) => `${txt(x.message, 200)} (${txt(x.severity, 8)})`);
  if (risks.length) lines.push('', `Formatting risks: ${risks.join('; ')}.`);
  for (const note of strings(r.limitations, 200)) lines.push(`Note: ${note}`);
  return lines.join('\n');
}

function guardNotes(r: Rec): string[] {
  const gaps = rec(r.gaps);
  const lines: string[] = [];
  const emphasised = strings(r.emphasised);
  if (emphasised.length) lines.push(`- Put first: ${joinList(emphasised)}`);
  const allGaps = [...strings(gaps.required), ...strings(gaps.preferred)];
  lines.push(`- Gaps to address honestly (not added): ${joinList(allGaps)}`);
  const removed = arr(r.removed)
    .filter(isRec)
    .map((x) => `${txt(x.claim, 80)} (${txt(x.kind, 20)})`);
  if (removed.length) lines.push(`- Removed because your resume does not show them: ${removed.join(', ')}`);
  return lines;
}

export function answerTailored(value: unknown): string {
  const r = rec(value);
  const job = rec(r.job);
  const pdf =
    typeof r.pdfBase64 === 'string' ? `- A PDF is ready (${txt(r.pdfRenderer, 20) ?? 'rendered'}).` : null;
  return [
    `I tailored your resume for ${titleAt(job)}. Nothing was added that your resume does not say.`,
    '',
    ...guardNotes(r),
    ...(pdf ? [pdf] : []),
    '',
    '---',
    '',
    ownMarkdown(r.markdown),
  ].join('\n');
}

export function answerCoverLetter(value: unknown): string {
  const r = rec(value);
  const job = rec(r.job);
  return [
    `Here is a cover letter for ${titleAt(job)}, built only from your resume.`,
    '',
    ...guardNotes(r),
    '',
    '---',
    '',
    ownMarkdown(r.markdown),
  ].join('\n');
}
