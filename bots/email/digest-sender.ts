import { and, eq, isNotNull, isNull, or } from 'drizzle-orm';
import type { Logger } from '../../config/logger.ts';
import type { Database } from '../../db/client.ts';
import { profiles, users } from '../../db/schema.ts';
import { emailSchema } from '../../tools/profile/profile.ts';
import type { DigestSender } from '../digest/tasks.ts';
import { renderDigestEmail } from './render.ts';
import { type EmailSender, isPermanentEmailFailure } from './sender.ts';

/** Users with an address who did not turn e-mail digests off (no profile row means the default: on). */
const wantsEmail = and(isNotNull(users.email), or(isNull(profiles.userId), eq(profiles.digestEmail, true)));

/** Delivers digests by e-mail to users who gave an address and kept profiles.digestEmail on. */
export function createEmailDigestSender(deps: {
  db: Database;
  email: EmailSender;
  logger: Logger;
}): DigestSender {
  const recipientRows = (where = wantsEmail) =>
    deps.db
      .select({ id: users.id, email: users.email })
      .from(users)
      .leftJoin(profiles, eq(profiles.userId, users.id))
      .where(where);
  return {
    channel: 'email',
    async recipients() {
      return (await recipientRows()).map((r) => r.id);
    },
    async send(userId, digest) {
      const [user] = await recipientRows(and(eq(users.id, userId), wantsEmail));
      if (!user?.email) return 'blocked';
      if (!emailSchema.safeParse(user.email).success) {
        deps.logger.warn({ userId }, 'the stored e-mail address is not valid; digest not e-mailed');
        return 'blocked';
      }
      try {
        await deps.email.send({ to: user.email, ...renderDigestEmail(digest) });
        return 'sent';
      } catch (error) {
        if (!isPermanentEmailFailure(error)) throw error;
        deps.logger.warn({ userId, err: error }, 'the mail server refused the digest for good; not retried');
        return 'blocked';
      }
    },
  };
}
