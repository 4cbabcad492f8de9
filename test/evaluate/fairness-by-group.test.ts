import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { fairnessChart } from "../../src/charts/fairness-chart.ts";
import { fairnessByGroup } from "../../src/evaluate/fairness-by-group.ts";

describe("fairnessByGroup", () => {
  const groups = ["f", "f", "f", "f", "m", "m", "m", "m", "m", "m", null];
  const predictions = ["yes", "no", "no", "no", "yes", "yes", "yes", "no", "no", "no", "yes"];
  const gold = ["yes", "no", "yes", "no", "yes", "yes", "no", "no", "no", "no", "no"];
  const teacher = ["yes", "no", "no", "no", "yes", "yes", "yes", "yes", "no", "no", "yes"];

  it("reports positive rate, accuracy and agreement per group, each rate relative to the highest (the four-fifths rule)", () => {
    const r = fairnessByGroup({ groups, predictions, gold, teacherLabels: teacher, positive: "yes" });
    // Rates: (missing) 1/1, f 1/4, m 3/6. The highest, 1, is the reference: not the largest group, m.
    expect(r.reference).toBe("(missing)");
    expect(r.groups).toEqual([
      { group: "(missing)", n: 1, positives: 1, positiveRate: 1, accuracy: 0, agreement: 1, ratioToReference: 1 },
      { group: "f", n: 4, positives: 1, positiveRate: 0.25, accuracy: 0.75, agreement: 1, ratioToReference: 0.25 },
      { group: "m", n: 6, positives: 3, positiveRate: 0.5, accuracy: 5 / 6, agreement: 5 / 6, ratioToReference: 0.5 },
    ]);
    // min / max = 0.25 / 1: the smallest ratio to the reference.
    expect(r.disparateImpact).toBe(0.25);
  });

  it("compares with the highest rate by default, or with a chosen reference group; leaves out accuracy without gold", () => {
    const ten = { groups: groups.slice(0, 10), predictions: predictions.slice(0, 10), positive: "yes" };
    const byDefault = fairnessByGroup(ten);
    expect(byDefault.reference).toBe("m"); // 0.5 > 0.25
    expect(byDefault.groups.map((g) => g.ratioToReference)).toEqual([0.5, 1]); // f 0.25 / 0.5, m 0.5 / 0.5
    const r = fairnessByGroup({ ...ten, reference: "f" });
    expect(r.reference).toBe("f");
    expect(r.groups.map((g) => g.ratioToReference)).toEqual([1, 2]); // f 0.25 / 0.25, m 0.5 / 0.25
    expect(r.groups[0].accuracy).toBeUndefined();
    expect(r.disparateImpact).toBe(0.5); // does not depend on the reference
    expect(() => fairnessByGroup({ groups, predictions, positive: "yes", reference: "x" })).toThrow(messages.evaluate.unknownReferenceGroup("x", ["(missing)", "f", "m"]));
    expect(() => fairnessByGroup({ groups: ["a"], predictions, positive: "yes" })).toThrow(messages.evaluate.perRowLength("fairnessByGroup", "groups", 1, 11));
  });

  it("on a tie for the highest rate takes the first group by name", () => {
    const r = fairnessByGroup({ groups: ["b", "b", "a", "a", "c", "c"], predictions: ["yes", "no", "yes", "no", "no", "no"], positive: "yes" });
    expect(r.reference).toBe("a");
    expect(r.groups.map((g) => [g.group, g.ratioToReference])).toEqual([["a", 1], ["b", 1], ["c", 0]]);
  });

  it("gives NaN ratios when no row is predicted positive", () => {
    const r = fairnessByGroup({ groups: ["a", "b", "b"], predictions: ["no", "no", "no"], positive: "yes" });
    expect(r.groups.map((g) => g.ratioToReference)).toEqual([NaN, NaN]);
    expect(r.disparateImpact).toBeNaN();
  });

  it("fairnessChart, given these groups, shows the same reference, ratios and flags", () => {
    const cases = [
      fairnessByGroup({ groups, predictions, positive: "yes" }),
      fairnessByGroup({ groups: groups.slice(0, 10), predictions: predictions.slice(0, 10), positive: "yes" }),
      fairnessByGroup({ groups: ["b", "b", "a", "a", "c", "c"], predictions: ["yes", "no", "yes", "no", "no", "no"], positive: "yes" }),
      fairnessByGroup({ groups: ["a", "b", "b"], predictions: ["no", "no", "no"], positive: "yes" }),
    ];
    for (const f of cases) {
      const spec = fairnessChart(f.groups.map((g) => ({ group: g.group, rate: g.positiveRate, count: g.n })));
      // A ratio fairnessByGroup cannot define (NaN) is left out of the chart, not drawn as parity.
      expect(spec.data.values.map((v) => v.ratio ?? NaN)).toEqual(f.groups.map((g) => g.ratioToReference));
      expect(spec.data.values.map((v) => v.status)).toEqual(f.groups.map((g) => (g.ratioToReference < 0.8 ? "below threshold" : "ok")));
      expect(spec.title.subtitle).toContain(`of "${f.reference}"`);
    }
  });
});
