import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { pickExamples } from "../../src/teach/pick-examples.ts";
import { sampleByLabel } from "../../src/teach/sample-by-label.ts";
import { tableColumns } from "../../src/teach/table-columns.ts";

const pool = ["free money now", "free money today", "free money fast", "team meeting notes", "meeting agenda team", "server patch kernel", "kernel patch build"];

describe("pickExamples", () => {
  it("similarity picks the nearest pool texts to the query", () => {
    expect(pickExamples(pool, ["kernel patch"], 2, "similarity")).toEqual([5, 6]);
  });

  it("diversity covers the three topics with three examples (k-center greedy)", () => {
    const topic = (i: number) => (i < 3 ? "money" : i < 5 ? "meeting" : "kernel");
    for (const seed of [0, 1, 2, 3]) {
      const picked = pickExamples(pool, [], 3, "diversity", seed);
      expect(new Set(picked.map(topic)).size, `seed ${seed}`).toBe(3);
    }
  });

  it("random is seeded; k at or above the pool size returns the pool; bad k is rejected", () => {
    expect(pickExamples(pool, [], 3, "random", 5)).toEqual(pickExamples(pool, [], 3, "random", 5));
    expect(pickExamples(pool, [], 10)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(() => pickExamples(pool, [], -1)).toThrow(messages.teach.fewShotCount(-1));
    expect(() => pickExamples(pool, [], 2, "loudest" as never)).toThrow(messages.teach.fewShotStrategy("loudest"));
  });
});

describe("sampleByLabel and tableColumns", () => {
  it("balances labels round-robin and skips unlabeled rows", () => {
    const labels = ["a", "a", "a", "a", "b", null, "c"];
    const s = sampleByLabel(labels, 4, 0);
    expect(s.map((i) => labels[i]).sort()).toEqual(["a", "a", "b", "c"]);
    expect(s).not.toContain(5);
  });

  it("describes numeric ranges, booleans and common text values", () => {
    expect(tableColumns([{ age: 30, ok: true, city: "Oslo" }, { age: "50", ok: false, city: "Lima" }, { age: null, ok: null, city: "Oslo" }])).toEqual([
      { name: "age", type: "number", summary: "30 to 50" },
      { name: "ok", type: "boolean" },
      { name: "city", type: "text", summary: "e.g. Oslo, Lima" },
    ]);
  });
});
