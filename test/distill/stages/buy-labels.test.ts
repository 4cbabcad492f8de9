import { describe, expect, it } from "vitest";
import { setLogger } from "../../../src/core/logger.ts";
import { messages } from "../../../src/core/messages/index.ts";
import { inferSchema } from "../../../src/data/infer-schema.ts";
import { buyLabels } from "../../../src/distill/buy-labels.ts";
import type { LoadedInputs } from "../../../src/distill/load-inputs.ts";
import { runEvents } from "../../../src/distill/run-events.ts";
import { functionTeacher } from "../../../src/llm/function-teacher.ts";
import { TeacherSession } from "../../../src/understudy/teacher-session.ts";
import { promptRows } from "../../teach/prompt-rows.ts";

// 200 rows, 4 per call: validation (40 rows) and test (40) take 10 calls each, so a cap of 25
// calls leaves exactly 5 calls, 20 training rows, before the budget stops the run.
const rows = Array.from({ length: 200 }, (_, i) => ({ x: i }));
const inputs: LoadedInputs = { rows, columns: ["x"], schema: inferSchema(rows), text: [], features: ["x"], kind: "classification" };
const teacher = () => functionTeacher((req) => ({
  answers: promptRows(req.messages).map((r) => ({ id: r.id, label: Number(/\d+/.exec(r.content)![0]) >= 100 ? "high" : "low", confidence: 0.9 })),
}));
const options = { task: "Is x high?", labels: ["high", "low"], seed: 0, split: { train: 0.6, validation: 0.2, test: 0.2 } };

describe("buyLabels (stage 4)", () => {
  it("returns a budget stop as data and goes on with the labels paid for", async () => {
    const restore = setLogger({ warn: () => {} });
    const session = new TeacherSession(teacher(), { maxCalls: 25 });
    const events = runEvents(undefined);
    const bought = await buyLabels({ ...options, budget: { maxCalls: 25 } }, inputs, session, events);
    setLogger(restore);
    expect(bought.budgetStop?.code).toBe("budget_exceeded");
    expect(bought.used.validation).toHaveLength(40);
    expect(bought.used.test).toHaveLength(40);
    expect(bought.used.train).toHaveLength(20);
    // Rows the budget stopped were never asked: neither requested nor failed.
    expect(bought.counts).toEqual({ requested: 100, unsure: 0, failed: 0 });
    expect(bought.trainAsked).toBe(20);
    expect(events.warnings).toEqual(["The budget ran out while labeling (budget.maxCalls = 25): going on with the labels paid for (train 20, validation 40, test 40)."]);
    for (const i of bought.used.train) expect(bought.labelOf[i]).toBe(i >= 100 ? "high" : "low");
  });

  it("throws budget_exceeded, with the stop as its cause, when too few labels were bought", async () => {
    const session = new TeacherSession(teacher(), { maxCalls: 12 });
    const run = buyLabels({ ...options, budget: { maxCalls: 12 } }, inputs, session, runEvents(undefined));
    await expect(run).rejects.toMatchObject({ code: "budget_exceeded", cause: { code: "budget_exceeded" } });
  });

  it("without a teacher, the gold labels are the labels", async () => {
    const gold = rows.map((r) => (r.x % 50 === 7 ? null : r.x >= 100 ? "high" : "low"));
    const restore = setLogger({ warn: () => {} });
    const events = runEvents(undefined);
    const bought = await buyLabels({ ...options, target: "y" }, { ...inputs, gold }, undefined, events);
    setLogger(restore);
    expect(bought.used.train.length + bought.used.validation.length + bought.used.test.length).toBe(196);
    expect(events.warnings).toEqual(['4 row(s) have no gold label in column "y"; they were left out of training and evaluation.']);
    const tooFew = buyLabels({ ...options, target: "y" }, { ...inputs, rows: rows.slice(0, 20), gold: gold.slice(0, 20) }, undefined, runEvents(undefined));
    await expect(tooFew).rejects.toMatchObject({ code: "too_few_labels", message: messages.distill.tooFewLabels("train 11, validation 4, test 4", true, { train: 10, validation: 5, test: 5 }, false) });
  });

  it("hands on a group per row: copies and one entity's rows share one, and one part", async () => {
    // 120 rows: customers c0..c29 with 4 rows each; rows 0–9 are copies of rows 10–19 (equal on x).
    const grouped = Array.from({ length: 120 }, (_, i) => ({ x: i < 10 ? i + 10 : i, customer: `c${i % 30}` }));
    const gold = grouped.map((r) => (r.x % 3 === 0 ? "high" : "low"));
    const at = { ...inputs, rows: grouped, columns: ["x", "customer"], schema: inferSchema(grouped), gold };
    const restore = setLogger({ warn: () => {} });
    const events = runEvents(undefined);
    const copies = await buyLabels({ ...options, target: "y" }, at, undefined, events);
    const byEntity = await buyLabels({ ...options, target: "y", split: { ...options.split, group: "customer" } }, at, undefined, runEvents(undefined));
    setLogger(restore);
    const partOf = (b: typeof copies) => {
      const part = new Map<number, string>();
      for (const name of ["train", "validation", "test"] as const) for (const i of b.parts[name]) part.set(i, name);
      return part;
    };
    expect(copies.grouping).toBe("duplicates");
    expect(copies.duplicates).toEqual({ rows: 10, sets: 10 });
    expect(events.warnings[0]).toMatch(/^10 row\(s\) repeat another row/);
    const p1 = partOf(copies);
    for (let i = 0; i < 10; i++) {
      expect(copies.groups[i]).toBe(copies.groups[i + 10]);
      expect(p1.get(i)).toBe(p1.get(i + 10));
    }
    expect(byEntity.grouping).toBe("group");
    const p2 = partOf(byEntity);
    for (let i = 0; i < 120; i++) {
      expect(byEntity.groups[i]).toBe(byEntity.groups[i % 30]);
      expect(p2.get(i)).toBe(p2.get(i % 30));
    }
    // Copies 0–9 join their twins' customers (c10–c19 hold rows 10–19): the groups are linked.
    expect(byEntity.groups[0]).toBe(byEntity.groups[10]);
  });
});
