// Cheap checks on a pasted posting, so the review can say what it could not judge instead of
// scoring a recipe or a resume as if it were a job.

export type TextLanguage = 'en' | 'de' | 'fr' | 'es' | 'unknown';

const STOP_WORDS: Record<Exclude<TextLanguage, 'unknown'>, RegExp> = {
  en: /\b(?:the|and|you|with|for|our|will|are|of|to|in|we|your|this|have)\b/gi,
  de: /\b(?:und|der|die|das|mit|für|sie|wir|ein|eine|ist|zu|von|bei|du|ihr|unser|oder)\b/gi,
  fr: /\b(?:et|le|la|les|des|vous|nous|avec|pour|une|est|dans|du|au|votre)\b/gi,
  es: /\b(?:el|la|los|las|y|con|para|una|es|en|del|nuestro|tu|usted|experiencia)\b/gi,
};

/** The language most of the text's common words belong to; 'unknown' for too little text. */
export function detectLanguage(text: string): TextLanguage {
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words < 12) return 'unknown';
  let best: TextLanguage = 'unknown';
  let bestCount = 0;
  for (const [lang, re] of Object.entries(STOP_WORDS)) {
    const count = text.match(re)?.length ?? 0;
    if (count > bestCount) {
      best = lang as TextLanguage;
      bestCount = count;
    }
  }
  return bestCount / words >= 0.04 ? best : 'unknown';
}

const POSTING_CUES =
  /\b(?:responsibilit\w+|requirements?|qualifications?|experience|role|position|job|team|apply|candidate|you(?:'ll| will)?|we(?:'re| are)?|salary|benefits|hiring|skills|aufgaben|anforderungen|profil|erfahrung|stelle|poste|profil recherché|requisitos|puesto)\b/gi;
const RECIPE = /\b(?:ingredients?|tablespoons?|tbsp|teaspoons?|preheat|oven|simmer|whisk|saucepan)\b/gi;
const MIN_WORDS = 12;

/** Why this text cannot be reviewed as a job posting, or null when it can. */
export function postingProblem(text: string, skillCount: number): string | null {
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words < MIN_WORDS && skillCount === 0) {
    return `the job text has only ${words} word${words === 1 ? '' : 's'} and names no skills: paste the whole posting`;
  }
  const recipe = text.match(RECIPE)?.length ?? 0;
  const cues = text.match(POSTING_CUES)?.length ?? 0;
  if (recipe >= 3 && recipe > cues) return 'the job text reads like a recipe, not a job posting';
  if (cues === 0 && skillCount === 0) {
    return 'the job text does not look like a job posting: it names no role, requirements or skills';
  }
  return null;
}
