/**
 * Small readers and formatters the answer writers share. Tool results arrive as JSON the model
 * did not make, so every field is read defensively, and every string shown goes through
 * `displayText` (no fences, no Markdown links or images, no hidden characters).
 */
import { displayText } from './local-text.ts';

export type Rec = Record<string, unknown>;

export const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
export const rec = (v: unknown): Rec => (isRec(v) ? v : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** A string field made safe to show, or null. */
export const txt = (v: unknown, max = 200): string | null =>
  typeof v === 'string' && v.trim() !== '' ? displayText(v, max) || null : null;
export const strings = (v: unknown, max = 80): string[] =>
  arr(v)
    .map((x) => txt(x, max))
    .filter((x): x is string => x !== null);

/** "1,234.5" as the tools format amounts. */
export const amount = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
/** A 0..1 share as a whole percentage. */
export const percent = (share: number): string => `${Math.round(share * 100)}%`;
export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
/** "a, b and c", or the fallback for none. */
export const joinList = (items: string[], none = 'none'): string =>
  items.length === 0
    ? none
    : items.length === 1
      ? items[0]!
      : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
/** A Markdown table cell: no pipes or line breaks. */
export const cell = (s: string): string => s.replace(/\|/g, '/').replace(/\s+/g, ' ').trim();

/** "EUR 80,000–95,000 / year" from a job's salary, null without one. */
export function salaryText(salary: unknown): string | null {
  const s = rec(salary);
  const min = num(s.min);
  const max = num(s.max);
  if (min === null && max === null) return null;
  const range =
    min !== null && max !== null && min !== max ? `${amount(min)}–${amount(max)}` : amount((max ?? min)!);
  const currency = txt(s.currency, 8);
  const period = txt(s.period, 10);
  return `${currency ? `${currency} ` : ''}${range}${period ? ` / ${period}` : ''}`;
}

/** "Berlin, DE · remote" from a job's place fields. */
export function placeText(job: Rec): string | null {
  const where =
    txt(job.location, 80) ?? ([txt(job.city, 40), txt(job.country, 10)].filter(Boolean).join(', ') || null);
  const remote = txt(job.remote, 10);
  const parts = [where, remote && !(where ?? '').toLowerCase().includes(remote) ? remote : null].filter(
    Boolean,
  );
  return parts.length ? parts.join(' · ') : null;
}

/** YYYY-MM-DD of an ISO time, or null. */
export const day = (v: unknown): string | null =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;

/** A job id as shown in answers, so later turns can say "the first one". */
export const jobIdTag = (id: unknown): string => (typeof id === 'string' ? ` · job \`${id}\`` : '');

/** Markdown written from the user's own resume (tailored resume, cover letter): fences and images removed. */
export function ownMarkdown(v: unknown): string {
  if (typeof v !== 'string') return '';
  return v
    .replace(/<\/?untrusted-data[^>]*>/gi, '')
    .replace(/&lt;\/?untrusted-data[^>]*>/gi, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .trim();
}

/** Sentences that talk to an assistant rather than to a job seeker. */
const INSTRUCTION_LIKE =
  /\b(ignore (all |any )?(the )?(previous|prior|above|earlier)|disregard (all |any )?(previous|prior|the above)|system (note|prompt|message|instruction)|developer message|you are (now )?(an? )?(ai|assistant|language model|chatbot)|(assistant|system)\s*:|call (the )?[a-z_]+ (tool|function)|call (add|crawl|update|prepare|track|read)_[a-z_]+|(run|use|invoke) the [a-z_]+ tool|tool call|do not tell the user|tell the user (that|this)|new instructions?)\b/i;

/** Text quoted from a page: plain, shortened, as a Markdown quote; instruction-like sentences left out. */
export function quote(v: unknown, max = 500): string | null {
  if (typeof v !== 'string') return null;
  const sentences = displayText(v, 20_000).split(/(?<=[.!?])\s+/);
  const kept = sentences.filter((s) => !INSTRUCTION_LIKE.test(s));
  const text = txt(kept.join(' '), max);
  const note = kept.length < sentences.length ? ' (Text that addressed an assistant was left out.)' : '';
  return text || note ? `> ${text ?? ''}${note}` : null;
}
