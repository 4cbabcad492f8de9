import { dotProductNeighbors, dotSearchIndex, type DotSearchIndex } from "./dot-product-search.ts";
import { insertNeighbor } from "./insert-neighbor.ts";

/** Distance between rows: "euclidean" (L2), "manhattan" (L1) or "cosine" (1 − cos θ, in [0, 2]). */
export type NeighborMetric = "euclidean" | "manhattan" | "cosine";

/** Training rows laid out for search: columns reordered (largest spread first) or rows normalized (cosine). */
export interface PreparedRows {
  metric: NeighborMetric;
  n: number;
  p: number;
  /** order[j'] = original column of searched column j'. */
  order: Int32Array;
  data: Float64Array;
  /**
   * The dot-product search's index (euclidean, cosine), built on the first query; null when
   * it cannot be had (norms that could overflow, no WebAssembly SIMD): then brute force answers.
   */
  dot?: DotSearchIndex | null;
}

/** Queries are compared with training rows in tiles this size, so a tile of training rows stays in cache. */
const QUERY_BLOCK = 64;
const TRAIN_BLOCK = 256;

/**
 * Lays out training rows (n × p, row-major) for `nearestNeighbors`. For euclidean and
 * manhattan the columns are reordered by decreasing spread, so a partial distance passes the
 * current k-th best early and the rest of the row is skipped; for cosine the rows are scaled
 * to unit length (an all-zero row stays zero, so it is at distance 1 from everything, as in
 * scikit-learn).
 *
 * @example
 * const prepared = prepareRows(new Float64Array([0, 0, 1, 0, 5, 5]), 3, 2, "euclidean");
 */
export function prepareRows(train: Float64Array, n: number, p: number, metric: NeighborMetric): PreparedRows {
  const order = Int32Array.from({ length: p }, (_, j) => j);
  if (metric === "cosine") {
    const data = normalizeRows(train, n, p);
    return { metric, n, p, order, data };
  }
  const spread = new Float64Array(p);
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += train[i * p + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) spread[j] += Math.abs(train[i * p + j] - mean[j]);
  order.sort((a, b) => spread[b] - spread[a] || a - b);
  const data = permuteColumns(train, n, p, order);
  return { metric, n, p, order, data };
}

/**
 * Exact k nearest training rows for each query row. Two searches give the same answer, bit for
 * bit: blocked brute force over typed arrays (a tile of queries meets a tile of training rows;
 * each query keeps its k best in a sorted insertion list, and a partial distance that already
 * reaches the k-th best stops early), and for euclidean and cosine a dot-product search with
 * exact re-ranking (`dotProductNeighbors`), which euclidean and cosine always take when it can
 * be had: its SIMD kernel costs 3 ns a (query, training row) pair at 20 columns where brute
 * force, which reads at least four columns of every row before it can stop, costs 8–24 ns
 * (measured on 16,000 Gaussian rows). Manhattan takes brute force. Equal distances keep the
 * lower training index first, so the result is stable. Returns flat arrays, nQuery × k,
 * nearest first.
 *
 * @example
 * const prepared = prepareRows(new Float64Array([0, 0, 1, 0, 5, 5]), 3, 2, "euclidean");
 * nearestNeighbors(prepared, new Float64Array([0.9, 0]), 1, 2);
 * // { indices: Int32Array [1, 0], distances: Float64Array [≈0.1, 0.9] }
 */
export function nearestNeighbors(
  prepared: PreparedRows,
  queries: Float64Array,
  nQuery: number,
  k: number,
): { indices: Int32Array; distances: Float64Array } {
  const { metric, p, order, data: train } = prepared;
  if (prepared.dot === undefined && metric !== "manhattan") prepared.dot = dotSearchIndex(prepared) ?? null;
  const dot = prepared.dot;
  const bestD = new Float64Array(nQuery * k).fill(Infinity);
  const bestI = new Int32Array(nQuery * k).fill(-1);
  const Q = metric === "cosine" ? normalizeRows(queries, nQuery, p) : permuteColumns(queries, nQuery, p, order);
  if (dot) {
    const exact = metric === "euclidean"
      ? (qo: number, to: number): number => squaredEuclidean(Q, qo, train, to, p)
      : (qo: number, to: number): number => cosineDistance(Q, qo, train, to, p);
    dotProductNeighbors(prepared, dot, Q, 0, nQuery, k, exact, bestD, bestI);
  } else bruteForce(prepared, Q, nQuery, k, bestD, bestI);
  if (metric === "euclidean") for (let i = 0; i < bestD.length; i++) bestD[i] = Math.sqrt(bestD[i]);
  return { indices: bestI, distances: bestD };
}

/**
 * Brute force for all nQuery queries into bestD / bestI (squared distances for euclidean).
 */
function bruteForce(
  prepared: PreparedRows,
  Q: Float64Array,
  nQuery: number,
  k: number,
  bestD: Float64Array,
  bestI: Int32Array,
): void {
  const { metric, n: nTrain, p, data: train } = prepared;
  const p4 = p - (p % 4);
  for (let q0 = 0; q0 < nQuery; q0 += QUERY_BLOCK) {
    const q1 = Math.min(q0 + QUERY_BLOCK, nQuery);
    for (let t0 = 0; t0 < nTrain; t0 += TRAIN_BLOCK) {
      const t1 = Math.min(t0 + TRAIN_BLOCK, nTrain);
      for (let q = q0; q < q1; q++) {
        const o = q * k;
        const qo = q * p;
        let worst = bestD[o + k - 1];
        rows: for (let t = t0; t < t1; t++) {
          const to = t * p;
          let d = 0;
          if (metric === "euclidean") {
            for (let j = 0; j < p4; j += 4) {
              const a = Q[qo + j] - train[to + j];
              const b = Q[qo + j + 1] - train[to + j + 1];
              const c = Q[qo + j + 2] - train[to + j + 2];
              const e = Q[qo + j + 3] - train[to + j + 3];
              d += a * a + b * b + c * c + e * e;
              // Terms are non-negative, so the sum can only grow: this row cannot make the k best.
              if (d >= worst) continue rows;
            }
            for (let j = p4; j < p; j++) { const a = Q[qo + j] - train[to + j]; d += a * a; }
          } else if (metric === "manhattan") {
            for (let j = 0; j < p4; j += 4) {
              d += Math.abs(Q[qo + j] - train[to + j]) + Math.abs(Q[qo + j + 1] - train[to + j + 1]) +
                Math.abs(Q[qo + j + 2] - train[to + j + 2]) + Math.abs(Q[qo + j + 3] - train[to + j + 3]);
              if (d >= worst) continue rows;
            }
            for (let j = p4; j < p; j++) d += Math.abs(Q[qo + j] - train[to + j]);
          } else {
            d = cosineDistance(Q, qo, train, to, p);
          }
          // Strict: a later row at an equal distance never displaces an earlier one.
          if (!(d < worst)) continue;
          worst = insertNeighbor(bestD, bestI, o, k, d, t);
        }
      }
    }
  }
}

/** The brute-force loop's squared distance, same grouping and order, so both searches agree bit for bit. */
function squaredEuclidean(Q: Float64Array, qo: number, train: Float64Array, to: number, p: number): number {
  const p4 = p - (p % 4);
  let d = 0;
  for (let j = 0; j < p4; j += 4) {
    const a = Q[qo + j] - train[to + j];
    const b = Q[qo + j + 1] - train[to + j + 1];
    const c = Q[qo + j + 2] - train[to + j + 2];
    const e = Q[qo + j + 3] - train[to + j + 3];
    d += a * a + b * b + c * c + e * e;
  }
  for (let j = p4; j < p; j++) { const a = Q[qo + j] - train[to + j]; d += a * a; }
  return d;
}

/** The brute-force loop's cosine distance (unit rows), same order. */
function cosineDistance(Q: Float64Array, qo: number, train: Float64Array, to: number, p: number): number {
  let dot = 0;
  for (let j = 0; j < p; j++) dot += Q[qo + j] * train[to + j];
  return Math.min(Math.max(1 - dot, 0), 2);
}

function permuteColumns(data: Float64Array, n: number, p: number, order: Int32Array): Float64Array {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[i * p + j] = data[i * p + order[j]];
  return out;
}

function normalizeRows(data: Float64Array, n: number, p: number): Float64Array {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += data[i * p + j] ** 2;
    const norm = Math.sqrt(s);
    if (norm > 0) for (let j = 0; j < p; j++) out[i * p + j] = data[i * p + j] / norm;
  }
  return out;
}
