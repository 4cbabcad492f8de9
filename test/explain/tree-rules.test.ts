import { describe, expect, it } from "vitest";
import { treeRules } from "../../src/explain/tree-rules.ts";
import { formatTreeRules } from "../../src/explain/format-tree-rules.ts";
import { decisionPath } from "../../src/explain/decision-path.ts";
import { HandTreeModel, buildTree } from "./tree-fixtures.ts";
import { messages } from "../../src/core/messages/index.ts";

// links <= 6.5 → (caps <= 0.2 → ham 90% of 30, else spam 60% of 10), else (links <= 20 → spam 95% of 20, else spam of 5)
const tree = buildTree({
  feature: 0,
  threshold: 6.5,
  left: {
    feature: 1,
    threshold: 0.2,
    missingLeft: false,
    left: { value: [0.9, 0.1], cover: 30 },
    right: { value: [0.4, 0.6], cover: 10 },
  },
  right: {
    feature: 0,
    threshold: 20,
    left: { value: [0.05, 0.95], cover: 20 },
    right: { value: [0, 1], cover: 5 },
  },
});
const model = new HandTreeModel([tree], ["links", "caps"], ["ham", "spam"]);

describe("treeRules", () => {
  it("lists one rule per leaf with merged conditions, counts and class shares", () => {
    const rules = treeRules(model);
    expect(rules).toHaveLength(4);
    expect(rules[0]).toMatchObject({
      conditions: [
        { name: "links", op: "<=", threshold: 6.5, includesMissing: true },
        { name: "caps", op: "<=", threshold: 0.2, includesMissing: false },
      ],
      samples: 30,
      prediction: "ham",
      value: [0.9, 0.1],
    });
    expect(rules[1].conditions[1]).toMatchObject({ op: ">", includesMissing: true });
    // links > 6.5 then links <= 20: two directions, kept apart
    expect(rules[2].conditions).toEqual([
      expect.objectContaining({ name: "links", op: ">", threshold: 6.5 }),
      expect.objectContaining({ name: "links", op: "<=", threshold: 20 }),
    ]);
    // links > 6.5 then links > 20 merge into the tighter links > 20
    expect(rules[3].conditions).toEqual([expect.objectContaining({ name: "links", op: ">", threshold: 20 })]);
    expect(rules.reduce((a, r) => a + r.samples, 0)).toBe(65);
  });

  it("renders readable text with feature names", () => {
    const text = formatTreeRules(treeRules(model));
    expect(text.split("\n")[0]).toBe("IF links <= 6.5 (or missing) AND caps <= 0.2 THEN ham (ham 90%, spam 10%; 30 rows)");
    expect(text.split("\n")[3]).toBe("IF links > 20 THEN spam (spam 100%, ham 0%; 5 rows)");
  });

  it("renders regression leaves with their mean", () => {
    const reg = new HandTreeModel([buildTree({ feature: 0, threshold: 1, left: { value: [2.5], cover: 4 }, right: { value: [7], cover: 2 } })], ["a"]);
    expect(formatTreeRules(treeRules(reg))).toBe("IF a <= 1 (or missing) THEN 2.5 (mean 2.5; 4 rows)\nIF a > 1 THEN 7 (mean 7; 2 rows)");
  });

  it("rejects a tree index the model does not have", () => {
    expect(() => treeRules(model, { tree: 2 })).toThrow(messages.explain.noSuchTree("treeRules", 2, model.trees.length));
  });
});

describe("decisionPath", () => {
  it("follows the row's tests to its leaf, including a missing value's route", () => {
    const p = decisionPath(model, [3, NaN]);
    expect(p.steps.map((s) => [s.name, s.op, s.threshold, s.missing])).toEqual([
      ["links", "<=", 6.5, false],
      ["caps", ">", 0.2, true],
    ]);
    expect(p.value).toEqual([0.4, 0.6]);
    expect(p.samples).toBe(10);
    expect(model.predictProba([[3, NaN]])[0]).toEqual(p.value);
  });
  it("rejects a row of the wrong width", () => {
    expect(() => decisionPath(model, [1])).toThrow(messages.explain.rowWidth("decisionPath", 1, 2));
  });
});
