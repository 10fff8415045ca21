import { ACCOUNTING_SKILLS } from './accounting.ts';
import { BUSINESS_SKILLS } from './business.ts';
import { SERVICE_AND_LEGAL_SKILLS } from './business-service.ts';
import { CERTIFICATIONS } from './certifications.ts';
import { DATA_SKILLS } from './data.ts';
import { DATA_ANALYTICS_SKILLS } from './data-analytics.ts';
import { DESIGN_SKILLS } from './design.ts';
import { EDUCATION_SKILLS } from './education.ts';
import { ENGINEERING_FRAMEWORKS } from './engineering-frameworks.ts';
import { ENGINEERING_INFRASTRUCTURE } from './engineering-infrastructure.ts';
import { ENGINEERING_LANGUAGES } from './engineering-languages.ts';
import { ENGINEERING_MARKUP } from './engineering-markup.ts';
import { ENGINEERING_PRACTICES } from './engineering-practices.ts';
import { ENGINEERING_QUALITY } from './engineering-quality.ts';
import { FINANCE_SKILLS } from './finance.ts';
import { HEALTHCARE_SKILLS } from './healthcare.ts';
import { HR_SKILLS } from './hr.ts';
import { normalizeSkillKey } from './keys.ts';
import { SPOKEN_LANGUAGES } from './languages.ts';
import { MARKETING_SKILLS } from './marketing.ts';
import { OPERATIONS_SKILLS } from './operations.ts';
import { PRODUCT_SKILLS } from './product.ts';
import { SALES_SKILLS } from './sales.ts';
import { CONTEXT_DOMAINS, SKILL_CATEGORIES, type SkillDef } from './types.ts';

export { normalizeSkillKey } from './keys.ts';
export * from './types.ts';

export const SKILLS: readonly SkillDef[] = [
  ...ENGINEERING_LANGUAGES,
  ...ENGINEERING_MARKUP,
  ...ENGINEERING_FRAMEWORKS,
  ...ENGINEERING_INFRASTRUCTURE,
  ...ENGINEERING_QUALITY,
  ...ENGINEERING_PRACTICES,
  ...DATA_SKILLS,
  ...DATA_ANALYTICS_SKILLS,
  ...DESIGN_SKILLS,
  ...PRODUCT_SKILLS,
  ...SALES_SKILLS,
  ...MARKETING_SKILLS,
  ...FINANCE_SKILLS,
  ...ACCOUNTING_SKILLS,
  ...HR_SKILLS,
  ...HEALTHCARE_SKILLS,
  ...OPERATIONS_SKILLS,
  ...EDUCATION_SKILLS,
  ...BUSINESS_SKILLS,
  ...SERVICE_AND_LEGAL_SKILLS,
  ...CERTIFICATIONS,
  ...SPOKEN_LANGUAGES,
];

const CATEGORY_SET: ReadonlySet<string> = new Set(SKILL_CATEGORIES);
const DOMAIN_SET: ReadonlySet<string> = new Set(CONTEXT_DOMAINS);

function entryProblems(skill: SkillDef, index: number): string[] {
  const where = `skills[${index}] (${JSON.stringify(skill?.name)})`;
  if (!skill || typeof skill.name !== 'string' || skill.name.trim() === '')
    return [`${where}: name is missing`];
  const problems: string[] = [];
  if (skill.name !== skill.name.toLowerCase().trim() || /\s{2,}/.test(skill.name)) {
    problems.push(`${where}: name must be lowercase and trimmed, with single spaces`);
  }
  if (typeof skill.label !== 'string' || skill.label.trim() === '') problems.push(`${where}: label is empty`);
  if (!CATEGORY_SET.has(skill.category))
    problems.push(`${where}: category "${skill.category}" is not a known category`);
  if (!Array.isArray(skill.aliases)) problems.push(`${where}: aliases must be an array`);
  const own = new Set([skill.name, ...(skill.aliases ?? []).map(normalizeSkillKey)]);
  for (const alias of skill.aliases ?? []) {
    if (!/[\p{L}\p{N}]/u.test(alias)) problems.push(`${where}: alias "${alias}" has no letter or digit`);
  }
  const rule = skill.ambiguous;
  if (rule) {
    if (rule.context !== undefined && !DOMAIN_SET.has(rule.context)) {
      problems.push(`${where}: ambiguous.context "${rule.context}" is not a known domain`);
    }
    if (!rule.forms?.length) problems.push(`${where}: ambiguous.forms is empty`);
    for (const form of rule.forms ?? []) {
      if (!own.has(normalizeSkillKey(form)))
        problems.push(`${where}: ambiguous form "${form}" is neither its name nor an alias`);
    }
  }
  return problems;
}

/**
 * Every problem in a taxonomy: malformed entries, duplicate names, and aliases that would send one
 * spelling to two skills. Empty when the taxonomy is sound.
 */
export function findTaxonomyProblems(skills: readonly SkillDef[]): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  skills.forEach((skill, index) => {
    const found = entryProblems(skill, index);
    problems.push(...found);
    if (found.length > 0 && (!skill || typeof skill.name !== 'string')) return;
    const keys = [skill.name, ...(Array.isArray(skill.aliases) ? skill.aliases : [])].map(normalizeSkillKey);
    // The same skill may list "objective-c" and "objective c"; only clashes between skills matter.
    for (const key of new Set(keys)) {
      const previous = owner.get(key);
      if (previous !== undefined) {
        problems.push(
          key === skill.name && previous === key
            ? `skill name "${key}" is used twice`
            : `spelling "${key}" belongs to both "${previous}" and "${skill.name}"`,
        );
      } else {
        owner.set(key, skill.name);
      }
    }
  });
  return problems;
}

/** Throws one error listing every problem, so a bad edit to a data file fails loudly when an index is built. */
export function validateTaxonomy(skills: readonly SkillDef[] = SKILLS): void {
  if (!Array.isArray(skills)) throw new TypeError('skills: expected an array of skill definitions');
  const problems = findTaxonomyProblems(skills);
  if (problems.length > 0) {
    throw new Error(`skills taxonomy is invalid (${problems.length} problems):\n- ${problems.join('\n- ')}`);
  }
}
