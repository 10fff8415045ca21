import { z } from 'zod';
import { defineTool, readOnly } from '../tool.ts';
import { type Profile, profileSchema } from './profile.ts';
import type { ProfileStore } from './store.ts';

export function renderProfile(p: Profile): string {
  const salary = p.minSalary
    ? `${p.minSalary.currency} ${p.minSalary.amount.toLocaleString('en-US')} / ${p.minSalary.period}`
    : 'not set';
  return [
    `Roles: ${p.roles.join(', ') || 'any'}`,
    `Locations: ${p.locations.join(', ') || 'any'} (${p.remote === 'any' ? 'remote or not' : p.remote})`,
    `Minimum salary: ${salary}`,
    `Seniority: ${p.seniority.join(', ') || 'any'}`,
    `Needs visa sponsorship: ${p.needsSponsorship ? 'yes' : 'no'}`,
    `Excluded companies: ${p.excludedCompanies.join(', ') || 'none'}`,
    `Digest: ${String(p.digestHour).padStart(2, '0')}:00 ${p.timeZone}, matches scoring ${p.scoreThreshold}+`,
  ].join('\n');
}

export function createGetProfileTool(deps: { profiles: ProfileStore }) {
  return defineTool({
    id: 'get_profile',
    title: 'Get my profile',
    description:
      'Your job-search preferences: roles, locations, remote, minimum salary, seniority, exclusions, digest time.',
    inputSchema: z.object({}),
    outputSchema: profileSchema,
    annotations: readOnly,
    execute: async (_input, context) => deps.profiles.get(context.userId),
    render: renderProfile,
  });
}
