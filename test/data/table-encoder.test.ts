import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { toArrowIPC } from "arquero";
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { setLogger } from "../../src/core/logger.ts";
import { inferSchema } from "../../src/data/infer-schema.ts";
import { TableEncoder } from "../../src/data/table-encoder.ts";
import { toTable } from "../../src/data/to-table.ts";

const fixturePath = new URL("../fixtures/data/encoder-sklearn.json", import.meta.url);
const sk = JSON.parse(readFileSync(fixturePath, "utf8"));

/** Matrix columns by feature name. */
function columnsOf(X: { featureNames: string[]; column(j: number): Float64Array }): Record<string, number[]> {
  return Object.fromEntries(X.featureNames.map((name, j) => [name, Array.from(X.column(j))]));
}

describe("TableEncoder against scikit-learn", () => {
  // test/fixtures/data/make-encoder-fixture.py: SimpleImputer(median) + StandardScaler +
  // MissingIndicator, OneHotEncoder(max_categories=4, handle_unknown="infrequent_if_exist").
  const encoder = new TableEncoder({
    roles: { x1: "numeric", x2: "numeric", color: "categorical" },
    standardize: true,
    maxCategories: sk.maxCategories,
  }).fit(sk.train);

  for (const part of ["Train", "Test"]) {
    it(`matches sklearn on the ${part.toLowerCase()} rows, feature by feature`, () => {
      const ours = columnsOf(encoder.transform(sk[part.toLowerCase()]));
      const expected: Record<string, number[]> = sk[`expected${part}`];
      expect(Object.keys(ours).sort()).toEqual(Object.keys(expected).sort());
      for (const [name, values] of Object.entries(expected)) {
        ours[name].forEach((v, i) => expect(v).toBeCloseTo(values[i], 10));
      }
    });
  }

  it("stores sklearn's medians, means and standard deviations in its steps", () => {
    const steps = encoder.steps.filter((s) => s.kind === "numeric");
    expect(steps.map((s) => s.column)).toEqual(["x1", "x2"]);
    steps.forEach((s, j) => {
      expect(s.fill).toBeCloseTo(sk.medians[j], 12);
      expect(s.mean).toBeCloseTo(sk.means[j], 10);
      expect(s.std).toBeCloseTo(sk.stds[j], 10);
    });
  });
});

describe("TableEncoder by hand", () => {
  const train = [
    { n: 1, c: "b", ok: "yes", drop: "t1" },
    { n: 3, c: "a", ok: "no", drop: "t2" },
    { n: null, c: "b", ok: true, drop: "t3" },
    { n: 10, c: "a", ok: null, drop: "t4" },
    { n: 2, c: "c", ok: "YES", drop: "t5" },
    { n: 4, c: "d", ok: "no", drop: "t6" },
  ];
  const roles = { n: "numeric", c: "categorical", ok: "boolean" } as const;

  it("names features, imputes the training median and mode, and one-hots by frequency", () => {
    const enc = new TableEncoder({ roles, maxCategories: 2 }).fit(train);
    // c: a and b twice each (tie broken by text), c and d once: they go to "(other)".
    expect(enc.featureNames).toEqual([
      "n",
      "n is missing",
      "c = a",
      "c = b",
      "c = (other)",
      "ok",
      "ok is missing",
    ]);
    expect(enc.transform(train).toRows()).toEqual([
      [1, 0, 0, 1, 0, 1, 0],
      [3, 0, 1, 0, 0, 0, 0],
      [3, 1, 0, 1, 0, 1, 0], // median of 1, 2, 3, 4, 10 is 3
      [10, 0, 1, 0, 0, 1, 1], // mode of ok: yes 3 times, no twice
      [2, 0, 0, 0, 1, 1, 0],
      [4, 0, 0, 0, 1, 0, 0],
    ]);
  });

  it("sends unseen categories to (other) and, without training missings, missing ones too", () => {
    const enc = new TableEncoder({ roles }).fit(train);
    expect(enc.featureNames).toEqual(["n", "n is missing", "c = a", "c = b", "c = c", "c = d", "c = (other)", "ok", "ok is missing"]);
    const X = enc.transform([
      { n: "7", c: "zebra", ok: "maybe" },
      { n: "NA", c: null, ok: "No" },
      { n: 5, c: " NA ", ok: 0 },
    ]);
    expect(X.toRows()).toEqual([
      [7, 0, 0, 0, 0, 0, 1, 1, 1], // "maybe" is not a boolean: filled with the mode, flagged
      [3, 1, 0, 0, 0, 0, 1, 0, 0],
      [5, 0, 0, 0, 0, 0, 1, 0, 0],
    ]);
  });

  it("gives missing categories their own column when training had them", () => {
    const enc = new TableEncoder({ roles: { c: "categorical" } }).fit([{ c: "x" }, { c: "" }, { c: "y" }, { c: "x" }]);
    expect(enc.featureNames).toEqual(["c = x", "c = y", "c = (other)", "c is missing"]);
    expect(enc.transform([{ c: null }, { c: "z" }, { c: "y" }]).toRows()).toEqual([
      [0, 0, 0, 1],
      [0, 0, 1, 0],
      [0, 1, 0, 0],
    ]);
  });

  it("compares categories as text, so 2001 and \"2001\" are one category", () => {
    const enc = new TableEncoder({ roles: { zip: "categorical" } }).fit({ zip: [2001, "2001", 3000] });
    expect(enc.featureNames).toEqual(["zip = 2001", "zip = 3000", "zip = (other)"]);
    expect(enc.transform({ zip: ["3000", 2001, 4000] }).toRows()).toEqual([[0, 1, 0], [1, 0, 0], [0, 0, 1]]);
  });

  it("drops categories seen fewer than minCategoryCount times into (other)", () => {
    const enc = new TableEncoder({ roles: { c: "categorical" }, minCategoryCount: 2 }).fit(train);
    expect(enc.featureNames).toEqual(["c = a", "c = b", "c = (other)"]);
  });

  it("adds no missing indicator for a column complete in training", () => {
    const enc = new TableEncoder({ roles: { n: "numeric" } }).fit([{ n: 1 }, { n: 2 }]);
    expect(enc.featureNames).toEqual(["n"]);
    expect(enc.transform([{ n: null }]).toRows()).toEqual([[1.5]]);
  });

  it("standardizes with the training mean and population standard deviation", () => {
    const enc = new TableEncoder({ roles: { n: "numeric" }, standardize: true }).fit([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const std = Math.sqrt(2 / 3);
    const X = enc.transform([{ n: 1 }, { n: 2 }, { n: 5 }]);
    expect(Array.from(X.column(0))).toEqual([-1 / std, 0, 3 / std].map((v) => expect.closeTo(v, 12)));
    // A constant column stays 0 instead of dividing by zero.
    const constant = new TableEncoder({ roles: { n: "numeric" }, standardize: true }).fit([{ n: 4 }, { n: 4 }]);
    expect(constant.transform([{ n: 4 }, { n: 6 }]).toRows()).toEqual([[0], [2]]);
  });

  it("uses training statistics only: test rows never move the median or categories", () => {
    const enc = new TableEncoder({ roles: { n: "numeric", c: "categorical" } }).fit([
      { n: 1, c: "a" },
      { n: 2, c: "a" },
      { n: null, c: "b" },
    ]);
    const test = [{ n: 100, c: "q" }, { n: 200, c: "q" }, { n: null, c: "q" }];
    expect(enc.transform(test).toRows()).toEqual([
      [100, 0, 0, 0, 1],
      [200, 0, 0, 0, 1],
      [1.5, 1, 0, 0, 1],
    ]);
    expect(enc.steps[0]).toMatchObject({ op: "value", fill: 1.5 });
  });

  it("records each feature's origin on the matrix", () => {
    const X = new TableEncoder({ roles, maxCategories: 1 }).fit(train).transform(train);
    expect(X.origins).toEqual([
      { column: "n", kind: "numeric" },
      { column: "n", kind: "missing" },
      { column: "c", kind: "onehot", category: "a" },
      { column: "c", kind: "other" },
      { column: "ok", kind: "boolean" },
      { column: "ok", kind: "missing" },
    ]);
  });

  it("encodes the columns a schema marks as features, skipping ids, text and the target", () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({
      id: i + 1,
      size: [3, 1, 2, 2, 5, 1][i],
      shop: ["north", "south", "north", "east", "north", "south"][i],
      note: `customer ${i} wrote a long note about the delivery and the packaging`,
      label: i % 2 ? "good" : "bad",
    }));
    const schema = inferSchema(rows, { target: "label" });
    const enc = new TableEncoder({ schema }).fit(rows);
    expect(enc.columns).toEqual([{ name: "size", role: "numeric" }, { name: "shop", role: "categorical" }]);
    expect(new TableEncoder().fit(rows).columns.map((c) => c.name)).toEqual(["size", "shop", "label"]);
    expect(new TableEncoder({ schema, features: ["shop"] }).fit(rows).featureNames).toEqual([
      "shop = north",
      "shop = south",
      "shop = east",
      "shop = (other)",
    ]);
    expect(() => new TableEncoder({ schema, features: ["note"] }).fit(rows)).toThrow(messages.data.roleNotEncoded("note", "text"));
    expect(() => new TableEncoder({ schema, features: ["colour"] }).fit(rows)).toThrow(messages.data.featureWithoutRole("colour"));
  });

  it("never modifies its input", () => {
    const rows = structuredClone(train);
    const columns = { n: [1, null, 3], c: ["a", null, "b"] };
    const columnsCopy = structuredClone(columns);
    const enc = new TableEncoder({ roles }).fit(rows);
    enc.transform(rows);
    expect(rows).toEqual(train);
    new TableEncoder({ roles: { n: "numeric", c: "categorical" }, standardize: true }).fitTransform(columns);
    expect(columns).toEqual(columnsCopy);
  });

  it("warns and fills 0 when a numeric column has no numbers in training", () => {
    const warnings: string[] = [];
    const previous = setLogger({ warn: (m) => warnings.push(m) });
    try {
      const enc = new TableEncoder({ roles: { n: "numeric" } }).fit([{ n: null }, { n: "NA" }]);
      expect(enc.transform([{ n: null }, { n: 3 }]).toRows()).toEqual([[0, 1], [3, 0]]);
    } finally {
      setLogger(previous);
    }
    expect(warnings).toEqual(['column "n" has no numbers in the training rows; missing values become 0.']);
  });

  it("encodes the same matrix from CSV, JSON and Arrow copies of one table", () => {
    const csv = toTable(new URL("../fixtures/data/people.csv", import.meta.url).pathname);
    const json = toTable(new URL("../fixtures/data/people.json", import.meta.url).pathname);
    const arrowPath = `${mkdtempSync(`${tmpdir()}/understudy-`)}/people.arrow`;
    writeFileSync(arrowPath, toArrowIPC(csv));
    const enc = new TableEncoder({ schema: inferSchema(csv) }).fit(csv);
    expect(enc.featureNames).toEqual([
      "age", "age is missing", "income", "income is missing", "member",
      "zip = 02134", "zip = 02139", "zip = 10001", "zip = (other)",
      "city = Oslo", "city = Lima", "city = Rome", "city = (other)",
    ]);
    const X = enc.transform(csv);
    // Bob: age NA → median of 29, 35, 38, 41, 47, 52 = 39.5; member "no"; zip 02139; city Lima.
    // Ties in frequency (zip 02134/02139 three times, city Lima/Rome twice) go by text order.
    expect(X.row(1)).toEqual(new Float64Array([39.5, 1, 61000, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0]));
    expect(enc.transform(json)).toEqual(X);
    expect(enc.transform(toTable(arrowPath))).toEqual(X);
  });

  it("transforms an empty batch to a 0-row matrix", () => {
    const X = new TableEncoder({ roles }).fit(train).transform({ n: [], c: [], ok: [] });
    expect([X.nRows, X.nCols]).toEqual([0, 9]);
  });
});

describe("TableEncoder JSON", () => {
  const rows = [
    { n: 1, c: "a", b: "yes" },
    { n: null, c: "b", b: "no" },
    { n: 7, c: "a", b: null },
    { n: 4, c: null, b: "yes" },
  ];
  const enc = new TableEncoder({ roles: { n: "numeric", c: "categorical", b: "boolean" }, standardize: true }).fit(rows);
  const json = enc.toJSON();

  it("is plain, versioned and explicit about every step", () => {
    expect(json.format).toBe("understudy-table-encoder");
    expect(json.version).toBe(1);
    expect(json.options).toEqual({ standardize: true, maxCategories: 20, minCategoryCount: 1 });
    expect(json.missingMarkers).toContain("na");
    expect(json.steps.map((s) => [s.feature, s.op])).toEqual([
      ["n", "value"],
      ["n is missing", "isMissing"],
      ["c = a", "equals"],
      ["c = b", "equals"],
      ["c = (other)", "other"],
      ["c is missing", "isMissing"],
      ["b", "value"],
      ["b is missing", "isMissing"],
    ]);
    expect(json.steps[0]).toEqual({ feature: "n", column: "n", kind: "numeric", op: "value", fill: 4, mean: 4, std: Math.sqrt(4.5) });
    expect(json.steps[4]).toEqual({
      feature: "c = (other)",
      column: "c",
      kind: "other",
      op: "other",
      categories: ["a", "b"],
      missingIsOther: false,
    });
  });

  it("round-trips through JSON text and transforms identically", () => {
    const copy = TableEncoder.fromJSON(JSON.parse(JSON.stringify(json)));
    const fresh = [{ n: 3, c: "z", b: "maybe" }, ...rows];
    expect(copy.transform(fresh)).toEqual(enc.transform(fresh));
    expect(copy.toJSON()).toEqual(json);
  });

  it("rejects JSON that is not an encoder's, saying where", () => {
    const broken = (patch: (j: Record<string, any>) => void) => {
      const j = structuredClone(json) as unknown as Record<string, any>;
      patch(j);
      return () => TableEncoder.fromJSON(j);
    };
    const invalid = messages.data.badEncoderJson;
    expect(() => TableEncoder.fromJSON(null)).toThrow(invalid("the top level", "expected an object, got null"));
    expect(() => TableEncoder.fromJSON(null)).toThrow(expect.objectContaining({ code: "bad_model_json" }));
    expect(broken((j) => (j.format = "other"))).toThrow(invalid("format", 'expected "understudy-table-encoder", got "other"'));
    expect(broken((j) => (j.version = 2))).toThrow(invalid("version", "expected 1, got 2 (this library reads version 1)"));
    expect(broken((j) => (j.steps[2].column = "zz"))).toThrow(invalid("steps[2].column", '"zz" is not listed in columns'));
    expect(broken((j) => delete j.options)).toThrow(
      invalid("options", "expected { standardize: boolean, maxCategories: number, minCategoryCount: number }"),
    );
    for (const patch of [(j: Record<string, any>) => (j.steps[0].fill = "x"), (j: Record<string, any>) => (j.steps[3].kind = "magic")]) {
      expect(broken(patch)).toThrow(expect.objectContaining({ code: "bad_model_json" }));
    }
  });

  it("refuses to transform or export before fit", () => {
    const unfitted = new TableEncoder();
    expect(() => unfitted.transform(rows)).toThrow(messages.data.encoderNotFitted());
    expect(() => unfitted.toJSON()).toThrow(expect.objectContaining({ code: "not_fitted" }));
  });

  it("names a column that the data to transform lacks", () => {
    expect(() => enc.transform([{ n: 1, c: "a" }])).toThrow(messages.data.encoderColumnMissing("b", ["n", "c", "b"]));
  });

  it("rejects bad options with their value", () => {
    expect(() => new TableEncoder({ roles: { n: "numeric" }, maxCategories: -1 }).fit(rows)).toThrow(messages.data.maxCategories(-1));
    expect(() => new TableEncoder({ roles: { n: "numeric" }, minCategoryCount: 0 }).fit(rows)).toThrow(messages.data.minCategoryCount(0));
  });
});
