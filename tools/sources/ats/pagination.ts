// Page through an offset-paginated list, keeping what was fetched when a later page fails, so the
// caller can store it while knowing the crawl was partial.

export interface Page<T> {
  items: T[];
  /** True when this page is the last one. */
  last: boolean;
}

export interface PaginationOptions<T> {
  fetchPage: (pageIndex: number) => Promise<Page<T>>;
  /** A safety stop against providers that never end a listing. */
  maxPages: number;
  signal?: AbortSignal;
  onPage?: (itemsSoFar: number) => void;
}

export interface Paginated<T> {
  items: T[];
  complete: boolean;
  incompleteReason?: string;
}

export async function paginate<T>(options: PaginationOptions<T>): Promise<Paginated<T>> {
  const items: T[] = [];
  for (let pageIndex = 0; pageIndex < options.maxPages; pageIndex++) {
    options.signal?.throwIfAborted();
    let page: Page<T>;
    try {
      page = await options.fetchPage(pageIndex);
    } catch (err) {
      // The first page decides whether the board exists at all; a user abort is never "partial".
      if (pageIndex === 0 || options.signal?.aborted) throw err;
      const message = err instanceof Error ? err.message : String(err);
      return { items, complete: false, incompleteReason: `page ${pageIndex + 1} failed: ${message}` };
    }
    items.push(...page.items);
    options.onPage?.(items.length);
    if (page.last) return { items, complete: true };
  }
  return {
    items,
    complete: false,
    incompleteReason: `stopped after ${options.maxPages} pages (${items.length} postings); more may exist`,
  };
}
