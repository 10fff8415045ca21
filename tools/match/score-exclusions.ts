import { placeKey } from '../jobs/countries.ts';
import type { Profile } from '../profile/profile.ts';
import { capitalise, containsWord } from './score-text.ts';
import type { JobForScoring } from './types.ts';

// The profile's explicit "never show me" rules. SQL filters apply them too, but not perfectly
// (company spellings, keywords split across fields), so the scorer reports them as dealbreakers.

const PUNCTUATION = /[^\p{L}\p{N}\s]+/gu;
const LEGAL_FORMS =
  /\b(?:gmbh|ag|inc|llc|ltd|limited|plc|co|corp|corporation|company|sa|sas|sarl|bv|nv|srl|spa|ab|as|oy|pty|kg|se|pvt)\b/g;
const SPACES = /\s+/g;

const EMPLOYMENT_LABEL: Readonly<Record<string, string>> = {
  full_time: 'full-time',
  part_time: 'part-time',
  contract: 'contract',
  internship: 'internship',
  temporary: 'temporary',
};

/** A company name without case, accents, punctuation or legal form ("Globex, Inc." → "globex"). */
export function companyKey(name: string): string {
  return placeKey(name).replace(PUNCTUATION, ' ').replace(LEGAL_FORMS, ' ').replace(SPACES, ' ').trim();
}

function excludedCompany(excluded: readonly string[], company: string): string | null {
  if (excluded.length === 0) return null;
  const key = companyKey(company);
  for (const name of excluded) {
    const other = companyKey(name);
    if (other !== '' && (key === other || key.startsWith(`${other} `))) return name;
  }
  return null;
}

function excludedKeyword(excluded: readonly string[], job: JobForScoring): string | null {
  if (excluded.length === 0) return null;
  const text = `${job.title}\n${job.company}\n${job.descriptionMd}`.toLowerCase();
  return excluded.find((keyword) => containsWord(text, keyword.trim().toLowerCase())) ?? null;
}

function employmentMismatch(wanted: readonly string[], type: string | null): string | null {
  if (wanted.length === 0 || type === null || wanted.includes(type)) return null;
  const label = EMPLOYMENT_LABEL[type] ?? type;
  const wants = wanted.map((t) => EMPLOYMENT_LABEL[t] ?? t).join(' or ');
  return `${capitalise(label)} job; you want ${wants}`;
}

/** Dealbreakers from the profile's exclusions and employment types, as sentences. */
export function exclusionDealbreakers(profile: Profile, job: JobForScoring): string[] {
  const found: string[] = [];
  const company = excludedCompany(profile.excludedCompanies, job.company);
  if (company) found.push(`At ${job.company}, which you excluded`);
  const keyword = excludedKeyword(profile.excludedKeywords, job);
  if (keyword) found.push(`Mentions "${keyword}", which you excluded`);
  const employment = employmentMismatch(profile.employmentTypes, job.employmentType);
  if (employment) found.push(employment);
  return found;
}
