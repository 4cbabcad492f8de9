/**
 * What the search reads of the prepared training rows (`PreparedRows` of nearest-neighbors.ts
 * has these fields; declared here so the two files do not import each other).
 */
interface SearchedRows {
  metric: "euclidean" | "manhattan" | "cosine";
  n: number;
  p: number;
  data: Float64Array;
}

/** Training rows with at most this share of non-zeros are searched through a column index. */
const SPARSE_DENSITY = 0.25;
/** Query rows meeting each tile of training rows. */
const MAX_QUERY_BLOCK = 64;
const TRAIN_BLOCK = 256;
const UNIT_ROUNDOFF = 2 ** -53;

/** Norms and (for mostly-zero rows) a column index of the prepared training rows, built once per fit. */
export interface DotSearchIndex {
  /** Squared norm of each prepared training row. */
  norms: Float64Array;
  /** Compressed columns (start, rows, values) when the rows are mostly zeros. */
  sparse?: { start: Int32Array; rows: Int32Array; values: Float64Array };
}

/**
 * Squared norms and, for sparse data, a column index of the prepared training rows; undefined
 * when a norm is so large that the dot-product identity could overflow (the caller then
 * searches exactly only).
 *
 * @example
 * const index = dotSearchIndex(prepareRows(new Float64Array([0, 0, 1, 0]), 2, 2, "euclidean"));
 */
export function dotSearchIndex(prepared: SearchedRows): DotSearchIndex | undefined {
  const { n, p, data } = prepared;
  const norms = new Float64Array(n);
  // start[j + 1] counts column j's non-zeros, then becomes where column j ends.
  const start = new Int32Array(p + 1);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) {
      const v = data[i * p + j];
      s += v * v;
      if (v !== 0) start[j + 1]++;
    }
    if (!(s < 1e300)) return undefined;
    norms[i] = s;
  }
  for (let j = 0; j < p; j++) start[j + 1] += start[j];
  const nonZero = start[p];
  if (nonZero > SPARSE_DENSITY * n * p) return { norms };
  const fill = start.slice(0, p);
  const rows = new Int32Array(nonZero);
  const values = new Float64Array(nonZero);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const v = data[i * p + j];
      if (v !== 0) { rows[fill[j]] = i; values[fill[j]++] = v; }
    }
  }
  return { norms, sparse: { start, rows, values } };
}

/**
 * Exact k nearest neighbors (euclidean or cosine) of prepared query rows `Q`, found through
 * dot products: q·t for a block of queries against a tile of training rows (a 4 × 4
 * register-blocked kernel, or the column index for sparse rows) gives each distance up to a
 * proven rounding bound, from ‖q‖² + ‖t‖² − 2q·t (euclidean) or 1 − q·t (cosine, unit rows).
 * The upper bounds cap the k-th nearest distance; only rows whose lower bound reaches the cap
 * are measured with `exact` (the arithmetic of the plain search) and ranked by (distance,
 * training index), so the answer is the plain search's, bit for bit. Writes queries
 * [qStart, qEnd) into bestD / bestI (nQuery × k, filled with Infinity / −1; squared distances
 * for euclidean).
 */
export function dotProductNeighbors(
  prepared: SearchedRows,
  index: DotSearchIndex,
  Q: Float64Array,
  qStart: number,
  qEnd: number,
  k: number,
  exact: (q: number, t: number) => number,
  bestD: Float64Array,
  bestI: Int32Array,
): void {
  const { n, p, data: train, metric } = prepared;
  const { norms, sparse } = index;
  const cosine = metric === "cosine";
  // |computed q·t − q·t| ≤ γ_p Σ|q_j t_j| ≤ γ_p (‖q‖² + ‖t‖²) / 2 in any summation order, and the
  // plain search's own distance is off by at most γ_(p+3)·d ≤ γ_(p+3)·2(‖q‖² + ‖t‖²): a bound of
  // (8p + 64)·u·(‖q‖² + ‖t‖²) covers both, twice over, with the few roundings of the bounds themselves.
  const slack = (8 * p + 64) * UNIT_ROUNDOFF;
  // Scaling by −2 (or −1) is exact, so the kernel's sums are −2q·t (−q·t) with no extra rounding.
  const scale = cosine ? -1 : -2;
  const Qs = new Float64Array(Q.length);
  for (let i = qStart * p; i < qEnd * p; i++) Qs[i] = scale * Q[i];
  const addHi = new Float64Array(n);
  const addLo = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    addHi[t] = cosine ? slack * norms[t] : norms[t] * (1 + slack);
    addLo[t] = cosine ? -slack * norms[t] : norms[t] * (1 - slack);
  }
  // Cosine distances are clamped to [0, 2]: at the cap 2 every row may tie with the k-th.
  const capAll = cosine ? 2 : Infinity;

  const block = sparse ? 1 : Math.min(MAX_QUERY_BLOCK, qEnd - qStart);
  const width = sparse ? n : Math.min(TRAIN_BLOCK, n);
  const tile = new Float64Array(block * width);
  const upper = new Float64Array(block * k);
  const cap = new Float64Array(block);
  const baseHi = new Float64Array(block);
  const baseLo = new Float64Array(block);
  const candT: number[][] = Array.from({ length: block }, () => []);
  const candLo: number[][] = Array.from({ length: block }, () => []);

  for (let q0 = qStart; q0 < qEnd; q0 += block) {
    const q1 = Math.min(q0 + block, qEnd);
    upper.fill(Infinity);
    cap.fill(Infinity);
    for (let q = q0; q < q1; q++) {
      const i = q - q0;
      let nq = 0;
      for (let j = 0; j < p; j++) nq += Q[q * p + j] * Q[q * p + j];
      // A norm that could overflow gives no usable bound: then every row is measured exactly.
      baseHi[i] = nq < 1e300 ? (cosine ? 1 + slack * nq : nq * (1 + slack)) : Infinity;
      baseLo[i] = nq < 1e300 ? (cosine ? 1 - slack * nq : nq * (1 - slack)) : -Infinity;
      candT[i].length = 0;
      candLo[i].length = 0;
    }
    for (let t0 = 0; t0 < n; t0 += width) {
      const t1 = Math.min(t0 + width, n);
      const w = t1 - t0;
      if (sparse) sparseDots(sparse, Qs, p, q0, n, tile);
      else denseDots(Qs, train, p, q0, q1, t0, t1, tile);
      for (let q = q0; q < q1; q++) {
        const i = q - q0;
        const ub = i * k;
        const r = i * w;
        const hiBase = baseHi[i];
        const loBase = baseLo[i];
        const ts = candT[i];
        const los = candLo[i];
        let c = cap[i];
        for (let x = 0; x < w; x++) {
          const t = t0 + x;
          const m = tile[r + x];
          let hi = hiBase + addHi[t] + m;
          if (cosine) hi = Math.min(Math.max(hi, 0), 2);
          if (hi < c) c = insertSorted(upper, ub, k, hi);
          const lo = loBase + addLo[t] + m;
          if (lo <= c || c >= capAll) { ts.push(t); los.push(lo); }
        }
        cap[i] = c;
      }
    }
    for (let q = q0; q < q1; q++) {
      const i = q - q0;
      const c = cap[i];
      const ts = candT[i];
      const los = candLo[i];
      const o = q * k;
      const qo = q * p;
      let worst = Infinity;
      for (let x = 0; x < ts.length; x++) {
        if (!(los[x] <= c || c >= capAll)) continue;
        const t = ts[x];
        const d = exact(qo, t * p);
        // Strict: a later row at an equal distance never displaces an earlier one.
        if (!(d < worst)) continue;
        let pos = k - 1;
        while (pos > 0 && bestD[o + pos - 1] > d) {
          bestD[o + pos] = bestD[o + pos - 1];
          bestI[o + pos] = bestI[o + pos - 1];
          pos--;
        }
        bestD[o + pos] = d;
        bestI[o + pos] = t;
        worst = bestD[o + k - 1];
      }
    }
  }
}

/** Inserts v into the ascending list at `o` (length k, last = current k-th); returns the new k-th. */
function insertSorted(list: Float64Array, o: number, k: number, v: number): number {
  let pos = k - 1;
  while (pos > 0 && list[o + pos - 1] > v) { list[o + pos] = list[o + pos - 1]; pos--; }
  list[o + pos] = v;
  return list[o + k - 1];
}

/** tile[(q − q0)·w + (t − t0)] = Q_q · train_t for a block of queries and a tile of training rows, 4 × 4 register blocks. */
function denseDots(Q: Float64Array, train: Float64Array, p: number, q0: number, q1: number, t0: number, t1: number, tile: Float64Array): void {
  const w = t1 - t0;
  const q4 = q0 + ((q1 - q0) & ~3);
  const t4 = t0 + (w & ~3);
  for (let q = q0; q < q4; q += 4) {
    const a0 = q * p, a1 = a0 + p, a2 = a1 + p, a3 = a2 + p;
    const r0 = (q - q0) * w - t0, r1 = r0 + w, r2 = r1 + w, r3 = r2 + w;
    for (let t = t0; t < t4; t += 4) {
      const b0 = t * p, b1 = b0 + p, b2 = b1 + p, b3 = b2 + p;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let j = 0; j < p; j++) {
        const x0 = Q[a0 + j], x1 = Q[a1 + j], x2 = Q[a2 + j], x3 = Q[a3 + j];
        const y0 = train[b0 + j], y1 = train[b1 + j], y2 = train[b2 + j], y3 = train[b3 + j];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
        s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
      }
      tile[r0 + t] = s00; tile[r0 + t + 1] = s01; tile[r0 + t + 2] = s02; tile[r0 + t + 3] = s03;
      tile[r1 + t] = s10; tile[r1 + t + 1] = s11; tile[r1 + t + 2] = s12; tile[r1 + t + 3] = s13;
      tile[r2 + t] = s20; tile[r2 + t + 1] = s21; tile[r2 + t + 2] = s22; tile[r2 + t + 3] = s23;
      tile[r3 + t] = s30; tile[r3 + t + 1] = s31; tile[r3 + t + 2] = s32; tile[r3 + t + 3] = s33;
    }
    for (let t = t4; t < t1; t++) {
      for (let i = 0; i < 4; i++) tile[r0 + i * w + t] = dot(Q, (q + i) * p, train, t * p, p);
    }
  }
  for (let q = q4; q < q1; q++) {
    const r = (q - q0) * w - t0;
    for (let t = t0; t < t1; t++) tile[r + t] = dot(Q, q * p, train, t * p, p);
  }
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) s += a[ao + j] * b[bo + j];
  return s;
}

/** As denseDots for one query against all training rows, through their column index: each non-zero of the query meets its column's non-zeros. */
function sparseDots(sparse: NonNullable<DotSearchIndex["sparse"]>, Q: Float64Array, p: number, q: number, n: number, out: Float64Array): void {
  const { start, rows, values } = sparse;
  out.fill(0, 0, n);
  for (let j = 0; j < p; j++) {
    const v = Q[q * p + j];
    if (v === 0) continue;
    for (let e = start[j]; e < start[j + 1]; e++) out[rows[e]] += v * values[e];
  }
}
