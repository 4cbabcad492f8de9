import { describe, expect, it } from "vitest";
import type { BenchmarkResult, BenchmarkRow } from "../../src/bench/benchmark-against-teacher.ts";
import { formatBenchmark } from "../../src/bench/format-benchmark.ts";

// A benchmark result written by hand (plain data), with the threshold distill stores when no
// cascade threshold meets the target: Number.MAX_VALUE, which no probability reaches.
function result(threshold: number): BenchmarkResult {
  const row = (role: BenchmarkRow["role"], system: string, share: number): BenchmarkRow => ({
    system, role, accuracy: 0.9, answered: 10, agreementWithLLM: 1, latencyP50Ms: 400, latencyP95Ms: 800, latencyMeanMs: 450, costPer1000USD: 0.07 * share, shareToLLM: share,
  });
  const systems = {
    llm: row("llm", "LLM (m)", 1),
    small: row("small", "Small model (tree)", 0),
    cascade: row("cascade", `Cascade (confidence ≥ ${threshold <= 1 ? threshold.toFixed(3) : String(threshold)})`, 1),
  };
  return {
    task: "Is this spam?", labels: ["spam", "ham"], n: 10, teacherModel: "m", threshold, systems, table: [systems.llm, systems.small, systems.cascade],
    llmCalls: { paid: 10, cached: 0, unsure: 0, failed: 0, promptTokens: 100, completionTokens: 10, costUSD: 0.0007 },
    batchSize: 1, perRow: [], notes: [],
  };
}

describe("formatBenchmark with a cascade whose target no threshold met", () => {
  it("says in words that the LLM answers every row instead of printing 1.7976931348623157e+308", () => {
    for (const format of ["text", "markdown"] as const) {
      const text = formatBenchmark(result(Number.MAX_VALUE), { format });
      expect(text).not.toMatch(/e\+308|1\.797/);
      expect(text).toContain("Cascade (no threshold meets the target: the LLM answers every row)");
    }
    expect(formatBenchmark(result(Infinity))).toContain("no threshold meets the target");
  });

  it("keeps a reachable threshold as a number", () => {
    const text = formatBenchmark(result(0.865));
    expect(text).toContain("Cascade (confidence ≥ 0.865)");
    expect(text).not.toContain("no threshold meets");
  });
});
