import { fetchAshbyJobs } from './ashby.ts';
import { fetchGreenhouseJobs } from './greenhouse.ts';
import { fetchLeverJobs } from './lever.ts';
import { fetchPersonioJobs } from './personio.ts';
import { fetchRecruiteeJobs } from './recruitee.ts';
import { fetchSmartRecruitersJobs } from './smartrecruiters.ts';
import type { AtsAdapter, AtsProvider } from './types.ts';
import { fetchWorkableJobs } from './workable.ts';

export type { AtsAdapter, AtsFetchOptions, AtsProvider, AtsResult } from './types.ts';
export { ATS_PROVIDERS } from './types.ts';

/** The adapter that lists a board's postings, for each supported ATS. */
export const ATS_ADAPTERS: Readonly<Record<AtsProvider, AtsAdapter>> = Object.freeze({
  greenhouse: fetchGreenhouseJobs,
  lever: fetchLeverJobs,
  ashby: fetchAshbyJobs,
  workable: fetchWorkableJobs,
  smartrecruiters: fetchSmartRecruitersJobs,
  recruitee: fetchRecruiteeJobs,
  personio: fetchPersonioJobs,
});
