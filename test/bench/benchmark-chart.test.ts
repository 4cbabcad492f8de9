import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { benchmarkChart } from "../../src/charts/benchmark-chart.ts";
import { VEGA_LITE_V5_SCHEMA } from "../../src/charts/vega-lite-spec.ts";
import { compileMessages, rounded } from "../charts/compile-spec.ts";

const rows = [
  { system: "LLM (gpt-4o-mini)", accuracy: 0.93, latencyP50Ms: 420, latencyP95Ms: 900, costPer1000USD: 0.05 },
  { system: "Small model (tree)", accuracy: 0.9, latencyP50Ms: 0.012, latencyP95Ms: 0.03, costPer1000USD: 0 },
  { system: "Cascade (confidence ≥ 0.870)", accuracy: 0.925, latencyP50Ms: 0.015, latencyP95Ms: 610, costPer1000USD: 0.011 },
];

describe("benchmarkChart", () => {
  it("draws accuracy, latency (log scale, p50 to p95) and cost per system, in the given order", async () => {
    const spec = benchmarkChart(rows);
    expect(spec.$schema).toBe(VEGA_LITE_V5_SCHEMA);
    expect(compileMessages(spec)).toEqual([]);
    expect(spec.hconcat).toHaveLength(3);
    const latency = JSON.stringify(spec.hconcat![1]);
    expect(latency).toContain('"type":"log"');
    expect(latency).toContain('"x2":{"field":"latencyP95Ms"}');
    const accuracy = spec.hconcat![0].layer as { encoding: { y: { sort: string[] }; text?: { format: string } } }[];
    expect(accuracy[0].encoding.y.sort).toEqual(rows.map((r) => r.system));
    expect(accuracy[1].encoding.text?.format).toBe(".1%"); // accuracies printed on the bars
    await expect(`${JSON.stringify(rounded(spec), null, 2)}\n`).toMatchFileSnapshot("./__snapshots__/benchmark.vl.json");
  });

  it("rejects latencies a log axis cannot show, and empty input", () => {
    expect(() => benchmarkChart([{ ...rows[0], latencyP50Ms: 0 }])).toThrow(messages.charts.latencies(0, 0, rows[0].latencyP95Ms));
    expect(() => benchmarkChart([{ ...rows[0], accuracy: NaN }])).toThrow(messages.charts.notFinite("benchmarkChart", "[0].accuracy", NaN));
    expect(() => benchmarkChart([])).toThrow(messages.charts.noRows("benchmarkChart"));
  });
});
