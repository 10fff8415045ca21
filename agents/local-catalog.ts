/**
 * What the local model knows about Jobhound's agents and tools: which specialist owns each tool,
 * how to name each capability to a person, and the help text built from them.
 */
import capabilities from './capabilities.json' with { type: 'json' };

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

/** Each tool's label and example, kept as data in agents/capabilities.json. */
export const CAPABILITIES: Readonly<Record<string, Capability>> = capabilities;

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
