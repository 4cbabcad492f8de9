import { describe, expect, it } from "vitest";
import { fairnessByGroup } from "../../src/evaluate/fairness-by-group.ts";

describe("fairnessByGroup", () => {
  const groups = ["f", "f", "f", "f", "m", "m", "m", "m", "m", "m", null];
  const predictions = ["yes", "no", "no", "no", "yes", "yes", "yes", "no", "no", "no", "yes"];
  const gold = ["yes", "no", "yes", "no", "yes", "yes", "no", "no", "no", "no", "no"];
  const teacher = ["yes", "no", "no", "no", "yes", "yes", "yes", "yes", "no", "no", "yes"];

  it("reports positive rate, accuracy and agreement per group with the disparate-impact ratio", () => {
    const r = fairnessByGroup({ groups, predictions, gold, teacherLabels: teacher, positive: "yes" });
    expect(r.reference).toBe("m"); // the largest group
    expect(r.groups).toEqual([
      { group: "(missing)", n: 1, positives: 1, positiveRate: 1, accuracy: 0, agreement: 1, ratioToReference: 2 },
      { group: "f", n: 4, positives: 1, positiveRate: 0.25, accuracy: 0.75, agreement: 1, ratioToReference: 0.5 },
      { group: "m", n: 6, positives: 3, positiveRate: 0.5, accuracy: 5 / 6, agreement: 5 / 6, ratioToReference: 1 },
    ]);
    expect(r.disparateImpact).toBe(0.25);
  });

  it("takes a reference group and leaves out accuracy without gold", () => {
    const r = fairnessByGroup({ groups: groups.slice(0, 10), predictions: predictions.slice(0, 10), positive: "yes", reference: "f" });
    expect(r.groups.map((g) => g.ratioToReference)).toEqual([1, 2]);
    expect(r.groups[0].accuracy).toBeUndefined();
    expect(r.disparateImpact).toBe(0.5);
    expect(() => fairnessByGroup({ groups, predictions, positive: "yes", reference: "x" })).toThrow(/reference group "x"/);
    expect(() => fairnessByGroup({ groups: ["a"], predictions, positive: "yes" })).toThrow(/groups has 1 values/);
  });
});
