import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distill, Understudy } from "../../src/index.ts";
import { setLogger } from "../../src/core/logger.ts";
import { messages } from "../../src/core/messages/index.ts";
import { sqlDialectNames } from "../../src/export/sql-dialect.ts";
import { penguins, PENGUIN_LABELS } from "../distill/datasets.ts";

// The object's methods reject misuse with one error each: the code, and the message function's text.
const ENV = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "UNDERSTUDY_MODEL"];
const saved: Record<string, string | undefined> = {};
let previousLogger: ReturnType<typeof setLogger>;
const rows = penguins();
let tree: Understudy;
let knn: Understudy;

beforeAll(async () => {
  for (const k of ENV) { saved[k] = process.env[k]; delete process.env[k]; }
  previousLogger = setLogger({ warn: () => {}, info: () => {} });
  const common = { data: rows, task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species" };
  tree = await distill({ ...common, model: "tree" });
  knn = await distill({ ...common, model: "knn" });
});
afterAll(() => {
  for (const k of ENV) if (saved[k] !== undefined) process.env[k] = saved[k];
  setLogger(previousLogger);
});

describe("Understudy methods", () => {
  it("predict is the argmax of predictProba, one row each, in classes order", () => {
    const sample = rows.slice(0, 30);
    const p = tree.predictProba(sample);
    expect(p).toHaveLength(30);
    expect(tree.predict(sample)).toEqual(p.map((r) => tree.classes![r.indexOf(Math.max(...r))]));
  });

  it("rows that are not objects", () => {
    expect(() => tree.predict([1, 2] as never)).toThrow(expect.objectContaining({ code: "bad_input", message: messages.understudy.rowsNotObjects(0) }));
    expect(() => tree.explain("row" as never)).toThrow(expect.objectContaining({ code: "bad_input", message: messages.understudy.rowNotObject() }));
  });

  it("toSQL: an unknown dialect, and a k-NN model that has no SQL form", () => {
    expect(() => tree.toSQL({ dialect: "oracle" as never, table: "t" })).toThrow(messages.understudy.sqlDialect(sqlDialectNames, "oracle"));
    expect(() => knn.toSQL({ dialect: "duckdb", table: "t" })).toThrow(expect.objectContaining({ code: "no_sql_form", message: messages.understudy.knnHasNoSQL() }));
  });

  it("a cascade with no teacher configured", async () => {
    await expect(tree.cascade(rows.slice(0, 3))).rejects.toMatchObject({ code: "no_teacher", message: messages.understudy.cascadeNoTeacher() });
  });

  it("charts.partialDependence of a feature the model does not have", () => {
    expect(() => tree.charts.partialDependence("wingspan")).toThrow(expect.objectContaining({ code: "unknown_column", message: messages.understudy.unknownChartFeature("wingspan", tree.model.featureNames) }));
  });

  it("the notebook card names the task and the held-out agreement", () => {
    const card = tree[Symbol.for("Jupyter.display") as never] as unknown as () => Record<string, string>;
    expect(card.call(tree)["text/plain"]).toContain("Which species is this penguin?");
  });
});
