import { afterEach, describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { UnderstudyError } from "../../src/core/errors.ts";
import { setLogger } from "../../src/core/logger.ts";
import { cascadeFrontierChart } from "../../src/charts/cascade-frontier-chart.ts";
import { coefficientsChart } from "../../src/charts/coefficients-chart.ts";
import { conceptQualityChart } from "../../src/charts/concept-quality-chart.ts";
import { confusionMatrixChart } from "../../src/charts/confusion-matrix-chart.ts";
import { fairnessChart } from "../../src/charts/fairness-chart.ts";
import { featureImportanceChart } from "../../src/charts/feature-importance-chart.ts";
import { partialDependenceChart } from "../../src/charts/partial-dependence-chart.ts";
import { reasonCodesChart } from "../../src/charts/reason-codes-chart.ts";
import { ruleText, treeRulesChart } from "../../src/charts/tree-rules-chart.ts";
import { VEGA_LITE_V5_SCHEMA } from "../../src/charts/vega-lite-spec.ts";
import type { TreeRule } from "../../src/explain/tree-rules.ts";
import { compileMessages, rounded } from "./compile-spec.ts";
import { gallery } from "./gallery.ts";

describe("chart gallery", () => {
  for (const [name, build] of Object.entries(gallery)) {
    it(`${name}: a v5 spec that vega-lite compiles without warnings, matching its snapshot`, async () => {
      const spec = build();
      expect(spec.$schema).toBe(VEGA_LITE_V5_SCHEMA);
      expect(spec.title.text.length).toBeGreaterThan(0);
      expect(compileMessages(spec)).toEqual([]);
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec); // plain JSON, nothing lost
      await expect(`${JSON.stringify(rounded(spec), null, 2)}\n`).toMatchFileSnapshot(`./__snapshots__/${name}.vl.json`);
    });
  }
});

describe("featureImportanceChart", () => {
  it("sorts by absolute importance, keeps the top ones, and draws std as importance ± std", () => {
    const spec = featureImportanceChart([
      { feature: "a", importance: 0.1, std: 0.02 },
      { feature: "b", importance: -0.5 },
      { feature: "c", importance: 0.3, std: 0.1 },
    ], { top: 2 });
    expect(spec.data.values.map((r) => r.feature)).toEqual(["b", "c"]);
    expect(spec.data.values[1]!.low).toBeCloseTo(0.2, 12);
    expect(spec.data.values[1]!.high).toBeCloseTo(0.4, 12);
    expect(spec.title.subtitle).toBe("Top 2 of 3 features");
  });

  it("rejects empty input and non-finite numbers, naming the field", () => {
    expect(() => featureImportanceChart([])).toThrow(UnderstudyError);
    expect(() => featureImportanceChart([])).toThrow(messages.charts.noRows("featureImportanceChart"));
    expect(() => featureImportanceChart([{ feature: "a", importance: Number.NaN }])).toThrow(
      messages.charts.notFinite("featureImportanceChart", "[0].importance", Number.NaN),
    );
    expect(() => featureImportanceChart([{ feature: "a", importance: Number.NaN }])).toThrow(expect.objectContaining({ code: "bad_input" }));
  });
});

describe("coefficientsChart", () => {
  it("odds ratios are exp(coefficient) on a log axis starting at 1", () => {
    const spec = coefficientsChart([{ feature: "x", coefficient: Math.log(3) }, { feature: "y", coefficient: -Math.log(2) }], { scale: "odds-ratio" });
    const values = spec.data.values;
    expect(values[0]!.value).toBeCloseTo(3, 12);
    expect(values[1]!.value).toBeCloseTo(0.5, 12);
    expect(values.map((v) => v.direction)).toEqual(["raises", "lowers"]);
    expect(JSON.stringify(spec.layer)).toContain('"x2":{"datum":1}');
  });
});

describe("confusionMatrixChart", () => {
  it("colours each cell by its share of the row and rejects a matrix that does not match the labels", () => {
    const spec = confusionMatrixChart({ labels: ["a", "b"], matrix: [[3, 1], [0, 0]] });
    expect(spec.data.values).toEqual([
      { actual: "a", predicted: "a", count: 3, rowShare: 0.75 },
      { actual: "a", predicted: "b", count: 1, rowShare: 0.25 },
      { actual: "b", predicted: "a", count: 0, rowShare: 0 },
      { actual: "b", predicted: "b", count: 0, rowShare: 0 },
    ]);
    expect(() => confusionMatrixChart({ labels: ["a", "b"], matrix: [[1, 2]] })).toThrow(messages.charts.matrixShape("confusionMatrixChart", 2));
  });
});

describe("reasonCodesChart", () => {
  it("walks from the baseline through each contribution (largest first) to the prediction", () => {
    const spec = reasonCodesChart({
      baseline: 0.4,
      prediction: 0.9,
      contributions: [
        { feature: "small", contribution: 0.05 },
        { feature: "big", value: "yes", contribution: 0.35 },
        { feature: "neg", contribution: -0.1 },
        { feature: "tiny", contribution: 0.2 },
      ],
    }, { top: 2 });
    const steps = spec.data.values.map((s) => [s.label, s.kind, Number(s.start.toFixed(10)), Number(s.end.toFixed(10))]);
    // By hand: 0.4 → +0.35 = 0.75 → +0.2 = 0.95 → the rest (0.05 − 0.1 = −0.05) → 0.9.
    expect(steps).toEqual([
      ["baseline", "baseline", 0, 0.4],
      ["big = yes", "raises", 0.4, 0.75],
      ["tiny", "raises", 0.75, 0.95],
      ["2 other features", "lowers", 0.95, 0.9],
      ["prediction", "prediction", 0, 0.9],
    ]);
  });

  describe("when contributions do not add up to the prediction", () => {
    afterEach(() => setLogger(undefined));
    it("warns through the logger instead of failing", () => {
      const warnings: string[] = [];
      setLogger({ warn: (m) => warnings.push(m) });
      reasonCodesChart({ baseline: 0, prediction: 1, contributions: [{ feature: "a", contribution: 0.5 }] });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/baseline \+ contributions = 0\.5 but prediction = 1/);
    });
  });
});

describe("partialDependenceChart", () => {
  it("keeps one ICE curve per row next to the average, and rejects curves of the wrong length", () => {
    const spec = partialDependenceChart({ feature: "x", grid: [0, 1], average: [1, 2], ice: [[0, 1], [2, 3]] });
    expect(spec.data.values.filter((p) => p.curve === "average").map((p) => [p.x, p.y])).toEqual([[0, 1], [1, 2]]);
    expect(new Set(spec.data.values.map((p) => p.curve))).toEqual(new Set(["row 1", "row 2", "average"]));
    expect(() => partialDependenceChart({ feature: "x", grid: [0, 1], average: [1, 2], ice: [[0]] })).toThrow(messages.charts.iceLength("partialDependenceChart", 0, 1, 2));
  });
});

describe("cascadeFrontierChart", () => {
  it("puts cost on an independent right axis only when cost is given", () => {
    expect(gallery["cascade-frontier"]!().resolve).toEqual({ scale: { y: "independent" } });
    expect(gallery["cascade-frontier-no-cost"]!().resolve).toBeUndefined();
    const spec = cascadeFrontierChart([{ shareToLLM: 1, accuracy: 0.9 }, { shareToLLM: 0, accuracy: 0.8 }, { shareToLLM: 0.2, accuracy: 0.85 }]);
    expect(spec.data.values.map((p) => p.shareToLLM)).toEqual([0, 0.2, 1]);
  });
});

describe("fairnessChart", () => {
  it("flags groups under 0.8 × the best group's rate (the four-fifths rule)", () => {
    const spec = fairnessChart([{ group: "a", rate: 0.5 }, { group: "b", rate: 0.39 }, { group: "c", rate: 0.41 }]);
    // 0.39 / 0.5 = 0.78 < 0.8; 0.41 / 0.5 = 0.82.
    expect(spec.data.values.map((g) => [g.group, g.status])).toEqual([["a", "ok"], ["b", "below threshold"], ["c", "ok"]]);
    expect(spec.data.values[1]!.ratio).toBeCloseTo(0.78, 12);
    expect(JSON.stringify(spec.layer)).toContain('"line":0.4');
  });

  it("compares with a chosen reference group, and names a missing one", () => {
    const spec = fairnessChart([{ group: "a", rate: 0.5 }, { group: "b", rate: 0.25 }], { referenceGroup: "b" });
    expect(spec.data.values[0]!.ratio).toBe(2);
    expect(() => fairnessChart([{ group: "a", rate: 0.5 }], { referenceGroup: "z" })).toThrow(messages.charts.unknownReferenceGroup("z", ["a"]));
  });

  it("leaves the ratio out, and flags nothing, when the reference rate is 0 (no ratio is defined, not parity)", () => {
    const spec = fairnessChart([{ group: "a", rate: 0 }, { group: "b", rate: 0 }]);
    expect(spec.data.values).toEqual([{ group: "a", rate: 0, status: "ok" }, { group: "b", rate: 0, status: "ok" }]);
    expect(JSON.stringify(spec.layer)).toContain('"line":0');
  });
});

describe("conceptQualityChart", () => {
  it("orders concepts by agreement and records the lift over the majority answer", () => {
    const spec = gallery["concept-quality"]!() as ReturnType<typeof conceptQualityChart>;
    expect(spec.data.values.map((c) => [c.concept, Number(c.lift!.toFixed(10))])).toEqual([["mentions money", 0.23], ["urgent tone", 0.01]]);
  });

  it("colours dropped concepts apart from kept ones when rows carry a status", () => {
    const spec = conceptQualityChart([
      { concept: "mentions money", agreement: 0.93, baseline: 0.7, support: 200, status: "kept" },
      { concept: "urgent tone", agreement: 0.52, baseline: 0.5, support: 200, status: "dropped: no better than chance" },
      { concept: "prize", agreement: 0.9, baseline: 0.7, support: 200 },
    ]);
    expect(spec.data.values.map((r) => r.status)).toEqual(["kept", "kept", "dropped: no better than chance"]);
    const bars = (spec as unknown as { layer: { encoding: { color?: { scale: { domain: string[]; range: string[] } } } }[] }).layer[0]!;
    expect(bars.encoding.color!.scale).toEqual({ domain: ["kept", "dropped: no better than chance"], range: ["#54a24b", "#bab0ac"] });
    expect(compileMessages(spec)).toEqual([]);
  });
});

describe("treeRulesChart", () => {
  it("takes treeRules() output as is: largest leaves first, confidence from the class shares", () => {
    const fromExplain: TreeRule = {
      leaf: 2,
      conditions: [{ feature: 0, name: "links", op: ">", threshold: 6.5, includesMissing: false }],
      samples: 40,
      cover: 40,
      value: [0.2, 0.8],
      prediction: "spam",
      outputs: ["ham", "spam"],
    };
    const other: TreeRule = { ...fromExplain, leaf: 1, conditions: [{ ...fromExplain.conditions[0]!, op: "<=", includesMissing: true }], samples: 60, value: [0.9, 0.1], prediction: "ham" };
    const spec = treeRulesChart([fromExplain, other]);
    expect(spec.data.values).toEqual([
      { order: 1, rule: "links <= 6.5 (or missing)", prediction: "ham", samples: 60, confidence: 0.9 },
      { order: 2, rule: "links > 6.5", prediction: "spam", samples: 40, confidence: 0.8 },
    ]);
  });

  it("writes a rule with no conditions as 'always' and regression leaves without confidence", () => {
    expect(ruleText([])).toBe("always");
    const spec = treeRulesChart([{ conditions: [], prediction: 12.5, samples: 10, value: [12.5] }]);
    expect(spec.data.values[0]).toEqual({ order: 1, rule: "always", prediction: "12.5", samples: 10 });
    expect(compileMessages(spec)).toEqual([]);
  });
});

describe("percent axes", () => {
  it("never repeat a tick label over a narrow range (94% to 96%)", async () => {
    const { renderSVG } = await import("../../src/charts/render.ts");
    const { learningCurveChart } = await import("../../src/charts/learning-curve-chart.ts");
    const spec = learningCurveChart([{ labels: 100, agreement: 0.941 }, { labels: 200, agreement: 0.952 }, { labels: 400, agreement: 0.958 }]);
    const svg = await renderSVG(spec);
    const ticks = [...svg.matchAll(/>(\d+(?:\.\d+)?%)</g)].map((m) => m[1]);
    expect(ticks.length).toBeGreaterThan(2);
    expect(new Set(ticks).size).toBe(ticks.length);
  });
});
