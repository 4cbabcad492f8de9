import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { distill } from "../../src/distill.ts";
import type { Understudy } from "../../src/understudy/understudy.ts";
import { penguins, PENGUIN_LABELS } from "./datasets.ts";

// u.explain(row) must tell the story of u.predict(row): the same label and probability, and
// reason codes that add up to the model's own output, for every family "auto" can pick.
const rows = penguins();
let restore: ReturnType<typeof setLogger>;
beforeAll(() => { restore = setLogger({ warn: () => {}, info: () => {} }); });
afterAll(() => { setLogger(restore); });

describe.each(["tree", "logistic", "ebm", "knn", "forest"] as const)("explain agrees with predict (%s)", (model) => {
  let u: Understudy;
  beforeAll(async () => {
    u = await distill({ data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", teacher: false, model, seed: 2 });
  });

  it("same prediction and probability; reasons add up to the explained output", () => {
    const sample = rows.filter((_, i) => i % 9 === 0);
    const predicted = u.predict(sample);
    const proba = u.predictProba(sample);
    sample.forEach((row, i) => {
      const e = u.explain(row);
      expect(e.prediction).toBe(predicted[i]);
      expect(e.probability).toBe(proba[i][u.classes!.indexOf(predicted[i])]);
      const r = e.reasons;
      expect(r.base + r.all.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(r.outputValue, 9);
      const k = u.classes!.indexOf(r.output as string);
      // The explained output is the model's: a probability, or the linear score whose softmax gives it.
      if (r.scale === "probability") expect(r.outputValue).toBeCloseTo(proba[i][k], 9);
      else expect(r.scale).toBe("score");
    });
  });
});
