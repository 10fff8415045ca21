import { formatSalary } from '../../tools/jobs/job-view.ts';
import type { Digest, DigestItem } from './compose.ts';

/** "Berlin, remote" or null. */
export function whereOf(item: DigestItem): string | null {
  const where = [item.job.location, item.job.remote].filter(Boolean).join(', ');
  return where || null;
}

/** The digest as plain text, for the CLI and the plain part of an email. */
export function renderDigestText(digest: Digest): string {
  if (digest.items.length === 0) {
    return `Nothing new at or above ${digest.scoreThreshold} for ${digest.localDate}.`;
  }
  const lines = [`Your top ${digest.items.length} new matches for ${digest.localDate}:`];
  digest.items.forEach((item, i) => {
    const facts = [whereOf(item), formatSalary(item.job.salary)].filter(Boolean).join(' · ');
    lines.push('');
    lines.push(
      `${i + 1}. [${item.score}] ${item.job.title} — ${item.job.company}${facts ? ` (${facts})` : ''}`,
    );
    for (const reason of item.reasons.slice(0, 2)) lines.push(`   ${reason}`);
    lines.push(`   ${item.job.url}`);
  });
  return lines.join('\n');
}

/** The short note sent instead of a digest on a day with nothing new (for users who asked for it). */
export function renderEmptyNotice(digest: Pick<Digest, 'scoreThreshold'>): string {
  return `Nothing new above your threshold today (matches scoring ${digest.scoreThreshold}+).`;
}
