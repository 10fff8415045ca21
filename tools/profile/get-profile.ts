import { z } from 'zod';
import { defineTool, readOnly } from '../tool.ts';
import { type ProfileView, profileViewSchema } from './profile.ts';
import type { ProfileStore } from './store.ts';

export function renderProfile(p: ProfileView): string {
  const salary = p.minSalary
    ? `${p.minSalary.currency} ${p.minSalary.amount.toLocaleString('en-US')} / ${p.minSalary.period}`
    : 'not set';
  const byEmail = !p.email
    ? 'not by e-mail (no address given)'
    : p.digestEmail
      ? `also by e-mail to ${p.email}`
      : `not by e-mail (turned off; address ${p.email})`;
  return [
    `Roles: ${p.roles.join(', ') || 'any'}`,
    `Locations: ${p.locations.join(', ') || 'any'} (${p.remote === 'any' ? 'remote or not' : p.remote})`,
    `Minimum salary: ${salary}`,
    `Seniority: ${p.seniority.join(', ') || 'any'}`,
    `Needs visa sponsorship: ${p.needsSponsorship ? 'yes' : 'no'}`,
    `Excluded companies: ${p.excludedCompanies.join(', ') || 'none'}`,
    `Digest: ${String(p.digestHour).padStart(2, '0')}:00 ${p.timeZone}, top ${p.digestSize} matches scoring ${p.scoreThreshold}+`,
    `On a day with nothing new: ${p.digestEmptyNotice ? 'a short "nothing new" note' : 'no message'}`,
    `E-mail: ${byEmail}`,
  ].join('\n');
}

export function createGetProfileTool(deps: { profiles: ProfileStore }) {
  return defineTool({
    id: 'get_profile',
    title: 'Get my profile',
    description:
      'Your job-search preferences: roles, locations, remote, minimum salary, seniority, exclusions, digest time, size and channels, and your e-mail address.',
    inputSchema: z.object({}),
    outputSchema: profileViewSchema,
    annotations: readOnly,
    execute: async (_input, context) => deps.profiles.view(context.userId),
    render: renderProfile,
  });
}
