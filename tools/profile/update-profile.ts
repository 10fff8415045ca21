import type { TaskQueue } from '../../queue/manager.ts';
import { MATCH_USER } from '../match/match-tasks.ts';
import { defineTool } from '../tool.ts';
import { renderProfile } from './get-profile.ts';
import { type Profile, profileUpdateSchema, profileViewSchema } from './profile.ts';
import type { ProfileStore } from './store.ts';

/** Fields that only shape the digest: changing them does not re-rank matches. */
const DELIVERY_ONLY = new Set([
  'email',
  'digestHour',
  'timeZone',
  'digestSize',
  'digestEmptyNotice',
  'digestEmail',
]);

export function createUpdateProfileTool(deps: { profiles: ProfileStore; queue: TaskQueue }) {
  return defineTool({
    id: 'update_profile',
    title: 'Update my profile',
    description:
      'Change job-search preferences, digest settings or your e-mail address; only the fields given change. Matches are re-ranked in the background.',
    inputSchema: profileUpdateSchema,
    outputSchema: profileViewSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async execute(input, context) {
      const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      const { email, ...patch } = defined as Partial<Profile> & { email?: string | null };
      if (email !== undefined) await deps.profiles.setEmail(context.userId, email);
      if (Object.keys(patch).length > 0) await deps.profiles.update(context.userId, patch);
      if (Object.keys(defined).some((key) => !DELIVERY_ONLY.has(key))) {
        await deps.queue.enqueue(MATCH_USER, { userId: context.userId });
      }
      return deps.profiles.view(context.userId);
    },
    render: (p) => `Profile updated.\n${renderProfile(p)}`,
  });
}
