import { findDateRanges } from './dates.ts';
import { findSections } from './sections.ts';

// A cheap gate before parsing: people paste recipes, job postings and filler text by mistake, and
// a resume parsed out of those would quietly produce nonsense matches.

const DEGREE_OR_SCHOOL =
  /\b(?:university|universität|college|bachelor|master|b\.?sc|m\.?sc|ph\.?d|mba|diploma|degree)\b/i;
const EMAIL = /[\w.%+-]+@[\w.-]+\.[a-z]{2,}/i;
const RECIPE =
  /\b(?:ingredients?|tablespoons?|tbsp|teaspoons?|tsp|cups?|preheat|oven|bake|simmer|stir|whisk|chopped|minced|serves|grams?|pinch|saucepan|boil)\b/gi;
const POSTING =
  /\b(?:we are looking for|we're looking for|you will|you'll|your responsibilities|what we offer|we offer|apply now|about the role|about us|join our team|the ideal candidate|benefits|requirements|nice to have|must have)\b/gi;
const ADDRESSING = /\b(?:you|your|we|our|us)\b/gi;
const LOREM = /\blorem ipsum\b|\bdolor sit amet\b/i;

/** False for text that is clearly not a resume (a recipe, a job posting, lorem ipsum, too little text). */
export function isLikelyResume(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words < 30 || LOREM.test(text)) return false;
  const kinds = new Set(findSections(text).map((s) => s.kind));
  const dateRanges = text.split('\n').filter((line) => findDateRanges(line).length > 0).length;
  let score = 0;
  if (kinds.has('experience')) score += 3;
  if (kinds.has('education')) score += 2;
  if (kinds.has('skills')) score += 2;
  if (dateRanges > 0) score += dateRanges >= 2 ? 3 : 2;
  if (DEGREE_OR_SCHOOL.test(text)) score += 1;
  if (EMAIL.test(text)) score += 1;
  const per100 = (re: RegExp) => ((text.match(re)?.length ?? 0) * 100) / words;
  // Resumes talk about the author without pronouns; postings address "you" and speak as "we".
  if (per100(ADDRESSING) > 2.5) score -= 4;
  if ((text.match(POSTING)?.length ?? 0) >= 3) score -= 4;
  if (per100(RECIPE) > 2) score -= 6;
  return score >= 5;
}
