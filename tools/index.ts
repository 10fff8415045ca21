import type { TaskQueue } from '../queue/manager.ts';
import { createApproveApplicationTool } from './applications/approve-application.ts';
import { createFillApplicationTool } from './applications/fill-application.ts';
import { createGetApplicationTool } from './applications/get-application.ts';
import { createListApplicationsTool } from './applications/list-applications.ts';
import { createPrepareApplicationTool } from './applications/prepare-application.ts';
import { createSaveAnswersTool } from './applications/save-answers.ts';
import { createSubmitApplicationTool } from './applications/submit-application.ts';
import { createTrackApplicationTool } from './applications/track-application.ts';
import { createCrawlSourceTool } from './crawl/crawl-source.ts';
import { createCrawlStatusTool } from './crawl/crawl-status.ts';
import { createGetJobTool } from './jobs/get-job.ts';
import { createSearchJobsTool } from './jobs/search-jobs.ts';
import { createExplainMatchTool } from './match/explain-match.ts';
import { createSearchMatchesTool } from './match/search-matches.ts';
import { createGetProfileTool } from './profile/get-profile.ts';
import { createUpdateProfileTool } from './profile/update-profile.ts';
import { createCompanyProfileTool } from './research/company-profile.ts';
import { createMarketStatsTool } from './research/market-stats.ts';
import { createReadPageTool } from './research/read-page.ts';
import { createListResumesTool } from './resume/list-resumes.ts';
import { createUploadResumeTool } from './resume/upload-resume.ts';
import { createAtsReviewTool } from './review/ats-review.ts';
import { createTailorResumeTool } from './review/tailor-resume.ts';
import { createWriteCoverLetterTool } from './review/write-cover-letter.ts';
import type { Services } from './services.ts';
import { createAddSourceTool } from './sources/add-source.ts';
import { createListSourcesTool } from './sources/list-sources.ts';
import { type AnyTool, ToolRegistry } from './tool.ts';

export interface ToolDeps extends Services {
  queue: TaskQueue;
}

/** The one registry that agents, MCP and REST all read. */
export function createToolRegistry(deps: ToolDeps): ToolRegistry {
  const tools: AnyTool[] = [
    createAddSourceTool(deps),
    createListSourcesTool(deps),
    createCrawlSourceTool(deps),
    createCrawlStatusTool(deps),
    createSearchJobsTool(deps),
    createGetJobTool(deps),
    createUploadResumeTool(deps),
    createListResumesTool(deps),
    createGetProfileTool(deps),
    createUpdateProfileTool(deps),
    createSearchMatchesTool(deps),
    createExplainMatchTool(deps),
    createAtsReviewTool(deps),
    createTailorResumeTool(deps),
    createWriteCoverLetterTool(deps),
    createCompanyProfileTool(deps),
    createMarketStatsTool(deps),
    createReadPageTool(deps),
    createTrackApplicationTool(deps),
    createListApplicationsTool(deps),
    createGetApplicationTool(deps),
    createSaveAnswersTool(deps),
    createPrepareApplicationTool(deps),
    createApproveApplicationTool(deps),
    createSubmitApplicationTool(deps),
    createFillApplicationTool(deps),
  ];
  return new ToolRegistry(tools);
}
