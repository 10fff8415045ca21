// Small statistics helpers shared by the research tools.

/**
 * The p-th percentile (0..1) of the values by linear interpolation between closest ranks, the same
 * definition as Postgres' percentile_cont and numpy's default. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower]!;
  return low + (sorted[upper]! - low) * (rank - lower);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/** Deterministic ordering for "top N" lists: count descending, then label in code-point order. */
export function byCountThenLabel<T>(count: (item: T) => number, label: (item: T) => string) {
  return (a: T, b: T): number => {
    const diff = count(b) - count(a);
    if (diff !== 0) return diff;
    const la = label(a);
    const lb = label(b);
    return la < lb ? -1 : la > lb ? 1 : 0;
  };
}

/** Rounds to at most `digits` decimals (0.1234 → 0.123). */
export function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** "12,345.5" */
export function formatAmount(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** "42%" */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}
