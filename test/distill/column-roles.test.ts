import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { Random } from "../../src/core/random.ts";
import { inferSchema } from "../../src/data/infer-schema.ts";
import { distill } from "../../src/distill.ts";

// Dates and near-unique categories (names, titles) are never text, never one-hot encoded.
let restore: ReturnType<typeof setLogger>;
beforeAll(() => { restore = setLogger({ warn: () => {}, info: () => {} }); });
afterAll(() => { setLogger(restore); });

const rng = new Random(3);
const FIRST = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret", "Ken"];
const rows = Array.from({ length: 200 }, (_, i) => {
  const amount = Math.round(rng.next() * 1000);
  return {
    signed: new Date(Date.UTC(2023, 0, 1) + i * 36e5 * 7).toISOString(), // ISO date-times
    day: `2024-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`, // ISO dates, repeating
    customer: `${FIRST[i % 10]} ${String.fromCharCode(65 + Math.floor(i / 10))}.`, // 200 distinct names, 2 words each
    plan: ["basic", "pro", "team"][i % 3],
    amount,
    label: amount > 500 ? "big" : "small",
  };
});

describe("column roles in distill", () => {
  it("leaves dates and near-unique names out of the features, with the reason", async () => {
    const u = await distill({ data: rows, task: "Is it a big order?", labels: ["big", "small"], target: "label", teacher: false, model: "tree" });
    expect(u.metadata.features).toEqual(["plan", "amount"]);
    expect(u.metadata.text).toEqual([]);
    const role = (name: string) => u.metadata.schema.columns.find((c) => c.name === name)!;
    expect(role("signed")).toMatchObject({ role: "ignore", valueType: "date" });
    expect(role("day")).toMatchObject({ role: "ignore", valueType: "date" });
    expect(role("day").reason).toContain("ISO date strings");
    expect(role("customer").role).not.toBe("categorical");
    expect(u.featurizer.lineage.some((l) => l.origin.column === "customer" || l.origin.column === "day")).toBe(false);
  });

  it("calls a categorical with nearly one value per row ignore, and says why", () => {
    // 190 distinct names among 200 rows (10 repeats): not unique per row, so not an id.
    const names = rows.map((r, i) => ({ name: i < 10 ? rows[i + 10].customer : r.customer, plan: r.plan }));
    const s = inferSchema(names);
    expect(s.columns[0]).toMatchObject({ name: "name", role: "ignore" });
    expect(s.columns[0].reason).toBe("190 distinct values in 200 rows (95%): nearly one per row, like names or titles; left out (one column per value would learn nothing that carries to new rows)");
    expect(s.columns[1].role).toBe("categorical");
    // Few rows: six cities in ten rows are still a category.
    const small = inferSchema(Array.from({ length: 10 }, (_, i) => ({ city: ["Oslo", "Lima", "Pune", "Kyiv", "Bonn", "Rome"][i % 6], x: i % 4 })));
    expect(small.columns[0].role).toBe("categorical");
  });
});
