/** Ranking metrics over graded judgments (0–3). A hit is "relevant" for precision and MRR from grade 2. */
export const RELEVANT_GRADE = 2;

const gain = (grade: number) => 2 ** grade - 1;
const dcg = (grades: number[]) => grades.reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0);

/** nDCG@k: DCG of the ranking's grades over the DCG of the best possible ranking of every judged grade. */
export function ndcgAt(k: number, ranked: number[], allGrades: number[]): number {
  const ideal = dcg([...allGrades].sort((a, b) => b - a).slice(0, k));
  return ideal === 0 ? 0 : dcg(ranked.slice(0, k)) / ideal;
}

/**
 * The judged grades as one answer per group can hold them: each group (a product family, issue 17) once, at its
 * best member's grade. The ideal ranking of a grouped search, where two variants of one family never both show.
 */
export function bestPerGroup(grades: ReadonlyMap<string, number>, groupOf: (id: string) => string): number[] {
  const best = new Map<string, number>();
  for (const [id, g] of grades) best.set(groupOf(id), Math.max(g, best.get(groupOf(id)) ?? 0));
  return [...best.values()];
}

/** Share of the first k places holding a relevant product (a short list counts its empty places as misses). */
export const precisionAt = (k: number, ranked: number[]): number => ranked.slice(0, k).filter((g) => g >= RELEVANT_GRADE).length / k;

/** 1 / rank of the first relevant product within the first k, 0 when none. */
export function reciprocalRank(ranked: number[], k = 10): number {
  const i = ranked.slice(0, k).findIndex((g) => g >= RELEVANT_GRADE);
  return i < 0 ? 0 : 1 / (i + 1);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export const mean = (values: number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
