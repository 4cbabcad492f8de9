import { describe, expect, it } from "vitest";
import { driftChart } from "../../src/charts/drift-chart.ts";
import { messages } from "../../src/core/messages/index.ts";
import { compileMessages, rounded } from "./compile-spec.ts";

describe("driftChart", () => {
  const input = { rows: 300, columns: [{ column: "income", psi: 0.41 }, { column: "region", psi: 0.12 }, { column: "debt_ratio", psi: 0.02 }], prediction: { output: "P(good)", psi: 0.07 } };

  it("a v5 spec that compiles, levels by PSI, matching its snapshot", async () => {
    const spec = driftChart(input);
    expect(compileMessages(spec)).toEqual([]);
    expect(spec.data.values.map((b) => [b.name, b.level])).toEqual([["income", "drifted"], ["region", "moderate shift"], ["debt_ratio", "stable"], ["P(good)", "stable"]]);
    await expect(`${JSON.stringify(rounded(spec), null, 2)}\n`).toMatchFileSnapshot("./__snapshots__/drift.vl.json");
  });

  it("no columns: one clear error", () => {
    expect(() => driftChart({ columns: [] })).toThrow(messages.charts.noRows("driftChart"));
  });
});
