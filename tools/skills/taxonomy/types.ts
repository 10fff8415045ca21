// The shape of one taxonomy entry, shared by every field's data file and by the extractor.

export const SKILL_CATEGORIES = [
  'programming-language',
  'markup-query',
  'frontend',
  'backend',
  'cloud',
  'devops',
  'database',
  'testing',
  'security',
  'mobile',
  'software-practice',
  'machine-learning',
  'data-engineering',
  'analytics',
  'bi-tool',
  'statistics',
  'design',
  'product',
  'project-management',
  'sales',
  'marketing',
  'finance',
  'accounting',
  'hr',
  'healthcare',
  'operations',
  'logistics',
  'education',
  'office-tool',
  'soft-skill',
  'customer-service',
  'legal',
  'certification',
  'spoken-language',
] as const;
export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

export const CONTEXT_DOMAINS = ['tech', 'healthcare', 'design'] as const;
export type ContextDomain = (typeof CONTEXT_DOMAINS)[number];

/**
 * Some surface forms are also ordinary words ("Go", "R", "RN", "Excel"). They only count as the
 * skill when the rules here say so; every other form of the same skill matches freely.
 */
export interface SkillAmbiguity {
  /**
   * The name or aliases that need the rules below. With `caseSensitive` they are written exactly as
   * they must appear ("R", "REST"); otherwise compared case-insensitively.
   */
  forms: readonly string[];
  /** Only match when written exactly as in `forms` ("R", never "r"). */
  caseSensitive?: boolean;
  /** When set, a nearby skill (or cue word) of this domain is needed to accept the form. */
  context?: ContextDomain;
  /** Words directly before the form that confirm it on their own ("written in" Go). */
  cuesBefore?: readonly string[];
  /** Words directly after the form that confirm it on their own (Go "developer"). */
  cuesAfter?: readonly string[];
  /** Words directly before the form that rule the skill out ("let's" go). */
  vetoBefore?: readonly string[];
  /** Words directly after the form that rule the skill out (go "to market", R"&D"). */
  vetoAfter?: readonly string[];
}

export interface SkillDef {
  /** Canonical, lowercase, unique across the taxonomy. */
  name: string;
  /** How a person would write it. */
  label: string;
  category: SkillCategory;
  /** Other spellings and abbreviations; matched case-insensitively unless `ambiguous` says otherwise. */
  aliases: readonly string[];
  ambiguous?: SkillAmbiguity;
}

/** Which categories make up the context of a domain, plus plain words that signal it too. */
export const CONTEXT_DOMAIN_SIGNALS: Record<
  ContextDomain,
  { categories: readonly SkillCategory[]; words: readonly string[] }
> = {
  tech: {
    categories: [
      'programming-language',
      'markup-query',
      'frontend',
      'backend',
      'cloud',
      'devops',
      'database',
      'testing',
      'mobile',
      'software-practice',
      'machine-learning',
      'data-engineering',
      'statistics',
    ],
    words: [
      'software',
      'developer',
      'developers',
      'programming',
      'programmer',
      'backend',
      'back-end',
      'frontend',
      'codebase',
      'compiler',
      'microservices',
      'apis',
      'embedded',
      'firmware',
    ],
  },
  healthcare: {
    categories: ['healthcare'],
    words: [
      'nurse',
      'nurses',
      'nursing',
      'patient',
      'patients',
      'hospital',
      'clinic',
      'clinical',
      'icu',
      'bedside',
      'medical',
      'healthcare',
      'physician',
      'ward',
    ],
  },
  design: {
    categories: ['design'],
    words: ['designer', 'designers', 'mockups', 'wireframes', 'prototypes', 'prototyping', 'ui', 'ux'],
  },
};
