import type { PreparedRows } from "./nearest-neighbors.ts";

const LEAF_SIZE = 16;

/** A k-d tree over prepared training rows (euclidean or manhattan), with per-node bounding boxes. */
export interface KdTree {
  prepared: PreparedRows;
  /** Training rows in leaf order (row-major) and their original indices. */
  rows: Float64Array;
  index: Int32Array;
  /** Per node: row range [start, end), children (−1 for leaves), and bounding box (p mins then p maxes). */
  start: Int32Array;
  end: Int32Array;
  left: Int32Array;
  right: Int32Array;
  box: Float64Array;
}

/**
 * Builds a k-d tree (split on the widest box side at the median, leaves of ≤ 16 rows). Used
 * instead of brute force when rows have few columns, where it prunes most of the training
 * set; the answers are identical (same distance arithmetic, same tie order).
 *
 * @example
 * const tree = buildKdTree(prepareRows(data, n, p, "euclidean"));
 * kdTreeNeighbors(tree, queries, nQuery, 5);
 */
export function buildKdTree(prepared: PreparedRows): KdTree {
  const { n, p, data } = prepared;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const maxNodes = 2 * Math.ceil(n / LEAF_SIZE) * 2 + 1;
  const start = new Int32Array(maxNodes);
  const end = new Int32Array(maxNodes);
  const left = new Int32Array(maxNodes).fill(-1);
  const right = new Int32Array(maxNodes).fill(-1);
  const box = new Float64Array(maxNodes * 2 * p);
  let count = 0;

  const build = (s: number, e: number): number => {
    const node = count++;
    start[node] = s;
    end[node] = e;
    const b = node * 2 * p;
    for (let j = 0; j < p; j++) { box[b + j] = Infinity; box[b + p + j] = -Infinity; }
    for (let r = s; r < e; r++) {
      const o = order[r] * p;
      for (let j = 0; j < p; j++) {
        const v = data[o + j];
        if (v < box[b + j]) box[b + j] = v;
        if (v > box[b + p + j]) box[b + p + j] = v;
      }
    }
    if (e - s <= LEAF_SIZE) return node;
    let dim = 0;
    for (let j = 1; j < p; j++) if (box[b + p + j] - box[b + j] > box[b + p + dim] - box[b + dim]) dim = j;
    if (box[b + p + dim] === box[b + dim]) return node; // all rows identical: keep as a leaf
    const mid = s + ((e - s) >> 1);
    selectNth(order, s, e, mid, data, p, dim);
    left[node] = build(s, mid);
    right[node] = build(mid, e);
    return node;
  };
  build(0, n);

  const rows = new Float64Array(n * p);
  for (let r = 0; r < n; r++) rows.set(data.subarray(order[r] * p, order[r] * p + p), r * p);
  return {
    prepared, rows, index: order,
    start: start.slice(0, count), end: end.slice(0, count),
    left: left.slice(0, count), right: right.slice(0, count), box: box.slice(0, count * 2 * p),
  };
}

/**
 * Exact k nearest neighbors through the tree: nearer child first, a node skipped only when
 * its box's lower bound exceeds the current k-th distance. Among equal distances the lower
 * training index wins, as in brute force. `queries` are raw rows (columns in input order).
 */
export function kdTreeNeighbors(
  tree: KdTree,
  queries: Float64Array,
  nQuery: number,
  k: number,
): { indices: Int32Array; distances: Float64Array } {
  const { prepared, rows, index, start, end, left, right, box } = tree;
  const { p, order } = prepared;
  const euclidean = prepared.metric === "euclidean";
  const bestD = new Float64Array(nQuery * k).fill(Infinity);
  const bestI = new Int32Array(nQuery * k).fill(-1);
  const q = new Float64Array(p);
  const p4 = p - (p % 4);
  const stack = new Int32Array(64 * 2 + 8);

  // Both the box bound and the row distance sum |gap|ᵖ in the same column order and grouping,
  // so (with rounding monotone) the bound never exceeds a row's computed distance.
  const term = (g: number): number => (euclidean ? g * g : Math.abs(g));
  const boxBound = (node: number): number => {
    const b = node * 2 * p;
    let d = 0;
    for (let j = 0; j < p4; j += 4) {
      d += term(gap(q[j], box[b + j], box[b + p + j])) + term(gap(q[j + 1], box[b + j + 1], box[b + p + j + 1])) +
        term(gap(q[j + 2], box[b + j + 2], box[b + p + j + 2])) + term(gap(q[j + 3], box[b + j + 3], box[b + p + j + 3]));
    }
    for (let j = p4; j < p; j++) d += term(gap(q[j], box[b + j], box[b + p + j]));
    return d;
  };

  for (let i = 0; i < nQuery; i++) {
    for (let j = 0; j < p; j++) q[j] = queries[i * p + order[j]];
    const o = i * k;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top];
      if (boxBound(node) > bestD[o + k - 1]) continue;
      if (left[node] < 0) {
        for (let r = start[node]; r < end[node]; r++) {
          const ro = r * p;
          let d = 0;
          for (let j = 0; j < p4; j += 4) {
            d += term(q[j] - rows[ro + j]) + term(q[j + 1] - rows[ro + j + 1]) + term(q[j + 2] - rows[ro + j + 2]) + term(q[j + 3] - rows[ro + j + 3]);
          }
          for (let j = p4; j < p; j++) d += term(q[j] - rows[ro + j]);
          const t = index[r];
          const worst = bestD[o + k - 1];
          // Keep the list ordered by (distance, training index).
          if (d > worst || (d === worst && t > bestI[o + k - 1] && bestI[o + k - 1] >= 0)) continue;
          let pos = k - 1;
          while (pos > 0 && (bestD[o + pos - 1] > d || (bestD[o + pos - 1] === d && bestI[o + pos - 1] > t))) {
            bestD[o + pos] = bestD[o + pos - 1];
            bestI[o + pos] = bestI[o + pos - 1];
            pos--;
          }
          bestD[o + pos] = d;
          bestI[o + pos] = t;
        }
        continue;
      }
      // Push the farther child first so the nearer one is searched first.
      const l = left[node];
      const r = right[node];
      if (boxBound(l) <= boxBound(r)) { stack[top++] = r; stack[top++] = l; } else { stack[top++] = l; stack[top++] = r; }
    }
  }
  if (euclidean) for (let i = 0; i < bestD.length; i++) bestD[i] = Math.sqrt(bestD[i]);
  return { indices: bestI, distances: bestD };
}

function gap(v: number, lo: number, hi: number): number {
  return v < lo ? lo - v : v > hi ? v - hi : 0;
}

/**
 * Quickselect: reorders order[s..e) so order[nth] holds the row that sorting by
 * (data[row][dim], row) would put there, with smaller keys before it and larger after.
 */
function selectNth(order: Int32Array, s: number, e: number, nth: number, data: Float64Array, p: number, dim: number): void {
  const less = (a: number, b: number): boolean => {
    const va = data[a * p + dim];
    const vb = data[b * p + dim];
    return va < vb || (va === vb && a < b);
  };
  let lo = s;
  let hi = e - 1;
  while (hi > lo) {
    // Median of three as pivot, moved to hi.
    const m = lo + ((hi - lo) >> 1);
    if (less(order[m], order[lo])) swap(order, m, lo);
    if (less(order[hi], order[lo])) swap(order, hi, lo);
    if (less(order[m], order[hi])) swap(order, m, hi);
    const pivot = order[hi];
    let store = lo;
    for (let i = lo; i < hi; i++) if (less(order[i], pivot)) swap(order, i, store++);
    swap(order, store, hi);
    if (store === nth) return;
    if (store < nth) lo = store + 1;
    else hi = store - 1;
  }
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
