import { CONTEXT_DOMAIN_SIGNALS, type SkillAmbiguity } from './taxonomy/types.ts';

/** How far (in characters, either side) a supporting skill or word may be from an ambiguous form. */
export const CONTEXT_WINDOW = 250;
const CUE_REACH = 60;

export interface CompiledAmbiguity {
  exactForms: ReadonlySet<string> | null;
  contextCategories: ReadonlySet<string> | null;
  contextWords: RegExp | null;
  cueBefore: RegExp | null;
  cueAfter: RegExp | null;
  vetoBefore: RegExp | null;
  vetoAfter: RegExp | null;
}

/** A mention already accepted, used as evidence for the context of ambiguous ones. */
export interface Evidence {
  start: number;
  end: number;
  category: string;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function phrasePattern(phrase: string): string {
  return phrase.trim().split(/\s+/).map(escapeRegExp).join('[\\s\\-]+');
}

// Word edges are only demanded where the phrase itself starts or ends with a letter or digit, so
// "&" still matches in "R&D".
function beforePattern(phrases: readonly string[] | undefined): RegExp | null {
  if (!phrases?.length) return null;
  const parts = phrases.map(
    (p) => (WORD_CHAR.test(p.trim()[0] ?? '') ? '(?<![\\p{L}\\p{N}])' : '') + phrasePattern(p),
  );
  return new RegExp(`(?:${parts.join('|')})[\\s\\-]*$`, 'iu');
}

function afterPattern(phrases: readonly string[] | undefined): RegExp | null {
  if (!phrases?.length) return null;
  const parts = phrases.map(
    (p) => phrasePattern(p) + (WORD_CHAR.test(p.trim().at(-1) ?? '') ? '(?![\\p{L}\\p{N}])' : ''),
  );
  return new RegExp(`^[\\s\\-]*(?:${parts.join('|')})`, 'iu');
}

function normaliseSurface(value: string): string {
  return value.trim().replace(/[\s\-‐‑–]+/g, ' ');
}

export function compileAmbiguity(rule: SkillAmbiguity): CompiledAmbiguity {
  const signals = rule.context ? CONTEXT_DOMAIN_SIGNALS[rule.context] : null;
  return {
    exactForms: rule.caseSensitive ? new Set(rule.forms.map(normaliseSurface)) : null,
    contextCategories: signals ? new Set(signals.categories) : null,
    contextWords: signals?.words.length
      ? new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${signals.words.map(phrasePattern).join('|')})(?![\\p{L}\\p{N}])`,
          'iu',
        )
      : null,
    cueBefore: beforePattern(rule.cuesBefore),
    cueAfter: afterPattern(rule.cuesAfter),
    vetoBefore: beforePattern(rule.vetoBefore),
    vetoAfter: afterPattern(rule.vetoAfter),
  };
}

function firstEvidenceFrom(evidence: readonly Evidence[], position: number): number {
  let low = 0;
  let high = evidence.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((evidence[mid]?.end ?? 0) < position) low = mid + 1;
    else high = mid;
  }
  return low;
}

function hasNearbyEvidence(
  evidence: readonly Evidence[],
  categories: ReadonlySet<string>,
  from: number,
  to: number,
): boolean {
  for (let k = firstEvidenceFrom(evidence, from); k < evidence.length; k++) {
    const item = evidence[k]!;
    if (item.start > to) return false;
    if (categories.has(item.category)) return true;
  }
  return false;
}

export type Verdict = 'accept' | 'reject' | 'needs-context';

/**
 * What the text right around the form says, before any context is weighed: the exact spelling when
 * case matters, then vetoes ("let's go"), then cues that settle it alone ("Go developer").
 */
export function judgeLocally(rule: CompiledAmbiguity, text: string, start: number, end: number): Verdict {
  if (rule.exactForms && !rule.exactForms.has(normaliseSurface(text.slice(start, end)))) return 'reject';
  const before = text.slice(Math.max(0, start - CUE_REACH), start);
  const after = text.slice(end, end + CUE_REACH);
  if (rule.vetoBefore?.test(before) || rule.vetoAfter?.test(after)) return 'reject';
  if (rule.cueBefore?.test(before) || rule.cueAfter?.test(after)) return 'accept';
  return rule.contextCategories ? 'needs-context' : 'accept';
}

/** Evidence must be sorted by start; accepted when a skill or word of the rule's domain is near. */
export function hasContext(
  rule: CompiledAmbiguity,
  text: string,
  start: number,
  end: number,
  evidence: readonly Evidence[],
): boolean {
  if (!rule.contextCategories) return true;
  const from = Math.max(0, start - CONTEXT_WINDOW);
  const to = end + CONTEXT_WINDOW;
  if (hasNearbyEvidence(evidence, rule.contextCategories, from, to)) return true;
  return rule.contextWords ? rule.contextWords.test(text.slice(from, to)) : false;
}
