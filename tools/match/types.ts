import type { Profile } from '../profile/profile.ts';

/** What the scorer knows about a job (a row of `jobs` plus its required/preferred skill split). */
export interface JobForScoring {
  id: string;
  title: string;
  company: string;
  descriptionMd: string;
  /** Every skill found in the posting (canonical names). */
  skills: string[];
  requiredSkills: string[];
  preferredSkills: string[];
  seniority: string | null;
  remote: 'remote' | 'hybrid' | 'onsite' | null;
  city: string | null;
  region: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  locationText: string | null;
  employmentType: string | null;
  salaryMinUsdYear: number | null;
  salaryMaxUsdYear: number | null;
  postedAt: Date | null;
  firstSeen: Date;
}

/** What the scorer knows about the person. */
export interface SeekerForScoring {
  /** Canonical skills from the active resume. */
  skills: string[];
  /** Job titles held, most recent first (from the parsed resume). */
  titles: string[];
  totalYears: number;
  /** Seniority estimated from the resume. */
  seniority: string | null;
  profile: Profile;
  /** The profile's minimum salary as USD per year (null when none or unknown currency). */
  minSalaryUsdYear: number | null;
}

export interface ScoreComponent {
  /** 0..1 */
  value: number;
  /** Share of the total (weights sum to 1). */
  weight: number;
  /** One short phrase: "6 of 8 required skills". */
  note: string;
}

export type ComponentName =
  | 'requiredSkills'
  | 'preferredSkills'
  | 'title'
  | 'seniority'
  | 'salary'
  | 'location'
  | 'recency'
  | 'semantic';

export interface MatchReasons {
  matchedSkills: string[];
  missingSkills: { required: string[]; preferred: string[] };
  /** Hard problems a person would want to know first ("onsite in Paris; you want remote"). */
  dealbreakers: string[];
  /** One sentence a person can read. */
  summary: string;
}

export interface MatchScore {
  /** 0..100 */
  score: number;
  components: Record<ComponentName, ScoreComponent>;
  reasons: MatchReasons;
}
