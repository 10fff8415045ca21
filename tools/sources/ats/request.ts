import type { z } from 'zod';
import { FetchError, type Fetcher } from '../../crawl/types.ts';
import { type RawPosting, rawPostingSchema } from '../../jobs/types.ts';
import { SourceNotFoundError, SourceResponseError } from '../errors.ts';
import type { AtsProvider } from './types.ts';

/** Who is being asked: every error an adapter raises names the provider and the board. */
export interface AtsRequestContext {
  fetcher: Fetcher;
  provider: AtsProvider;
  board: string;
  signal?: AbortSignal;
}

export interface CollectedPostings {
  postings: RawPosting[];
  /** One line per posting that was left out, naming the field at fault. */
  skipped: string[];
}

/** GET a documented JSON API and check it against the provider's schema. */
export async function fetchAtsJson<S extends z.ZodType>(
  ctx: AtsRequestContext,
  url: string,
  schema: S,
): Promise<z.infer<S>> {
  let result: Awaited<ReturnType<Fetcher['fetchJson']>>;
  try {
    // ATS board APIs are documented for machine access, so robots.txt (written for crawlers of
    // the human-facing pages) does not apply to them.
    result = await ctx.fetcher.fetchJson(url, {
      accept: 'application/json',
      ignoreRobots: true,
      signal: ctx.signal,
    });
  } catch (err) {
    throw translateFetchError(ctx, url, err);
  }
  checkStatus(ctx, url, result.status);
  return validateAts(ctx, url, schema, result.data);
}

/** GET a documented text feed (Personio's XML). */
export async function fetchAtsText(ctx: AtsRequestContext, url: string, accept: string): Promise<string> {
  let result: Awaited<ReturnType<Fetcher['fetchText']>>;
  try {
    result = await ctx.fetcher.fetchText(url, { accept, ignoreRobots: true, signal: ctx.signal });
  } catch (err) {
    throw translateFetchError(ctx, url, err);
  }
  checkStatus(ctx, url, result.status);
  return result.body;
}

export function validateAts<S extends z.ZodType>(
  ctx: AtsRequestContext,
  url: string,
  schema: S,
  data: unknown,
): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SourceResponseError(ctx.provider, ctx.board, url, issuePath(issue?.path), issueReason(issue));
}

/** Check each item of a list on its own; the ones that fail are described, not thrown. */
export function validateItems<S extends z.ZodType>(
  items: readonly unknown[],
  pathPrefix: string,
  schema: S,
): { valid: z.infer<S>[]; skipped: string[] } {
  const valid: z.infer<S>[] = [];
  const skipped: string[] = [];
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) valid.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      skipped.push(`${joinPath(`${pathPrefix}.${index}`, issuePath(issue?.path))}: ${issueReason(issue)}`);
    }
  });
  return { valid, skipped };
}

/**
 * Validate and map each posting on its own, so that one odd posting costs that posting and not the
 * whole board; the caller reports the skipped ones and marks the crawl incomplete.
 */
export function collectPostings<S extends z.ZodType>(
  items: readonly unknown[],
  pathPrefix: string,
  schema: S,
  map: (item: z.infer<S>) => RawPosting,
): CollectedPostings {
  const { valid, skipped } = validateItems(items, pathPrefix, schema);
  const postings: RawPosting[] = [];
  for (const item of valid) {
    const mapped = rawPostingSchema.safeParse(map(item));
    if (mapped.success) postings.push(mapped.data);
    else {
      const issue = mapped.error.issues[0];
      skipped.push(
        `posting '${postingLabel(item)}' maps to an invalid ${issuePath(issue?.path)}: ${issueReason(issue)}`,
      );
    }
  }
  return { postings, skipped };
}

export function describeSkipped(skipped: readonly string[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const shown = skipped.slice(0, 5).join('; ');
  const more = skipped.length > 5 ? `; and ${skipped.length - 5} more` : '';
  return `skipped ${skipped.length} malformed posting(s): ${shown}${more}`;
}

// Offset paging over a list that changes while we read it can repeat a posting across pages.
export function dedupePostings(postings: RawPosting[]): RawPosting[] {
  const seen = new Set<string>();
  return postings.filter((p) => {
    const key = p.externalId ?? p.url;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function translateFetchError(ctx: AtsRequestContext, url: string, err: unknown): unknown {
  if (err instanceof FetchError) {
    if (err.status === 404) return new SourceNotFoundError(ctx.provider, ctx.board, url);
    if (err.code === 'bad_json') {
      return new SourceResponseError(ctx.provider, ctx.board, url, '', 'is not valid JSON');
    }
  }
  return err;
}

function checkStatus(ctx: AtsRequestContext, url: string, status: number): void {
  if (status === 404) throw new SourceNotFoundError(ctx.provider, ctx.board, url);
  if (status >= 400) {
    throw new FetchError(
      'http_status',
      url,
      `${ctx.provider} board '${ctx.board}': HTTP ${status} from ${url}`,
      status,
    );
  }
}

function postingLabel(item: unknown): string {
  if (typeof item !== 'object' || item === null) return '?';
  const outer = item as Record<string, unknown>;
  // SmartRecruiters pairs a listing entry with its detail: label by the listing entry.
  const record = (
    typeof outer.summary === 'object' && outer.summary !== null ? outer.summary : outer
  ) as Record<string, unknown>;
  const label = record.id ?? record.shortcode ?? record.title ?? record.text ?? record.name;
  return typeof label === 'string' || typeof label === 'number' ? String(label) : '?';
}

function issuePath(path: readonly PropertyKey[] | undefined): string {
  return (path ?? []).map(String).join('.');
}

function joinPath(prefix: string, rest: string): string {
  return rest === '' ? prefix : `${prefix}.${rest}`;
}

function issueReason(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'does not match the documented shape';
  return issue.message.replace(/^Invalid input: /, '');
}
