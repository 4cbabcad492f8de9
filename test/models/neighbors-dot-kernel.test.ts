// The float32 WebAssembly kernel behind the k-NN dot-product search (its bytes are checked
// against its .wat in test/house/wasm-sync.test.ts): its sums and pre-filter are float32 arithmetic exactly, and the search
// built on it returns the plain search's neighbors bit for bit on data chosen to defeat
// float32 (near ties, data far from the origin, mixed and extreme scales, far-off queries).
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { Matrix } from "../../src/data/matrix.ts";
import { dotSearchIndex } from "../../src/models/neighbors/dot-product-search.ts";
import { prepareRows } from "../../src/models/neighbors/nearest-neighbors.ts";
import { NeighborIndex } from "../../src/models/neighbors/neighbor-index.ts";
import { dotKernel } from "../../src/models/neighbors/wasm/dot-kernel.ts";
import { referenceNeighbors } from "./neighbors-reference.ts";

describe("dotKernel", () => {
  // 21 rows (the last panel of 8 is partial) × 5 columns, 6 queries (the last block of 4 is partial).
  const rng = new Random(11);
  const n = 21;
  const p = 5;
  const train = Float64Array.from({ length: n * p }, () => rng.normal() * 3);
  const queries = Float64Array.from({ length: 6 * p }, () => rng.normal() * 3);
  const kernel = dotKernel(train, n, p, Math.max(...train.map(Math.abs)), 8, 16)!;

  it("scales the rows by a power of two into [−1, 1) and sums in float32, column by column", () => {
    const largest = Math.max(...train.map(Math.abs));
    expect(Number.isInteger(Math.log2(kernel.scale))).toBe(true);
    expect(largest * kernel.scale).toBeGreaterThanOrEqual(0.5);
    expect(largest * kernel.scale).toBeLessThan(1);
    kernel.caps.fill(Infinity);
    kernel.loadQueries(queries, 0, 6);
    for (const t0 of [0, 16]) {
      const t1 = Math.min(t0 + 16, n);
      kernel.dots(t0, t1);
      for (let i = 0; i < 6; i++) {
        for (let t = t0; t < t1; t++) {
          let s = 0;
          for (let j = 0; j < p; j++) s = Math.fround(s + Math.fround(Math.fround(queries[i * p + j] * kernel.scale) * Math.fround(train[t * p + j] * kernel.scale)));
          expect(kernel.tile[i * kernel.width + (t - t0)]).toBe(s);
        }
      }
    }
  });

  it("hits exactly the eights of rows where some row has sum + add ≤ cap in float32", () => {
    for (let t = 0; t < n; t++) kernel.add[t] = Math.fround(rng.normal());
    kernel.loadQueries(queries, 0, 6);
    for (let i = 0; i < 6; i++) kernel.caps[i] = Math.fround(rng.normal());
    kernel.dots(0, 16);
    for (let i = 0; i < 6; i++) {
      const expected: number[] = [];
      for (let t = 0; t < 16; t += 8) {
        let pass = false;
        for (let x = t; x < t + 8; x++) pass ||= Math.fround(kernel.tile[i * kernel.width + x] + kernel.add[x]) <= kernel.caps[i];
        if (pass) expected.push(t);
      }
      const hits = Array.from(kernel.hits.subarray(i * (kernel.width / 8), i * (kernel.width / 8) + kernel.counts[i]));
      expect(hits).toEqual(expected);
    }
  });
});

describe("the float32 search returns the plain search's neighbors, bit for bit", () => {
  const rng = new Random(5);
  const table = (n: number, p: number, draw: (i: number, j: number) => number): number[][] =>
    Array.from({ length: n }, (_, i) => Array.from({ length: p }, (_, j) => draw(i, j)));
  const cases: { name: string; train: number[][]; queries: number[][] }[] = [
    // Distances that differ by far less than float32 can tell apart.
    { name: "near ties: an integer grid plus 1e-9 steps", train: table(400, 10, () => rng.int(3) + rng.int(3) * 1e-9), queries: table(60, 10, () => rng.int(3) + rng.int(5) * 1e-9) },
    { name: "far from the origin: 1e4 + N(0, 1e-3)", train: table(300, 8, () => 1e4 + rng.normal() * 1e-3), queries: table(50, 8, () => 1e4 + rng.normal() * 1e-3) },
    { name: "columns at 1e6 and 1e-6 scales", train: table(300, 8, (_, j) => rng.normal() * (j % 2 ? 1e6 : 1e-6)), queries: table(50, 8, (_, j) => rng.normal() * (j % 2 ? 1e6 : 1e-6)) },
    { name: "tiny values, 1e-30 (their float32 products underflow unless scaled)", train: table(300, 6, () => rng.normal() * 1e-30), queries: table(50, 6, () => rng.normal() * 1e-30) },
    { name: "large values, 1e100", train: table(300, 6, () => rng.normal() * 1e100), queries: table(50, 6, () => rng.normal() * 1e100) },
    { name: "queries far outside the training range (float32 would overflow)", train: table(300, 7, () => rng.normal()), queries: [...table(20, 7, () => rng.normal() * 1e30), ...table(20, 7, () => rng.normal())] },
    { name: "duplicated rows", train: table(300, 9, (i) => (i % 50) * 0.1), queries: table(40, 9, () => rng.int(50) * 0.1) },
  ];

  for (const { name, train, queries } of cases) {
    for (const metric of ["euclidean", "cosine"] as const) {
      it(`${name}, ${metric}`, () => {
        const p = train[0].length;
        // The case must exercise the kernel, not fall back to another search.
        expect(dotSearchIndex(prepareRows(Float64Array.from(train.flat()), train.length, p, metric))?.dense).toBeDefined();
        const index = new NeighborIndex(Matrix.fromRows(train), metric, { useTree: false });
        for (const k of [1, 5, 40]) {
          const expected = referenceNeighbors(train, queries, k, metric);
          const got = index.query(Matrix.fromRows(queries), k, "test");
          expect(Array.from(got.indices), `k=${k}`).toEqual(expected.indices);
          expect(Array.from(got.distances), `k=${k}`).toEqual(expected.distances);
        }
      });
    }
  }

  it("very sparse rows take the column index instead, with the same neighbors; dense ones the kernel", () => {
    // 2% non-zeros: the column index meets few values. (fast-predict-equivalence's 10% set now takes the kernel.)
    const sparse = table(2000, 60, () => (rng.next() < 0.02 ? rng.next() : 0));
    const queries = table(40, 60, () => (rng.next() < 0.02 ? rng.next() : 0));
    const index = (rows: number[][], metric: "euclidean" | "cosine") => dotSearchIndex(prepareRows(Float64Array.from(rows.flat()), rows.length, 60, metric))!;
    expect(index(table(400, 60, () => rng.normal()), "euclidean").dense).toBeDefined();
    for (const metric of ["euclidean", "cosine"] as const) {
      expect(index(sparse, metric).sparse).toBeDefined();
      for (const k of [1, 5, 40]) {
        const got = new NeighborIndex(Matrix.fromRows(sparse), metric).query(Matrix.fromRows(queries), k, "test");
        const expected = referenceNeighbors(sparse, queries, k, metric);
        expect(Array.from(got.indices), `${metric} k=${k}`).toEqual(expected.indices);
        expect(Array.from(got.distances), `${metric} k=${k}`).toEqual(expected.distances);
      }
    }
  });
});
