import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { messages } from "../../src/core/messages/index.ts";
import { Random } from "../../src/core/random.ts";
import { distill } from "../../src/distill.ts";
import { agreementOf } from "./datasets.ts";

// Splits that match the data: copies of a row, one entity's rows, and time. The gold column
// teaches (no LLM), so every figure here is recomputable by hand.
let restore: ReturnType<typeof setLogger>;
const warned: string[] = [];
beforeAll(() => { restore = setLogger({ warn: (m) => warned.push(m), info: () => {} }); });
afterAll(() => { setLogger(restore); });

/** `n` rows of four random numbers and a random label: nothing to learn. */
function noise(n: number, seed: number): Record<string, unknown>[] {
  const rng = new Random(seed);
  return Array.from({ length: n }, () => ({
    a: rng.next(), b: rng.next(), c: rng.next(), d: rng.next(), label: rng.next() < 0.5 ? "yes" : "no",
  }));
}

describe("distill with duplicated rows", () => {
  // Each of 100 random rows repeated 5 times: a model that memorizes scores ~100% on held-out
  // copies of its training rows, ~50% on rows it has never seen.
  const distinct = noise(100, 1);
  const rows = distinct.flatMap((r) => [r, r, r, r, r].map((c) => ({ ...c })));
  const fresh = noise(400, 2);

  it("keeps copies in one part, so held-out agreement is what fresh rows get, and says how many copies there were", async () => {
    const u = await distill({ data: rows, task: "Is it yes?", labels: ["yes", "no"], target: "label", teacher: false, model: "knn", seed: 3 });
    const onFresh = agreementOf(u.predict(fresh), fresh.map((r) => r.label));
    expect(onFresh).toBeGreaterThan(0.4);
    expect(onFresh).toBeLessThan(0.6);
    // 100 test rows are 20 distinct rows: agreement is chance, within the binomial spread of 20 draws.
    expect(u.metrics.vsTeacher.n).toBe(100);
    expect(u.metrics.vsTeacher.agreement).toBeLessThan(0.8);
    expect(u.metadata.split.duplicates).toEqual({ rows: 400, sets: 100 });
    expect(u.metadata.warnings.some((w) => w.startsWith("400 row(s) repeat another row on every input column (100 distinct row(s) have copies)"))).toBe(true);
  });

  it("finds no duplicates where there are none", async () => {
    const u = await distill({ data: fresh, task: "Is it yes?", labels: ["yes", "no"], target: "label", teacher: false, model: "tree" });
    expect(u.metadata.split.duplicates).toEqual({ rows: 0, sets: 0 });
    expect(u.metadata.warnings.some((w) => w.includes("repeat another row"))).toBe(false);
  });
});

describe("distill with split: { by } (out of time)", () => {
  // The rule flips in the last 20% of days: x > 0.5 means "up" before, "down" after. A model
  // trained on the past gets the latest rows wrong; a random split would hide the drift.
  const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const rng = new Random(5);
  const rows = Array.from({ length: 300 }, (_, i) => {
    const x = rng.next();
    const late = i >= 240;
    return { x, y: rng.next(), when: day(i), label: (x > 0.5) !== late ? "up" : "down" };
  }).reverse(); // file order must not matter

  it("trains on the earliest rows and measures on the latest", async () => {
    const u = await distill({ data: rows, task: "Up or down?", labels: ["up", "down"], target: "label", teacher: false, model: "tree", split: { by: "when" } });
    expect(u.metadata.split).toMatchObject({ by: "when", rows: { train: 180, validation: 60, test: 60 } });
    // The test rows are the 60 latest days, all after the flip: the past's rule is wrong on them.
    expect(u.metrics.vsTeacher.n).toBe(60);
    expect(u.metrics.vsTeacher.agreement).toBeLessThan(0.2);
    const random = await distill({ data: rows, task: "Up or down?", labels: ["up", "down"], target: "label", teacher: false, model: "tree" });
    expect(random.metrics.vsTeacher.agreement).toBeGreaterThan(0.6);
  });

  it("rejects a by column that does not hold times, and by with group", async () => {
    const bad = rows.map((r, i) => ({ ...r, when: i === 7 ? "soon" : r.when }));
    await expect(distill({ data: bad, task: "t", labels: ["up", "down"], target: "label", teacher: false, split: { by: "when" } }))
      .rejects.toThrow(messages.distill.splitByNotTime("when", 7, "soon"));
    await expect(distill({ data: rows, task: "t", labels: ["up", "down"], target: "label", teacher: false, split: { by: "when", group: "x" } }))
      .rejects.toThrow(messages.distill.splitByAndGroup("when", "x"));
    await expect(distill({ data: rows, task: "t", labels: ["up", "down"], target: "label", teacher: false, split: { by: "label" } }))
      .rejects.toThrow(messages.distill.splitColumnIsTarget("by", "label"));
    await expect(distill({ data: rows, task: "t", labels: ["up", "down"], target: "label", teacher: false, split: { group: "who" } }))
      .rejects.toMatchObject({ code: "unknown_column" });
  });
});

describe("distill with split: { group }", () => {
  // 60 customers with 3 to 7 orders each; each customer's label is theirs alone (random), and
  // a customer's orders share a "habit" (plus a trace of noise, so they are not duplicates).
  // A forest remembers seen customers; on new ones it is near chance.
  const rng = new Random(9);
  const rows = Array.from({ length: 60 }, (_, c) => {
    const label = rng.next() < 0.5 ? "churn" : "stay";
    const habit = rng.next();
    return Array.from({ length: 3 + (c % 5) }, () => ({ customer: `c${c}`, habit: habit + rng.next() * 1e-4, label }));
  }).flat();

  it("keeps one customer on one side", async () => {
    const grouped = await distill({ data: rows, task: "Will they churn?", labels: ["churn", "stay"], target: "label", teacher: false, model: "forest", split: { group: "customer" } });
    expect(grouped.metadata.split.group).toBe("customer");
    // New customers: their habit says nothing about their label.
    expect(grouped.metrics.vsTeacher.agreement).toBeLessThan(0.75);
    // Without the group, each test customer also has orders in training: memory scores high.
    const mixed = await distill({ data: rows, task: "Will they churn?", labels: ["churn", "stay"], target: "label", teacher: false, model: "forest" });
    expect(mixed.metrics.vsTeacher.agreement).toBeGreaterThan(0.85);
  });
});

describe("split option checks", () => {
  it("keeps the fractions working, and names a bad key", async () => {
    const rows = noise(100, 4);
    const u = await distill({ data: rows, task: "t", labels: ["yes", "no"], target: "label", teacher: false, model: "tree", split: { train: 0.5, validation: 0.25, test: 0.25 } });
    expect(u.metadata.split.rows).toEqual({ train: 50, validation: 25, test: 25 });
    await expect(distill({ data: rows, task: "t", labels: ["yes", "no"], target: "label", teacher: false, split: { date: "x" } as never }))
      .rejects.toThrow(messages.distill.splitUnknownKey("date", ["train", "validation", "test", "by", "group"]));
    await expect(distill({ data: rows, task: "t", labels: ["yes", "no"], target: "label", teacher: false, split: { train: 0.8 } }))
      .rejects.toThrow(messages.distill.splitShares({ train: 0.8 }));
  });
});
