import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distill, type Understudy } from "../../src/index.ts";
import { setLogger } from "../../src/core/logger.ts";
import { messages } from "../../src/core/messages/index.ts";
import { Featurizer } from "../../src/features/featurizer.ts";
import { populationStability } from "../../src/understudy/population-stability.ts";
import { monitorRows } from "../../src/understudy/monitor.ts";
import { trainingReference } from "../../src/understudy/training-reference.ts";
import type { UnderstudyParts } from "../../src/understudy/understudy-parts.ts";
import { HandLogistic } from "../explain/model-fixtures.ts";
import { creditRows } from "./credit-rows.ts";

describe("PSI by hand", () => {
  // Training income 1…10: deciles 1…9, ten bins of 0.1 each. Region: a 0.6, b 0.4.
  const train = Array.from({ length: 10 }, (_, i) => ({ income: i + 1, region: i < 6 ? "a" : "b" }));
  // Income is unique per row, which inference would take for an id: the roles are given.
  const schema = { nRows: 10, columns: [{ name: "income", role: "numeric" }, { name: "region", role: "categorical" }] } as never;
  const featurizer = new Featurizer({ schema, features: ["income", "region"] }).fit(train);
  const model = new HandLogistic(new Array(featurizer.lineage.length).fill(0), 0, featurizer.lineage.map((l) => l.name), ["no", "yes"]);
  const reference = trainingReference({ featurizer, model, rows: train, schema, labels: ["yes", "no"] });
  const parts = { featurizer, model, metadata: { reference, labels: ["yes", "no"] } } as unknown as UnderstudyParts;

  it("stores the training deciles and levels", () => {
    expect(reference.columns).toEqual([
      { column: "income", kind: "numeric", edges: [1, 2, 3, 4, 5, 6, 7, 8, 9], shares: new Array(10).fill(0.1), means: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], missing: 0 },
      { column: "region", kind: "categorical", levels: ["a", "b"], shares: [0.6, 0.4], other: 0, missing: 0 },
    ]);
  });

  it("numeric: empty bins floored at 1e-4; categorical: unseen levels as other, missing apart", () => {
    // New income: five 1s and five 10s → bins 0 and 9 hold 0.5 each, eight bins are empty.
    // Region: a, a, c, c, missing ×6 → a 0.2, b 0, other 0.2, missing 0.6.
    const rows = Array.from({ length: 10 }, (_, i) => ({ income: i < 5 ? 1 : 10, region: ["a", "a", "c", "c"][i] ?? null }));
    const m = monitorRows(parts, rows);
    const income = 2 * (0.5 - 0.1) * Math.log(0.5 / 0.1) + 8 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1); // + missing: 1e-4 vs 1e-4 → 0
    const region = (0.2 - 0.6) * Math.log(0.2 / 0.6) + (1e-4 - 0.4) * Math.log(1e-4 / 0.4) + (0.2 - 1e-4) * Math.log(0.2 / 1e-4) + (0.6 - 1e-4) * Math.log(0.6 / 1e-4);
    expect(m.columns.map((c) => c.column)).toEqual(["income", "region"]);
    expect(m.columns[0].psi).toBeCloseTo(income, 12);
    expect(m.columns[0].psi).toBeCloseTo(6.80822, 4);
    expect(m.columns[1].psi).toBeCloseTo(region, 12);
    expect(m.columns[1].bins.map((b) => [b.bin, b.expected, b.actual])).toEqual([["a", 0.6, 0.2], ["b", 0.4, 0], ["other", 0, 0.2], ["missing", 0, 0.6]]);
    expect(m.drifted).toEqual(income > region ? ["income", "region"] : ["region", "income"]); // most shifted first
    // The model gives p = 0.5 everywhere: the output has not moved.
    expect(m.prediction).toMatchObject({ output: "P(yes)", psi: 0 });
    expect(m.rows).toBe(10);
  });

  it("the same rows as training: PSI 0, nothing drifted", () => {
    const m = monitorRows(parts, train);
    expect(m.columns.map((c) => c.psi)).toEqual([0, 0]);
    expect(m.drifted).toEqual([]);
  });

  it("populationStability is symmetric in its terms and 0 for equal shares", () => {
    expect(populationStability([0.5, 0.5], [0.4, 0.6])).toBeCloseTo(0.1 * Math.log(1.2) - 0.1 * Math.log(0.8), 15);
    expect(populationStability([0.3, 0.7], [0.3, 0.7])).toBe(0);
  });

  it("no rows, and a bundle without training distributions", () => {
    expect(() => monitorRows(parts, [])).toThrow(expect.objectContaining({ code: "empty_input", message: messages.understudy.monitorNoRows() }));
    const old = { ...parts, metadata: { labels: ["yes", "no"] } } as unknown as UnderstudyParts;
    expect(() => monitorRows(old, train)).toThrow(expect.objectContaining({ code: "not_measured", message: messages.understudy.noTrainingReference("monitor") }));
  });
});

describe("u.monitor on a distilled model", () => {
  let u: Understudy;
  let previous: ReturnType<typeof setLogger>;
  const rows = creditRows(600, 1);
  beforeAll(async () => {
    previous = setLogger({ warn: () => {}, info: () => {} });
    u = await distill({ data: rows, task: "Will this applicant repay?", labels: ["good", "bad"], target: "label", model: "logistic", seed: 0 });
  }, 120_000);
  afterAll(() => { setLogger(previous); });

  it("monitors the input columns the model reads (not the id), survives the JSON round trip", () => {
    const m = u.monitor(creditRows(400, 2));
    expect(m.columns.map((c) => c.column).sort()).toEqual(["debt_ratio", "income", "region"]);
    expect(m.drifted).toEqual([]);
    expect(m.prediction.output).toBe("P(good)");
    const again = (u.constructor as typeof Understudy).fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
    expect(again.monitor(creditRows(400, 2))).toEqual(m);
  });

  it("a shifted column drifts; the others do not", () => {
    const shifted = creditRows(400, 3).map((r) => ({ ...r, income: (r.income as number | null) === null ? null : (r.income as number) * 3 }));
    const m = u.monitor(shifted);
    expect(m.drifted).toEqual(["income"]);
    expect(m.columns.find((c) => c.column === "income")!.psi).toBeGreaterThan(1);
    const spec = u.charts.drift(m);
    expect(spec.data.values.map((b) => b.name).sort()).toEqual(["P(good)", "debt_ratio", "income", "region"]);
    expect(spec.data.values.find((b) => b.name === "income")!.level).toBe("drifted");
  });
});
