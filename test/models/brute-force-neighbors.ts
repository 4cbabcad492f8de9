// The reference the k-NN tests check both search paths against.

/**
 * Indices of the k training rows nearest `query`, by computing every distance and sorting by
 * (distance, training index), so ties go to the lower index.
 *
 * @example
 * bruteForceNeighbors([[0], [2], [1]], [0.9], 2, "euclidean"); // [2, 0]
 */
export function bruteForceNeighbors(train: number[][], query: number[], k: number, metric: "euclidean" | "manhattan"): number[] {
  const d = train.map((t, i) => ({
    i,
    d: metric === "euclidean" ? Math.sqrt(t.reduce((s, v, j) => s + (v - query[j]) ** 2, 0)) : t.reduce((s, v, j) => s + Math.abs(v - query[j]), 0),
  }));
  d.sort((a, b) => a.d - b.d || a.i - b.i);
  return d.slice(0, k).map((e) => e.i);
}
