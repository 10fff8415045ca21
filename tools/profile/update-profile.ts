import type { TaskQueue } from '../../queue/manager.ts';
import { MATCH_USER } from '../match/match-tasks.ts';
import { defineTool } from '../tool.ts';
import { renderProfile } from './get-profile.ts';
import { profilePatchSchema, profileSchema } from './profile.ts';
import type { ProfileStore } from './store.ts';

export function createUpdateProfileTool(deps: { profiles: ProfileStore; queue: TaskQueue }) {
  return defineTool({
    id: 'update_profile',
    title: 'Update my profile',
    description:
      'Change job-search preferences; only the fields given change. Matches are re-ranked in the background.',
    inputSchema: profilePatchSchema,
    outputSchema: profileSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async execute(patch, context) {
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const profile = await deps.profiles.update(context.userId, defined);
      await deps.queue.enqueue(MATCH_USER, { userId: context.userId });
      return profile;
    },
    render: (p) => `Profile updated.\n${renderProfile(p)}`,
  });
}
