/** Ranking metrics over graded relevance (0 = not a fit … 3 = excellent). */

export function dcg(grades: number[], k: number): number {
  let sum = 0;
  for (let i = 0; i < Math.min(k, grades.length); i += 1) sum += (2 ** grades[i]! - 1) / Math.log2(i + 2);
  return sum;
}

/** NDCG@k of a ranking, with the ideal ranking built from every graded job. */
export function ndcgAt(ranked: string[], relevance: Record<string, number>, k: number): number {
  const ideal = dcg(
    Object.values(relevance)
      .filter((g) => g > 0)
      .sort((a, b) => b - a),
    k,
  );
  if (ideal === 0) return 1;
  return (
    dcg(
      ranked.slice(0, k).map((id) => relevance[id] ?? 0),
      k,
    ) / ideal
  );
}

/** Share of the top k that is relevant (grade ≥ 1). */
export function precisionAt(ranked: string[], relevance: Record<string, number>, k: number): number {
  const top = ranked.slice(0, k);
  if (top.length === 0) return 0;
  return top.filter((id) => (relevance[id] ?? 0) >= 1).length / k;
}

/** 1 / rank of the first relevant job (grade ≥ 2 counts as a real hit). */
export function reciprocalRank(ranked: string[], relevance: Record<string, number>, minGrade = 2): number {
  const index = ranked.findIndex((id) => (relevance[id] ?? 0) >= minGrade);
  return index === -1 ? 0 : 1 / (index + 1);
}

/** Share of the top k that was graded 0 or not graded at all. */
export function grade0ShareAt(ranked: string[], relevance: Record<string, number>, k: number): number {
  const top = ranked.slice(0, k);
  if (top.length === 0) return 0;
  return top.filter((id) => (relevance[id] ?? 0) === 0).length / top.length;
}

export const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
