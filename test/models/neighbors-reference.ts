// The plain neighbor search written out for the k-NN tests: every distance in the arithmetic
// the library's plain search uses (columns by decreasing spread, summed four at a time; unit
// rows for cosine), then a stable sort by (distance, training index).

/** Distance between rows: as the library's `NeighborMetric`. */
export type ReferenceMetric = "euclidean" | "manhattan" | "cosine";

/**
 * Columns by decreasing mean absolute deviation (ties: lower column first).
 *
 * @example
 * spreadOrder([[0, 5], [1, -5]]); // [1, 0]
 */
export function spreadOrder(X: number[][]): number[] {
  const n = X.length;
  const p = X[0].length;
  const mean = new Array<number>(p).fill(0);
  const spread = new Array<number>(p).fill(0);
  for (const row of X) row.forEach((v, j) => (mean[j] += v / n));
  for (const row of X) row.forEach((v, j) => (spread[j] += Math.abs(v - mean[j])));
  return Array.from({ length: p }, (_, j) => j).sort((a, b) => spread[b] - spread[a] || a - b);
}

function unit(row: number[]): number[] {
  let s = 0;
  for (const v of row) s += v ** 2;
  const norm = Math.sqrt(s);
  return row.map((v) => (norm > 0 ? v / norm : 0));
}

/**
 * The plain search's distance between laid-out rows (squared for euclidean).
 *
 * @example
 * referenceDistance([0, 0], [3, 4], "euclidean"); // 25
 */
export function referenceDistance(a: number[], b: number[], metric: ReferenceMetric): number {
  const p = a.length;
  if (metric === "cosine") {
    let dot = 0;
    for (let j = 0; j < p; j++) dot += a[j] * b[j];
    return Math.min(Math.max(1 - dot, 0), 2);
  }
  const term = (x: number): number => (metric === "euclidean" ? x * x : Math.abs(x));
  const p4 = p - (p % 4);
  let d = 0;
  for (let j = 0; j < p4; j += 4) d += term(a[j] - b[j]) + term(a[j + 1] - b[j + 1]) + term(a[j + 2] - b[j + 2]) + term(a[j + 3] - b[j + 3]);
  for (let j = p4; j < p; j++) d += term(a[j] - b[j]);
  return d;
}

/**
 * Every query's k nearest training rows, flat (nQuery × k), with distances as the library
 * reports them (euclidean: the square root) and as the search compares them (`raw`: squared
 * euclidean); rows at an infinite distance are never neighbors (missing slots: −1, Infinity).
 * `lay` puts a row in the search's column layout.
 *
 * @example
 * referenceNeighbors([[0], [2], [1]], [[0.9]], 2, "euclidean").indices; // [2, 0]
 */
export function referenceNeighbors(train: number[][], queries: number[][], k: number, metric: ReferenceMetric): { indices: number[]; distances: number[]; raw: number[]; lay: (row: number[]) => number[] } {
  const order = spreadOrder(train);
  const lay = (row: number[]): number[] => (metric === "cosine" ? unit(row) : order.map((j) => row[j]));
  const T = train.map(lay);
  const indices: number[] = [];
  const distances: number[] = [];
  const raw: number[] = [];
  for (const q of queries.map(lay)) {
    const ranked = T.map((t, i) => ({ i, d: referenceDistance(q, t, metric) }))
      .filter((r) => r.d < Infinity)
      .sort((x, y) => x.d - y.d || x.i - y.i);
    for (let c = 0; c < k; c++) {
      indices.push(ranked[c]?.i ?? -1);
      const d = ranked[c]?.d ?? Infinity;
      raw.push(d);
      distances.push(metric === "euclidean" ? Math.sqrt(d) : d);
    }
  }
  return { indices, distances, raw, lay };
}
