import { z } from 'zod';
import type { ParsedResume } from '../resume/parse.ts';
import type { SkillExtractor } from '../skills/extract.ts';
import type { FormattingRisk } from './formatting-risks.ts';
import { lineHoldsSpan } from './held-skills.ts';
import type { Highlight } from './highlights.ts';
import { findTermSpans } from './requirement-terms.ts';
import type { Component, ComponentName } from './score.ts';

export const suggestionKinds = [
  'formatting',
  'missing_required',
  'move_up',
  'show_in_role',
  'use_job_wording',
  'title',
  'quantify',
  'add_section',
  'missing_preferred',
  'length',
] as const;
export type SuggestionKind = (typeof suggestionKinds)[number];

const factValue = z.union([z.string(), z.number(), z.array(z.string())]);
export const suggestionSchema = z.object({
  /** 1 is the most important. */
  priority: z.number().int().positive(),
  kind: z.enum(suggestionKinds),
  text: z.string(),
  /** Everything the text states, so a language model may rephrase it without changing facts. */
  facts: z.record(z.string(), factValue),
});
export type Suggestion = z.infer<typeof suggestionSchema>;
type Draft = Omit<Suggestion, 'priority'> & { weight: number };

export interface SuggestionInput {
  parsed: ParsedResume;
  /** The resume text the highlights point into. */
  resumeText?: string;
  jobTitle: string;
  highlights: readonly Highlight[];
  components: Record<ComponentName, Component>;
  risks: readonly FormattingRisk[];
  words: number;
  quantified: { bullets: number; quantified: number };
}

const MAX_PER_KIND = 3;
const listOf = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
const roleName = (e: ParsedResume['experience'][number]) =>
  e.employer ? `your role at ${e.employer}` : `your role as ${e.title}`;

function mentions(
  extractor: Pick<SkillExtractor, 'skills'>,
  h: Highlight,
  line: string,
  resumeText: string | undefined,
): boolean {
  if (!h.known) return findTermSpans(line, h.label).length > 0;
  // A bullet read alone can miss what the whole resume confirms ("rewrote the service in Go").
  return (
    extractor.skills(line).includes(h.skill) ||
    (resumeText !== undefined && lineHoldsSpan(line, resumeText, h.resume))
  );
}

/** Matched required skills that a role shows only low down, or that no role shows at all. */
function placementDrafts(extractor: Pick<SkillExtractor, 'skills'>, input: SuggestionInput): Draft[] {
  const moveUp: Draft[] = [];
  const showInRole: Draft[] = [];
  const roles = input.parsed.experience;
  for (const h of input.highlights) {
    if (h.status !== 'matched' || h.importance !== 'required') continue;
    const places = roles.flatMap((role) => {
      const at = role.bullets.findIndex((b) => mentions(extractor, h, b, input.resumeText));
      return at < 0 ? [] : [{ role, at }];
    });
    if (places.length === 0 && roles.length > 0) {
      const latest = roles[0]!;
      showInRole.push({
        kind: 'show_in_role',
        weight: 60,
        text: `Your resume names ${h.label}, but no role shows it in use. If you used it in ${roleName(latest)}, add a bullet saying what you did with it.`,
        facts: { skill: h.label, role: latest.employer || latest.title },
      });
    } else if (places.length > 0 && places.every((p) => p.at > 0)) {
      const { role, at } = places[0]!;
      moveUp.push({
        kind: 'move_up',
        weight: 70,
        text: `Move your ${h.label} work to the top of ${roleName(role)}: it is bullet ${at + 1} there, and the job asks for it.`,
        facts: { skill: h.label, role: role.employer || role.title, bullet: at + 1 },
      });
    }
  }
  return [...moveUp.slice(0, MAX_PER_KIND), ...showInRole.slice(0, MAX_PER_KIND)];
}

/** The resume writes a skill another way than the posting ("TS" vs "TypeScript"). */
function wordingDrafts(input: SuggestionInput): Draft[] {
  const out: Draft[] = [];
  for (const h of input.highlights) {
    if (h.status !== 'matched' || h.job.length === 0 || h.resume.length === 0) continue;
    const jobForms = new Set(h.job.map((s) => s.text.toLowerCase()));
    if (h.resume.some((s) => jobForms.has(s.text.toLowerCase()))) continue;
    const jobForm = h.job[0]!.text;
    const resumeForm = h.resume[0]!.text;
    out.push({
      kind: 'use_job_wording',
      weight: h.importance === 'required' ? 50 : 30,
      text: `The job writes "${jobForm}" where your resume writes "${resumeForm}". Use the job's wording once, e.g. "${jobForm} (${resumeForm})", so keyword filters find it.`,
      facts: { skill: h.label, jobForm, resumeForm },
    });
  }
  return out.slice(0, MAX_PER_KIND);
}

function gapDrafts(input: SuggestionInput): Draft[] {
  const out: Draft[] = [];
  for (const importance of ['required', 'preferred'] as const) {
    const missing = input.highlights.filter((h) => h.status === 'missing' && h.importance === importance);
    if (missing.length === 0) continue;
    const labels = missing.map((h) => h.label);
    out.push({
      kind: importance === 'required' ? 'missing_required' : 'missing_preferred',
      weight: importance === 'required' ? 80 : 25,
      text: `The job ${importance === 'required' ? 'asks for' : 'would like'} ${listOf(labels)}, which your resume does not show. Only add ${missing.length === 1 ? 'it' : 'any of them'} if you have real experience, and then say where you used it; otherwise address the gap honestly in your cover letter or interview.`,
      facts: { skills: labels, importance },
    });
  }
  return out;
}

function profileDrafts(input: SuggestionInput): Draft[] {
  const out: Draft[] = [];
  const title = input.components.titleAlignment;
  const latest = input.parsed.experience.find((e) => e.title)?.title;
  if (title.value !== null && title.value < 0.5 && latest && input.jobTitle) {
    out.push({
      kind: 'title',
      weight: 40,
      text: `Your most recent title (${latest}) is far from the job's (${input.jobTitle}). Keep your real title; if your work overlaps this role, say how in your summary, in the job's terms.`,
      facts: { resumeTitle: latest, jobTitle: input.jobTitle },
    });
  }
  const { bullets, quantified } = input.quantified;
  if (bullets > 0 && quantified / bullets < 0.3) {
    out.push({
      kind: 'quantify',
      weight: 35,
      text: `Only ${quantified} of ${bullets} bullets carry a number. Where you know the real figure (time saved, volume handled, revenue, team size), add it.`,
      facts: { bullets, quantified },
    });
  }
  const kinds = new Set(input.parsed.sections.map((s) => s.kind));
  const matched = input.highlights.filter((h) => h.status === 'matched').map((h) => h.label);
  if (!kinds.has('skills')) {
    out.push({
      kind: 'add_section',
      weight: 45,
      text: `Add a Skills section: ATS filters look for one. List only skills you have${matched.length ? `, such as ${listOf(matched.slice(0, 5))}` : ''}.`,
      facts: { section: 'Skills', skills: matched.slice(0, 5) },
    });
  }
  if (!input.parsed.summary && matched.length > 0) {
    out.push({
      kind: 'add_section',
      weight: 20,
      text: `Add a two-line summary that names the experience this job asks for and your resume shows: ${listOf(matched.slice(0, 4))}.`,
      facts: { section: 'Summary', skills: matched.slice(0, 4) },
    });
  }
  if (input.words < 250 || input.words > 1100) {
    out.push({
      kind: 'length',
      weight: 15,
      text:
        input.words < 250
          ? `Your resume is short (${input.words} words); describe what you did in each role and what came of it.`
          : `Your resume is long (${input.words} words); shorten older roles so the relevant ones stand out.`,
      facts: { words: input.words },
    });
  }
  return out;
}

const RISK_WEIGHT = { high: 90, medium: 42, low: 12 } as const;

/** Prioritised, honest advice: where to move what the resume already shows, never what to invent. */
export function buildSuggestions(
  extractor: Pick<SkillExtractor, 'skills'>,
  input: SuggestionInput,
): Suggestion[] {
  const drafts: Draft[] = [
    ...input.risks.map((r) => ({
      kind: 'formatting' as const,
      weight: RISK_WEIGHT[r.severity],
      text: r.message.charAt(0).toUpperCase() + r.message.slice(1),
      facts: { risk: r.code, ...(r.evidence.length ? { evidence: r.evidence } : {}) },
    })),
    ...gapDrafts(input),
    ...placementDrafts(extractor, input),
    ...wordingDrafts(input),
    ...profileDrafts(input),
  ];
  return drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => b.d.weight - a.d.weight || a.i - b.i)
    .map(({ d }, rank) => ({ priority: rank + 1, kind: d.kind, text: d.text, facts: d.facts }));
}

/**
 * Lets a language model reword suggestions. Every rewrite is checked: `isFaithful` gets the
 * deterministic text and the rewrite, and a rewrite it rejects (or one that fails) is dropped.
 */
export async function phraseSuggestions(
  suggestions: Suggestion[],
  phrase: (facts: Pick<Suggestion, 'kind' | 'facts' | 'text'>) => Promise<string>,
  isFaithful: (original: string, rewritten: string) => boolean,
): Promise<Suggestion[]> {
  return Promise.all(
    suggestions.map(async (s) => {
      try {
        const text = (await phrase({ kind: s.kind, facts: s.facts, text: s.text })).trim();
        return text && isFaithful(s.text, text) ? { ...s, text } : s;
      } catch {
        return s;
      }
    }),
  );
}
