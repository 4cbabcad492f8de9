import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { presortColumns } from "../../src/models/tree/presort.ts";

// The trees' presort (a radix argsort from 1,024 rows up) must order rows exactly as a stable
// comparison sort does, NaN rows last in their original order.
describe("tree presort", () => {
  for (const n of [50, 1500, 20000]) {
    it(`sorts ${n} rows of awkward values like a stable comparison sort`, () => {
      const rng = new Random(n);
      const p = 4;
      const data = new Float64Array(n * p);
      for (let i = 0; i < n; i++) {
        data[i * p] = rng.normal() * 1e6;
        data[i * p + 1] = rng.int(5) - 2; // many ties
        data[i * p + 2] = i % 13 === 0 ? NaN : rng.next() < 0.1 ? -0 : rng.next() < 0.05 ? -Infinity : rng.normal() * 1e-300;
        data[i * p + 3] = rng.next() < 0.5 ? Infinity : -rng.next();
      }
      const pre = presortColumns({ data, nRows: n, nCols: p });
      for (let j = 0; j < p; j++) {
        const rows = Array.from({ length: n }, (_, i) => i);
        const present = rows.filter((i) => !Number.isNaN(data[i * p + j]));
        const ties = (a: number, b: number) => data[a * p + j] === data[b * p + j];
        const expected = [
          ...present.sort((a, b) => (ties(a, b) ? a - b : data[a * p + j] < data[b * p + j] ? -1 : 1)),
          ...rows.filter((i) => Number.isNaN(data[i * p + j])),
        ];
        expect(Array.from(pre.order.subarray(j * n, (j + 1) * n))).toEqual(expected);
        for (let i = 0; i < n; i++) expect(Object.is(pre.cols[j * n + i], data[i * p + j])).toBe(true);
      }
    });
  }
});
