import { describe, expect, it } from "vitest";
import { shapeFunctionChart } from "../../src/charts/shape-function-chart.ts";
import { VEGA_LITE_V5_SCHEMA } from "../../src/charts/vega-lite-spec.ts";
import { messages } from "../../src/core/messages/index.ts";
import { compileMessages, rounded } from "./compile-spec.ts";

const main = { names: ["income"], cuts: [[20, 50]], scores: [0.05, -0.4, 0.1, 0.6], output: "log-odds of approve" };
// Pair: 2 cuts on "income" (4 bins with missing) × 1 cut on "debt" (3 bins): 12 cells.
const pair = { names: ["income", "debt"], cuts: [[20, 50], [0.5]], scores: [0, 0, 0, 0, 0.2, -0.2, 0, -0.1, 0.1, 0, 0.3, -0.3], output: "log-odds of approve" };

describe("shapeFunctionChart", () => {
  for (const [name, input] of [["shape-function-main", main], ["shape-function-pair", pair]] as const) {
    it(`${name}: a v5 spec that vega-lite compiles without warnings, matching its snapshot`, async () => {
      const spec = shapeFunctionChart(input);
      expect(spec.$schema).toBe(VEGA_LITE_V5_SCHEMA);
      expect(compileMessages(spec)).toEqual([]);
      await expect(`${JSON.stringify(rounded(spec), null, 2)}\n`).toMatchFileSnapshot(`./__snapshots__/${name}.vl.json`);
    });
  }

  it("draws each value bin as a flat step between its cut points, open ends one typical bin wide", () => {
    const values = shapeFunctionChart(main).data.values;
    // Bins: (−∞, 20] drawn from 20 − 30 = −10, (20, 50], (50, ∞) drawn to 80; the missing bin is not drawn.
    expect(values.map((v) => [v.x, v.score])).toEqual([[-10, -0.4], [20, -0.4], [20, 0.1], [50, 0.1], [50, 0.6], [80, 0.6]]);
    expect(shapeFunctionChart(main).title.subtitle).toBe("log-odds of approve; missing values: 0.05");
  });

  it("a pair term is one heatmap cell per pair of value bins", () => {
    const values = shapeFunctionChart(pair).data.values;
    expect(values).toHaveLength(3 * 2);
    // income bin 2 (20–50) × debt bin 2 (> 0.5) is cell 2 · 3 + 2 = 8.
    expect(values.find((v) => v.x === "20–50" && v.y === "> 0.5")?.score).toBe(0.1);
  });

  it("rejects scores that do not fit the bins", () => {
    expect(() => shapeFunctionChart({ ...main, scores: [1, 2] })).toThrow(messages.charts.badShapeTerm(["income"], 4, 2));
  });
});
