import { formatSalary } from '../../tools/jobs/job-view.ts';
import type { Digest } from '../digest/compose.ts';
import { renderDigestText, renderEmptyNotice, whereOf } from '../digest/render.ts';
import type { EmailMessage } from './sender.ts';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A scraped link becomes an href only when it is a web address (never javascript: or data:). */
function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

const STYLE = {
  body: 'font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45;color:#111;max-width:640px',
  item: 'margin:0 0 18px',
  facts: 'color:#444',
  reason: 'color:#555;font-style:italic',
  score: 'display:inline-block;padding:0 6px;border-radius:4px;background:#e8f0fe;font-weight:bold',
};

function itemHtml(item: Digest['items'][number], n: number): string {
  const facts = [whereOf(item), formatSalary(item.job.salary)].filter(Boolean).join(' · ');
  const href = safeHref(item.job.url);
  const link = href
    ? `<a href="${escapeHtml(href)}">Open the posting</a>`
    : `<span>${escapeHtml(item.job.url)}</span>`;
  return [
    `<li style="${STYLE.item}">`,
    `<div><b>${n}. ${escapeHtml(item.job.title)}</b> — ${escapeHtml(item.job.company)} <span style="${STYLE.score}">${item.score}</span></div>`,
    facts ? `<div style="${STYLE.facts}">${escapeHtml(facts)}</div>` : '',
    ...item.reasons.slice(0, 2).map((r) => `<div style="${STYLE.reason}">${escapeHtml(r)}</div>`),
    `<div>${link}</div>`,
    '</li>',
  ]
    .filter(Boolean)
    .join('\n');
}

function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body style="${STYLE.body}">`,
    body,
    '<p style="color:#777;font-size:12px">You get this because you asked Jobhound for e-mail digests. Change the time, size or address (or turn them off) in your profile.</p>',
    '</body></html>',
  ].join('\n');
}

/**
 * A digest as an e-mail (HTML and plain text, every scraped string escaped in the HTML). A digest
 * without items is the short "nothing new" note.
 */
export function renderDigestEmail(digest: Digest): Omit<EmailMessage, 'to'> {
  if (digest.items.length === 0) {
    const note = renderEmptyNotice(digest);
    const subject = `Jobhound: nothing new today (${digest.localDate})`;
    return { subject, text: note, html: page(subject, `<p>${escapeHtml(note)}</p>`) };
  }
  const n = digest.items.length;
  const subject = `Jobhound: your top ${n} new ${n === 1 ? 'match' : 'matches'} for ${digest.localDate}`;
  const heading = `<h2 style="font-size:18px">Your top ${n} new ${n === 1 ? 'match' : 'matches'} (${escapeHtml(digest.localDate)})</h2>`;
  const list = `<ol style="list-style:none;padding:0">\n${digest.items.map((item, i) => itemHtml(item, i + 1)).join('\n')}\n</ol>`;
  return { subject, text: renderDigestText(digest), html: page(subject, `${heading}\n${list}`) };
}
