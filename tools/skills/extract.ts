import {
  type CompiledAmbiguity,
  compileAmbiguity,
  type Evidence,
  hasContext,
  judgeLocally,
} from './ambiguity.ts';
import {
  addKey,
  createSkillTrie,
  createWordCharTest,
  lowercasePreservingOffsets,
  scanTrie,
  type TrieMatch,
  type TrieSlot,
} from './skill-trie.ts';
import {
  normalizeSkillKey,
  SKILLS,
  type SkillCategory,
  type SkillDef,
  validateTaxonomy,
} from './taxonomy/index.ts';

export interface SkillSpan {
  /** Offsets into the text given to `extract`, end exclusive, so `text.slice(start, end) === span.text`. */
  start: number;
  end: number;
  text: string;
}

export interface SkillMention {
  skill: string;
  label: string;
  category: SkillCategory;
  spans: SkillSpan[];
}

export interface SkillInfo {
  name: string;
  label: string;
  category: SkillCategory;
  aliases: readonly string[];
}

export interface SkillExtractor {
  /** Every skill in the text with every place it occurs, ordered by first occurrence. */
  extract(text: string): SkillMention[];
  /** Canonical names of the skills in the text, each once, ordered by first occurrence. */
  skills(text: string): string[];
  /** The canonical name for one typed skill ("k8s" → "kubernetes"), or null when unknown. */
  canonicalize(name: string): string | null;
  get(name: string): SkillInfo | undefined;
}

interface FormEntry {
  skill: number;
  rule: CompiledAmbiguity | null;
}

interface Accepted {
  match: TrieMatch;
  skill: number;
}

// Confirmed ambiguous mentions count as evidence for the rest; a few rounds settle any chain.
const CONTEXT_ROUNDS = 3;

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string') {
    throw new TypeError(`${what} must be a string, got ${value === null ? 'null' : typeof value}`);
  }
  return value;
}

function buildForms(skills: readonly SkillDef[]) {
  const trie = createSkillTrie();
  const forms: FormEntry[] = [];
  const byKey = new Map<string, number>();
  const byName = new Map<string, number>();
  skills.forEach((skill, index) => {
    byName.set(skill.name, index);
    const ambiguousKeys = new Set((skill.ambiguous?.forms ?? []).map(normalizeSkillKey));
    const rule = skill.ambiguous ? compileAmbiguity(skill.ambiguous) : null;
    for (const key of new Set([skill.name, ...skill.aliases].map(normalizeSkillKey))) {
      byKey.set(key, index);
      forms.push({ skill: index, rule: ambiguousKeys.has(key) ? rule : null });
      addKey(trie, key, forms.length - 1);
    }
  });
  return { trie, forms, byKey, byName };
}

export function createSkillExtractor(skills: readonly SkillDef[] = SKILLS): SkillExtractor {
  validateTaxonomy(skills);
  const { trie, forms, byKey, byName } = buildForms(skills);
  const isWordChar = createWordCharTest();

  const categoryOf = (skill: number): string => skills[skill]!.category;

  function toEvidence(accepted: readonly Accepted[]): Evidence[] {
    return accepted
      .map((a) => ({ start: a.match.start, end: a.match.end, category: categoryOf(a.skill) }))
      .sort((x, y) => x.start - y.start);
  }

  // The longest option the rules allow; 'wait' when it needs context and no evidence is in yet.
  function settle(text: string, slot: TrieSlot, evidence: Evidence[] | null): Accepted | 'wait' | null {
    for (const match of slot.options) {
      const form = forms[match.form]!;
      const verdict = form.rule ? judgeLocally(form.rule, text, match.start, match.end) : 'accept';
      if (verdict === 'accept') return { match, skill: form.skill };
      if (verdict === 'reject') continue;
      if (!evidence) return 'wait';
      if (hasContext(form.rule!, text, match.start, match.end, evidence)) return { match, skill: form.skill };
    }
    return null;
  }

  function acceptSlots(text: string, slots: TrieSlot[]): Accepted[] {
    const accepted: Accepted[] = [];
    let waiting: TrieSlot[] = [];
    for (const slot of slots) {
      const result = settle(text, slot, null);
      if (result === 'wait') waiting.push(slot);
      else if (result) accepted.push(result);
    }
    // Ambiguous mentions can support each other ("Go and Swift" once Go is confirmed).
    for (let round = 0; round < CONTEXT_ROUNDS && waiting.length > 0; round++) {
      const evidence = toEvidence(accepted);
      const stillWaiting: TrieSlot[] = [];
      for (const slot of waiting) {
        const result = settle(text, slot, evidence);
        if (result && result !== 'wait') accepted.push(result);
        else stillWaiting.push(slot);
      }
      if (stillWaiting.length === waiting.length) break;
      waiting = stillWaiting;
    }
    return accepted.sort((x, y) => x.match.start - y.match.start);
  }

  function extract(input: string): SkillMention[] {
    const text = requireString(input, 'extract: text');
    if (text.length === 0) return [];
    const slots = scanTrie(trie, text, lowercasePreservingOffsets(text), isWordChar);
    const mentions = new Map<number, SkillMention>();
    for (const { match, skill } of acceptSlots(text, slots)) {
      let mention = mentions.get(skill);
      if (!mention) {
        const def = skills[skill]!;
        mention = { skill: def.name, label: def.label, category: def.category, spans: [] };
        mentions.set(skill, mention);
      }
      mention.spans.push({ start: match.start, end: match.end, text: text.slice(match.start, match.end) });
    }
    return [...mentions.values()];
  }

  function canonicalize(input: string): string | null {
    const name = requireString(input, 'canonicalize: name');
    const direct = byKey.get(normalizeSkillKey(name).replace(/[\s.,;:!?)]+$/u, ''));
    if (direct !== undefined) return skills[direct]!.name;
    // "Python 3.12" or "Kubernetes (CKA)": fall back to the one skill the phrase names, if only one.
    const found = extract(name);
    return found.length === 1 ? found[0]!.skill : null;
  }

  function get(input: string): SkillInfo | undefined {
    const name = canonicalize(requireString(input, 'get: name'));
    if (name === null) return undefined;
    const def = skills[byName.get(name)!]!;
    return { name: def.name, label: def.label, category: def.category, aliases: def.aliases };
  }

  return {
    extract,
    skills: (text) => extract(text).map((m) => m.skill),
    canonicalize,
    get,
  };
}
