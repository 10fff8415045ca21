/**
 * What the local model knows about Jobhound's agents and tools: which specialist owns each tool,
 * how to name each capability to a person, and the help text built from them.
 */

export const AGENT_KEYS = ['researcher', 'scraper', 'matcher', 'atsReviewer', 'applicant'] as const;
export type AgentKey = (typeof AGENT_KEYS)[number];

/** The specialist that owns each tool (the supervisor delegates a request to it). */
export const TOOL_AGENTS: Readonly<Record<string, AgentKey>> = {
  add_source: 'scraper',
  list_sources: 'scraper',
  crawl_source: 'scraper',
  crawl_status: 'scraper',
  search_jobs: 'researcher',
  get_job: 'researcher',
  search_matches: 'matcher',
  explain_match: 'matcher',
  get_profile: 'matcher',
  update_profile: 'matcher',
  upload_resume: 'matcher',
  list_resumes: 'matcher',
  ats_review: 'atsReviewer',
  tailor_resume: 'atsReviewer',
  write_cover_letter: 'atsReviewer',
  company_profile: 'researcher',
  market_stats: 'researcher',
  read_page: 'researcher',
  prepare_application: 'applicant',
  track_application: 'applicant',
  list_applications: 'applicant',
  get_application: 'applicant',
};

export const agentOfTool = (tool: string): AgentKey | undefined => TOOL_AGENTS[tool];

interface Capability {
  /** What it does, as a verb phrase: "show your best matches". */
  label: string;
  /** Something a person could type. */
  example: string;
}

export const CAPABILITIES: Readonly<Record<string, Capability>> = {
  add_source: { label: 'add a job source', example: 'add greenhouse:acme' },
  crawl_source: { label: 'crawl a source for new jobs', example: 'crawl greenhouse:acme' },
  crawl_status: { label: 'follow a crawl', example: 'how is the crawl going?' },
  list_sources: { label: 'list your sources', example: 'which sources do I have?' },
  search_matches: {
    label: 'show your best matches (remote, city, salary, seniority filters)',
    example: 'show remote matches in Berlin over 80k EUR',
  },
  search_jobs: { label: 'search all stored jobs', example: 'search jobs at Acme' },
  get_job: { label: 'show a job posting', example: 'open the second one' },
  explain_match: { label: 'explain why a job matches', example: 'explain the first one' },
  ats_review: { label: 'review your resume for a job', example: 'review my resume for #1' },
  tailor_resume: { label: 'tailor your resume to a job', example: 'tailor my resume for the first job' },
  write_cover_letter: { label: 'write a cover letter', example: 'write a cover letter for #2' },
  company_profile: { label: 'research a company', example: 'research Acme' },
  market_stats: { label: 'market stats for a role', example: 'salary stats for data engineers in Berlin' },
  read_page: { label: 'read a web page', example: 'read https://acme.com/careers' },
  get_profile: { label: 'show your preferences', example: 'show my profile' },
  update_profile: {
    label: 'update your preferences and digest time',
    example: 'send my digest at 7am Europe/Berlin',
  },
  upload_resume: { label: 'store your resume', example: 'here is my resume: …' },
  list_resumes: { label: 'list your resumes', example: 'which resumes do I have?' },
  prepare_application: { label: 'prepare an application', example: 'prepare an application for #1' },
  track_application: { label: 'track an application’s status', example: 'mark the first one as applied' },
  list_applications: { label: 'list your applications', example: 'show my applications' },
  get_application: { label: 'show an application', example: 'show my application for #1' },
};

export const capabilityLabel = (tool: string): string => CAPABILITIES[tool]?.label ?? tool.replace(/_/g, ' ');

const HELP_ORDER = [
  'add_source',
  'crawl_source',
  'search_matches',
  'explain_match',
  'ats_review',
  'tailor_resume',
  'write_cover_letter',
  'prepare_application',
  'list_applications',
  'company_profile',
  'market_stats',
  'update_profile',
];

/** The help answer: what Jobhound can do, with something to type for each. */
export function helpText(): string {
  const lines = HELP_ORDER.map((tool) => {
    const c = CAPABILITIES[tool]!;
    return `- ${c.label[0]!.toUpperCase()}${c.label.slice(1)} — try “${c.example}”`;
  });
  return ['I’m Jobhound, your job-search assistant. I can:', '', ...lines].join('\n');
}

/** A short list of things to try, for answers that could not help. */
export function suggestions(): string {
  return 'I can add and crawl job sources, show and explain your matches, review or tailor your resume for a job, write cover letters, research companies and market salaries, and set your digest time. Say “help” for examples.';
}
