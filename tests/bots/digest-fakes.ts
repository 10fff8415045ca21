import type { Digest } from '../../bots/digest/compose.ts';
import type { DigestSender } from '../../bots/digest/tasks.ts';

export interface RecordingSender extends DigestSender {
  sent: Array<{ userId: string; digest: Digest }>;
  /** Thrown by every send while set (a channel that is down). */
  fail: Error | null;
  /** Users this channel cannot reach: send answers 'blocked'. */
  unreachable: Set<string>;
}

/** A channel that records what it was asked to send. */
export function recordingSender(recipients: () => Promise<string[]>, channel = 'test'): RecordingSender {
  const sender: RecordingSender = {
    channel,
    sent: [],
    fail: null,
    unreachable: new Set(),
    recipients,
    async send(userId, digest) {
      if (sender.fail) throw sender.fail;
      if (sender.unreachable.has(userId)) return 'blocked';
      sender.sent.push({ userId, digest });
      return 'sent';
    },
  };
  return sender;
}
