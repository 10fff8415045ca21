import { describe, expect, it } from 'vitest';
import {
  findTaxonomyProblems,
  normalizeSkillKey,
  SKILL_CATEGORIES,
  SKILLS,
  type SkillDef,
  validateTaxonomy,
} from '../../../../tools/skills/taxonomy/index.ts';

describe('skills taxonomy', () => {
  it('holds at least 500 canonical skills', () => {
    expect(SKILLS.length).toBeGreaterThanOrEqual(500);
  });

  it('has no duplicate names and no spelling shared by two skills', () => {
    expect(findTaxonomyProblems(SKILLS)).toEqual([]);
    expect(() => validateTaxonomy()).not.toThrow();
    const owners = new Map<string, string>();
    for (const skill of SKILLS) {
      for (const key of new Set([skill.name, ...skill.aliases].map(normalizeSkillKey))) {
        expect(owners.get(key) ?? skill.name, `"${key}" is claimed twice`).toBe(skill.name);
        owners.set(key, skill.name);
      }
    }
  });

  it('covers tech and non-tech fields, languages and certifications', () => {
    const categories = new Set(SKILLS.map((s) => s.category));
    for (const category of [
      'programming-language',
      'cloud',
      'machine-learning',
      'design',
      'product',
      'sales',
      'marketing',
      'finance',
      'accounting',
      'hr',
      'healthcare',
      'logistics',
      'education',
      'certification',
      'spoken-language',
    ]) {
      expect(categories, category).toContain(category);
    }
    for (const skill of SKILLS) expect(SKILL_CATEGORIES).toContain(skill.category);
  });

  it('keeps canonical names lowercase', () => {
    for (const skill of SKILLS) expect(skill.name).toBe(skill.name.toLowerCase().trim());
  });

  it('reports an alias claimed by two skills, naming both', () => {
    const clash: SkillDef[] = [
      { name: 'kubernetes', label: 'Kubernetes', category: 'devops', aliases: ['k8s'] },
      { name: 'k3s', label: 'K3s', category: 'devops', aliases: ['K8S'] },
    ];
    expect(() => validateTaxonomy(clash)).toThrow(/"k8s" belongs to both "kubernetes" and "k3s"/);
  });

  it('reports a duplicate name, an unknown category and an ambiguous form that is not a spelling', () => {
    const broken = [
      { name: 'go', label: 'Go', category: 'programming-language', aliases: [] },
      { name: 'go', label: 'Go again', category: 'programming-language', aliases: [] },
      { name: 'knitting', label: 'Knitting', category: 'crafts', aliases: [] },
      {
        name: 'rust',
        label: 'Rust',
        category: 'programming-language',
        aliases: [],
        ambiguous: { forms: ['rustc'] },
      },
    ] as unknown as SkillDef[];
    const problems = findTaxonomyProblems(broken).join('\n');
    expect(problems).toMatch(/name "go" is used twice/);
    expect(problems).toMatch(/category "crafts" is not a known category/);
    expect(problems).toMatch(/ambiguous form "rustc" is neither its name nor an alias/);
  });

  it('rejects something that is not a list with a clear message', () => {
    expect(() => validateTaxonomy('python' as unknown as SkillDef[])).toThrow(/skills: expected an array/);
  });
});
