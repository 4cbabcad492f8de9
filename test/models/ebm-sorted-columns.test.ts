// Binning from columns sorted once must give exactly the bins and cuts of sorting and
// binary-searching each column (binCuts, binColumn), on every path of the radix presort.
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { Matrix } from "../../src/data/matrix.ts";
import { binColumn, binCuts, cutsOfSorted } from "../../src/models/ebm/bin-cuts.ts";
import { SortedColumns } from "../../src/models/ebm/sorted-columns.ts";

function columnOf(X: Matrix, j: number): Float64Array {
  return Float64Array.from({ length: X.nRows }, (_, i) => X.data[i * X.nCols + j]);
}

describe("SortedColumns", () => {
  for (const n of [40, 3000]) {
    it(`bins ${n} rows (negatives, ±0, ties, NaN) exactly as binColumn does, for fine and coarse cuts`, () => {
      const rng = new Random(n);
      const rows = Array.from({ length: n }, (_, i) => [
        rng.normal() * 100,
        i % 7 === 0 ? NaN : Math.round(rng.normal() * 3),
        i % 5 === 0 ? -0 : i % 5 === 1 ? 0 : rng.normal(),
        i % 2 === 0 ? NaN : 1,
      ]);
      const X = Matrix.fromRows(rows);
      const sorted = new SortedColumns(X);
      for (let j = 0; j < X.nCols; j++) {
        const values = columnOf(X, j);
        const expectedSorted = values.filter((v) => v === v).sort();
        expect(Array.from(sorted.finite(j)).map((v) => Object.is(v, -0))).toEqual(Array.from(expectedSorted).map((v) => Object.is(v, -0)));
        expect(Array.from(sorted.finite(j))).toEqual(Array.from(expectedSorted));
        for (const maxBins of [255, 32, 3]) {
          const cuts = cutsOfSorted(sorted.finite(j), maxBins);
          expect(Array.from(cuts)).toEqual(Array.from(binCuts(values, maxBins)));
          expect(Array.from(sorted.bins(j, cuts, new Uint16Array(n)))).toEqual(Array.from(binColumn(values, cuts)));
        }
      }
    });
  }
});
