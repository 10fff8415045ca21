// Recognises the applicant tracking system behind a career page, so the crawler can read the
// ATS's structured board API instead of scraping (and rendering) the embedding page.

export interface AtsDetection {
  /** `provider:boardToken`, e.g. `greenhouse:acme`. */
  spec: string;
  /** The text in the page (or the page URL) that gave it away. */
  evidence: string;
}

interface AtsPattern {
  provider: string;
  pattern: RegExp;
  /** SmartRecruiters company ids are case-sensitive in its API; the others are not. */
  keepCase?: boolean;
}

// The lookbehind keeps "notjobs.lever.co" from matching; tokens stop at the first URL delimiter.
const HOST_START = '(?<![\\w.-])';
const TOKEN = '([A-Za-z0-9][A-Za-z0-9_-]*)';

const PATTERNS: AtsPattern[] = [
  {
    provider: 'greenhouse',
    pattern: new RegExp(
      `${HOST_START}(?:job-)?boards(?:\\.eu)?\\.greenhouse\\.io/embed/job_board(?:/js)?\\?(?:[^"'\\s<>]*?&)?for=${TOKEN}`,
      'gi',
    ),
  },
  {
    provider: 'greenhouse',
    pattern: new RegExp(
      `${HOST_START}(?:job-)?boards(?:\\.eu)?\\.greenhouse\\.io/(?!embed\\b)${TOKEN}`,
      'gi',
    ),
  },
  {
    provider: 'greenhouse',
    pattern: new RegExp(`${HOST_START}boards-api\\.greenhouse\\.io/v1/boards/${TOKEN}`, 'gi'),
  },
  { provider: 'greenhouse', pattern: new RegExp(`boardToken["']?\\s*[:=]\\s*["']${TOKEN}["']`, 'g') },
  { provider: 'lever', pattern: new RegExp(`${HOST_START}jobs\\.(?:eu\\.)?lever\\.co/${TOKEN}`, 'gi') },
  {
    provider: 'lever',
    pattern: new RegExp(`${HOST_START}api\\.(?:eu\\.)?lever\\.co/v0/postings/${TOKEN}`, 'gi'),
  },
  { provider: 'ashby', pattern: new RegExp(`${HOST_START}jobs\\.ashbyhq\\.com/${TOKEN}`, 'gi') },
  {
    provider: 'ashby',
    pattern: new RegExp(`${HOST_START}api\\.ashbyhq\\.com/posting-api/job-board/${TOKEN}`, 'gi'),
  },
  {
    provider: 'workable',
    pattern: new RegExp(
      `${HOST_START}apply\\.workable\\.com/(?:api/v\\d/(?:accounts|widget/accounts)/)?${TOKEN}`,
      'gi',
    ),
  },
  { provider: 'workable', pattern: new RegExp(`${HOST_START}${TOKEN}\\.workable\\.com`, 'gi') },
  {
    provider: 'smartrecruiters',
    pattern: new RegExp(`${HOST_START}(?:jobs|careers)\\.smartrecruiters\\.com/${TOKEN}`, 'gi'),
    keepCase: true,
  },
  {
    provider: 'smartrecruiters',
    pattern: new RegExp(`${HOST_START}api\\.smartrecruiters\\.com/v1/companies/${TOKEN}`, 'gi'),
    keepCase: true,
  },
  { provider: 'recruitee', pattern: new RegExp(`${HOST_START}${TOKEN}\\.recruitee\\.com`, 'gi') },
  { provider: 'personio', pattern: new RegExp(`${HOST_START}${TOKEN}\\.jobs\\.personio\\.(?:de|com)`, 'gi') },
];

/** Path segments and subdomains that belong to the ATS itself, never to a customer. */
const NOT_A_TOKEN = new Set([
  'embed',
  'v1',
  'v0',
  'api',
  'js',
  'j',
  'www',
  'apply',
  'jobs',
  'app',
  'careers',
  'static',
  'assets',
  'cdn',
  'resources',
  'help',
  'support',
  'blog',
  'oneclick-ui',
  'widget',
  'posting-api',
]);

function unescapeForScan(text: string): string {
  return text
    .replace(/\\\//g, '/')
    .replace(/&amp;/gi, '&')
    .replace(/&#x2F;|&#47;/gi, '/');
}

export function detectAts(html: string, pageUrl: string): AtsDetection[] {
  const haystacks = [typeof pageUrl === 'string' ? pageUrl : '', typeof html === 'string' ? html : ''];
  const found = new Map<string, AtsDetection>();
  for (const raw of haystacks) {
    if (
      !raw ||
      !/greenhouse|grnhse|boardtoken|lever\.co|ashbyhq|workable|smartrecruiters|recruitee|personio/i.test(raw)
    )
      continue;
    const text = unescapeForScan(raw);
    for (const { provider, pattern, keepCase } of PATTERNS) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        const token = m[1]!;
        if (NOT_A_TOKEN.has(token.toLowerCase())) continue;
        const spec = `${provider}:${keepCase ? token : token.toLowerCase()}`;
        const key = spec.toLowerCase();
        if (!found.has(key)) found.set(key, { spec, evidence: m[0].slice(0, 200) });
      }
    }
  }
  return [...found.values()];
}
