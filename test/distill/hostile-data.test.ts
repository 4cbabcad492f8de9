import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { messages } from "../../src/core/messages/index.ts";
import { distill } from "../../src/distill.ts";
import { MIN_LABELS } from "../../src/distill/buy-labels.ts";
import { Understudy } from "../../src/understudy/understudy.ts";

// Messy data must never give a silently wrong model: these run distill with the gold labels
// teaching (teacher: false), so no LLM is involved and each figure follows from the rows.
let previousLogger: ReturnType<typeof setLogger>;
beforeAll(() => { previousLogger = setLogger({ warn: () => {}, info: () => {} }); });
afterAll(() => { setLogger(previousLogger); });

const dir = mkdtempSync(join(tmpdir(), "understudy-hostile-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const accuracy = (predicted: unknown[], gold: unknown[]) => predicted.filter((p, i) => p === gold[i]).length / gold.length;

describe("classes named like missing values are classes", () => {
  // x alone decides the class: 0-14 → "NA", 15-29 → "none", 30-44 → "null" (each x twice, so not an id).
  const classOf = (x: number) => (x < 15 ? "NA" : x < 30 ? "none" : "null");
  const rows = Array.from({ length: 90 }, (_, i) => ({ x: Math.floor(i / 2), label: classOf(Math.floor(i / 2)) }));
  const labels = ["NA", "none", "null"];
  let u: Understudy;
  beforeAll(async () => {
    u = await distill({ data: rows, task: "Which band is x in?", labels, target: "label", teacher: false, features: ["x"], model: "tree" });
  });

  it("keeps every row, learns all three classes and predicts each of them", () => {
    expect(u.metadata.split.labelled.train + u.metadata.split.labelled.validation + u.metadata.split.labelled.test).toBe(90);
    expect([...u.classes!].sort()).toEqual([...labels].sort());
    const predicted = u.predict(rows);
    expect(new Set(predicted)).toEqual(new Set(labels));
    expect(accuracy(predicted, rows.map((r) => r.label))).toBeGreaterThanOrEqual(0.95);
    expect(u.metadata.missingCells).toEqual([]);
  });

  it("reads the same classes from a CSV file, where NA and null are text", async () => {
    const path = file("bands.csv", "x,label\n" + rows.map((r) => `${r.x},${r.label}`).join("\n") + "\n");
    const fromFile = await distill({ data: path, task: "Which band is x in?", labels, target: "label", teacher: false, features: ["x"], model: "tree" });
    expect(fromFile.metadata.split.labelled.train + fromFile.metadata.split.labelled.validation + fromFile.metadata.split.labelled.test).toBe(90);
    expect(new Set(fromFile.predict(rows))).toEqual(new Set(labels));
    expect(fromFile.predict(rows)).toEqual(u.predict(rows));
  });
});

describe("a categorical level \"none\" is a level, and missing markers are an option", () => {
  // "other payment plans": none → good, bank / stores → bad; 4 cells of amount are "NA", 2 are null.
  const plans = ["none", "bank", "stores"];
  const rows = Array.from({ length: 60 }, (_, i) => ({
    plan: plans[i % 3],
    amount: i < 4 ? "NA" : i < 6 ? null : 100 + i,
    label: i % 3 === 0 ? "good" : "bad",
  }));
  const base = { data: rows, task: "Is this credit good?", labels: ["good", "bad"], target: "label", teacher: false as const, model: "tree" as const };

  it("by default encodes \"none\" as its own level and counts only NA and null as missing", async () => {
    const u = await distill(base);
    const json = u.toJSON() as unknown as { featurizer: { table: { missingMarkers: string[] }; lineage: { name: string }[] } };
    const names = json.featurizer.lineage.map((l) => l.name);
    expect(names).toContain("plan = none");
    expect(names).not.toContain("plan is missing");
    expect(json.featurizer.table.missingMarkers).toEqual(["", "na", "n/a", "nan", "null"]);
    expect(u.metadata.missingCells).toEqual([{ column: "amount", count: 6 }]);
    expect(u.predict([{ plan: "none", amount: 120 }, { plan: "bank", amount: 120 }])).toEqual(["good", "bad"]);
  });

  it("with missing: [\"\", \"NA\", \"none\"] reads \"none\" as missing, in the model and after a JSON round trip", async () => {
    const u = await distill({ ...base, missing: ["", "NA", "none"] });
    const json = u.toJSON() as unknown as { featurizer: { table: { missingMarkers: string[] }; lineage: { name: string }[] } };
    expect(json.featurizer.table.missingMarkers).toEqual(["", "na", "none"]);
    expect(json.featurizer.lineage.map((l) => l.name)).toContain("plan is missing");
    expect(u.metadata.missingCells).toEqual([{ column: "plan", count: 20 }, { column: "amount", count: 6 }]);
    const copy = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
    const probe = [{ plan: " NONE ", amount: 150 }, { plan: "stores", amount: "null" }];
    expect(copy.predict(probe)).toEqual(u.predict(probe));
    expect(u.predict(probe)[0]).toBe("good"); // " NONE " is missing, which only the "none" rows were
  });

  it("rejects missing that is not an array of strings, naming the value", async () => {
    await expect(distill({ ...base, missing: "NA" as unknown as string[] })).rejects.toThrow(messages.data.missingMarkers("NA"));
    await expect(distill({ ...base, missing: [1] as unknown as string[] })).rejects.toMatchObject({ code: "bad_option" });
  });
});

describe("a column named twice is refused", () => {
  it("in CSV and TSV headers, JSON rows and JSON columns, naming the column", async () => {
    const body = Array.from({ length: 30 }, (_, i) => `${i},${i % 5},${i % 7},${i % 2 ? "a" : "b"}`).join("\n");
    const csv = file("dup.csv", `id,x,x,y\n${body}\n`);
    const tsv = file("dup.tsv", `id\tx\tx\ty\n${body.replaceAll(",", "\t")}\n`);
    const json = file("dup.json", '[{"id": 1, "x": 2, "x": 3, "y": "a"}]');
    const columns = file("dup-columns.json", '{"x": [1, 2], "y": ["a", "b"], "x": [3, 4]}');
    const ndjson = file("dup.ndjson", '{"x": 1, "y": "a"}\n{"x": 2, "y": "b", "y": "c"}\n');
    const options = { task: "Is y a?", labels: ["a", "b"], target: "y", teacher: false as const };
    await expect(distill({ data: csv, ...options })).rejects.toThrow(messages.data.duplicateColumn("x", `The header of "${csv}"`));
    await expect(distill({ data: tsv, ...options })).rejects.toThrow(messages.data.duplicateColumn("x", `The header of "${tsv}"`));
    await expect(distill({ data: json, ...options })).rejects.toThrow(messages.data.duplicateColumn("x", `"${json}"`));
    await expect(distill({ data: columns, ...options })).rejects.toThrow(messages.data.duplicateColumn("x", `"${columns}"`));
    await expect(distill({ data: ndjson, ...options })).rejects.toThrow(messages.data.duplicateColumn("y", `"${ndjson}"`));
    for (const path of [csv, tsv, json, columns, ndjson]) await expect(distill({ data: path, ...options })).rejects.toMatchObject({ code: "duplicate_column" });
  });
});

describe("a numeric column with a few cells that are not numbers stays numeric", () => {
  // label = x ≥ 50; 3 of 100 cells of x are "Infinity", "1e309" and "abc".
  const lines = Array.from({ length: 100 }, (_, i) => {
    const x = i === 10 ? "Infinity" : i === 40 ? "1e309" : i === 70 ? "abc" : String(i);
    return `${x},${i % 4},${i >= 50 ? "high" : "low"}`;
  });
  const path = file("stray.csv", "x,noise,label\n" + lines.join("\n") + "\n");
  let u: Understudy;
  beforeAll(async () => {
    u = await distill({ data: path, task: "Is x high?", labels: ["high", "low"], target: "label", teacher: false, model: "tree" });
  });

  it("encodes x as one number (not one-hot of its values) and predicts from it", () => {
    expect(u.metadata.schema.columns.find((c) => c.name === "x")?.role).toBe("numeric");
    const names = (u.toJSON() as unknown as { featurizer: { lineage: { name: string }[] } }).featurizer.lineage.map((l) => l.name);
    expect(names).toContain("x");
    expect(names.filter((n) => n.startsWith("x = "))).toEqual([]);
    const probe = Array.from({ length: 100 }, (_, i) => ({ x: i, noise: i % 4 }));
    expect(accuracy(u.predict(probe), probe.map((r) => (r.x >= 50 ? "high" : "low")))).toBeGreaterThanOrEqual(0.95);
  });

  it("warns with the column, the count and the cells, and counts them as missing", () => {
    expect(u.metadata.warnings).toContain(messages.data.unparsedNumbers("x", 3, ["Infinity", "1e309", "abc"]));
    expect(u.metadata.missingCells).toEqual([{ column: "x", count: 3 }]);
  });
});

describe("columns named like Object methods are ordinary columns", () => {
  for (const name of ["constructor", "toString", "valueOf", "hasOwnProperty"]) {
    it(`"${name}" as a feature: distill → predict (also rows without it) → toJSON/fromJSON`, async () => {
      const rows = Array.from({ length: 60 }, (_, i) => ({ [name]: Math.floor(i / 2), z: i % 3, label: i >= 30 ? "high" : "low" }));
      const u = await distill({ data: rows, task: `Is ${name} high?`, labels: ["high", "low"], target: "label", teacher: false, model: "tree" });
      expect(u.metadata.features).toContain(name);
      const probe = [{ [name]: 5, z: 1 }, { [name]: 55, z: 1 }, { z: 2 }];
      const predicted = u.predict(probe);
      expect(predicted.slice(0, 2)).toEqual(["low", "high"]);
      expect(["low", "high"]).toContain(predicted[2]); // a row without the column: a missing value
      const copy = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
      expect(copy.predict(probe)).toEqual(predicted);
      expect(() => u.predict([{ z: 1 }])).toThrow(messages.data.encoderColumnMissing(name, [name, "z"].filter((c) => u.metadata.features.includes(c))));
    });
  }

  it("\"__proto__\" is refused with a clear error, from rows and from a CSV header", async () => {
    const rows = JSON.parse(JSON.stringify(Array.from({ length: 30 }, (_, i) => ({ p: i, label: i % 2 ? "a" : "b" }))).replaceAll('"p"', '"__proto__"'));
    const options = { task: "a or b?", labels: ["a", "b"], target: "label", teacher: false as const };
    await expect(distill({ data: rows, ...options })).rejects.toThrow(messages.data.reservedColumnName("__proto__"));
    const csv = file("proto.csv", "__proto__,label\n" + Array.from({ length: 30 }, (_, i) => `${i},${i % 2 ? "a" : "b"}`).join("\n"));
    await expect(distill({ data: csv, ...options })).rejects.toMatchObject({ code: "bad_input" });
  });
});

describe("empty and tiny data say what is wrong", () => {
  const options = { task: "a or b?", labels: ["a", "b", "c"], target: "label", teacher: false as const };

  it("an empty file says the file is empty", async () => {
    const path = file("empty.csv", "");
    await expect(distill({ data: path, ...options })).rejects.toThrow(messages.data.emptyFile(path));
    await expect(distill({ data: path, ...options })).rejects.toMatchObject({ code: "empty_input" });
  });

  it("a one-row file says it has too few rows to split", async () => {
    const path = file("one.csv", "x,label\n1,a\n");
    await expect(distill({ data: path, ...options })).rejects.toThrow(messages.data.tooFewRows(1, MIN_LABELS));
  });

  it("a label that never occurs in the gold labels is warned about", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ x: Math.floor(i / 2), label: i < 20 ? "a" : "b" }));
    const u = await distill({ data: rows, ...options, model: "tree" });
    expect(u.metadata.warnings).toContain(messages.data.labelNeverInGold(["c"], "label"));
  });
});
