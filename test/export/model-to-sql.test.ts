import { describe, expect, it } from "vitest";
import { UnderstudyError } from "../../src/core/errors.ts";
import { modelToSQL } from "../../src/export/model-to-sql.ts";
import { toSQL } from "../../src/export/to-sql.ts";
import type { Estimator } from "../../src/models/estimator.ts";
import { HandLinear, HandNeighbours, HandTrees, tree } from "./hand-built-models.ts";
import { runDuckDB, runSQLite, sqliteAvailable, type ColumnType, type Row } from "./sql-engines.ts";

const hasSQLite = sqliteAvailable();

// Classes with a quote in each spelling: escaping must survive every engine.
const classes = ["it's", 'say "hi"'];

// a <= 2.5 (missing → left) ? [1, 0] : (b <= 0.1 (missing → right) ? [0.25, 0.75] : [0.5, 0.5])
const oneTree = new HandTrees(
  [
    tree([
      { feature: 0, threshold: 2.5, missingLeft: true, left: 1, right: 2, value: [0.5, 0.5] },
      { value: [1, 0] },
      { feature: 1, threshold: 0.1, missingLeft: false, left: 3, right: 4, value: [0.4, 0.6] },
      { value: [0.25, 0.75] },
      { value: [0.5, 0.5] },
    ]),
  ],
  new Float64Array([1]),
  ["a", "b"],
  classes,
);

const columns: Record<string, ColumnType> = { a: "number", b: "number" };
const rows: Row[] = [
  { a: 1, b: 5 },
  { a: null, b: 0 },
  { a: 3, b: 0.1 },
  { a: 3, b: null },
  { a: 3, b: 0.2 },
  { a: 2.5, b: -1 },
];
// Worked out by hand from the tree above.
const expected = [
  { prediction: "it's", probability: 1 },
  { prediction: "it's", probability: 1 }, // missing a goes left
  { prediction: 'say "hi"', probability: 0.75 }, // b = 0.1 <= 0.1 goes left
  { prediction: "it's", probability: 0.5 }, // missing b goes right; tie → first class
  { prediction: "it's", probability: 0.5 }, // tie → first class
  { prediction: "it's", probability: 1 }, // a = 2.5 <= 2.5 goes left
];

/** Runs the model's SQL in DuckDB and (when installed) SQLite, each in its own dialect. */
async function runBoth(model: Estimator, cols = columns, data = rows) {
  const inputColumns = Object.keys(cols);
  const results = [await runDuckDB("scores", cols, data, toSQL({ model, dialect: "duckdb", table: "scores", inputColumns }))];
  if (hasSQLite) results.push(runSQLite("scores", cols, data, toSQL({ model, dialect: "sqlite", table: "scores", inputColumns })));
  return results;
}

/** Every engine's rows match the model's own predict / predictProba. */
async function expectMatchesModel(model: Estimator, data: Row[], cols: Record<string, ColumnType>) {
  const X = data.map((r) => model.featureNames.map((f) => (r[f] == null ? NaN : (r[f] as number))));
  const predictions = model.predict(X);
  const probabilities = model.classes ? model.predictProba?.(X) : undefined;
  for (const dialect of ["duckdb", "sqlite"] as const) {
    if (dialect === "sqlite" && !hasSQLite) continue;
    const sql = toSQL({ model, dialect, table: "scores", inputColumns: Object.keys(cols) });
    const out = dialect === "duckdb" ? await runDuckDB("scores", cols, data, sql) : runSQLite("scores", cols, data, sql);
    // SQLite has no boolean type: true and false come back as 1 and 0.
    const want = dialect === "sqlite" ? predictions.map((p) => (typeof p === "boolean" ? Number(p) : p)) : predictions;
    expect(out.map((r) => r.prediction)).toEqual(want);
    if (probabilities) {
      out.forEach((r, i) => expect(Math.abs((r.probability as number) - Math.max(...probabilities[i]))).toBeLessThan(1e-9));
    }
  }
}

describe("modelToSQL on a hand-built tree", () => {
  it("routes thresholds, NULLs and ties exactly as worked out by hand, in DuckDB and SQLite", async () => {
    for (const out of await runBoth(oneTree)) {
      expect(out.map((r) => ({ prediction: r.prediction, probability: r.probability }))).toEqual(expected);
      expect(out.map((r) => r.a)).toEqual(rows.map((r) => r.a));
    }
  });

  it("agrees with the reference predict", async () => {
    await expectMatchesModel(oneTree, rows, columns);
  });

  it("writes a NULL test only where missing values go left", () => {
    const { stages } = modelToSQL(oneTree, { dialect: "postgres", featureSQL: ['"a"', '"b"'] });
    const leaf = stages[0][0].sql;
    expect(leaf).toContain('"a" <= 2.5e0::float8 OR "a" IS NULL');
    expect(leaf).toContain('"b" <= 0.1e0::float8 THEN');
    expect(leaf).not.toContain('"b" IS NULL');
  });

  it("rejects feature lists of the wrong width", () => {
    expect(() => modelToSQL(oneTree, { dialect: "duckdb", featureSQL: ['"a"'] })).toThrow(/1 feature expressions for a model fitted on 2/);
  });
});

describe("modelToSQL on a forest", () => {
  // Two regression trees averaged with weights 0.5: prediction = 0.5·t1 + 0.5·t2.
  const forest = new HandTrees(
    [
      tree([{ feature: 0, threshold: 0, missingLeft: true, left: 1, right: 2, value: [0] }, { value: [-1.5] }, { value: [10 / 3] }]),
      tree([{ feature: 1, threshold: 1e-7, missingLeft: false, left: 1, right: 2, value: [0] }, { value: [0.1] }, { value: [7] }]),
    ],
    new Float64Array([0.5, 0.5]),
    ["a", "b"],
  );

  it("sums weighted leaf values in tree order (hand-computed)", async () => {
    const data: Row[] = [
      { a: -1, b: 0 },
      { a: 1, b: 1 },
      { a: null, b: null },
    ];
    for (const out of await runBoth(forest, columns, data)) {
      expect(out[0].prediction).toBe(0.5 * -1.5 + 0.5 * 0.1);
      expect(out[1].prediction).toBe(0.5 * (10 / 3) + 0.5 * 7);
      expect(out[2].prediction).toBe(0.5 * -1.5 + 0.5 * 7);
      expect(out[0]).not.toHaveProperty("probability");
    }
  });

  it("averages class distributions for a forest classifier", async () => {
    const t1 = tree([{ feature: 0, threshold: 0, left: 1, right: 2, value: [0, 0, 0] }, { value: [0.2, 0.3, 0.5] }, { value: [0.6, 0.2, 0.2] }]);
    const t2 = tree([{ feature: 1, threshold: 0, left: 1, right: 2, value: [0, 0, 0] }, { value: [0.1, 0.8, 0.1] }, { value: [0.3, 0.3, 0.4] }]);
    const t3 = tree([{ value: [1 / 3, 1 / 3, 1 / 3] }]);
    const model = new HandTrees([t1, t2, t3], new Float64Array([1 / 3, 1 / 3, 1 / 3]), ["a", "b"], [1, 2, 3]);
    const data: Row[] = [];
    for (let a = -1; a <= 1; a += 2) for (let b = -1; b <= 1; b += 2) data.push({ a, b });
    await expectMatchesModel(model, data, columns);
  });
});

describe("modelToSQL on linear models", () => {
  const data: Row[] = [];
  for (let i = 0; i < 40; i++) data.push({ a: Math.sin(i) * 3, b: Math.cos(i * 1.7) * 2 - 0.3 });
  data.push({ a: 900, b: 0 }, { a: -900, b: 0 }); // EXP arguments far outside ±700

  it("linear regression: intercept + Σ coef·x", async () => {
    const model = new HandLinear([[0.5, -1.25]], [0.1], "identity", ["a", "b"]);
    await expectMatchesModel(model, data, columns);
    const out = await runDuckDB("scores", columns, [{ a: 2, b: 4 }], toSQL({ model, dialect: "duckdb", table: "scores" }));
    expect(out[0].prediction).toBe(0.1 + 0.5 * 2 - 1.25 * 4);
  });

  it("binary logistic: sigmoid, with extreme scores clamped safely", async () => {
    const model = new HandLinear([[0.8, -1.1]], [0.2], "logistic", ["a", "b"], [false, true]);
    await expectMatchesModel(model, data, columns);
    const out = await runDuckDB("scores", columns, [{ a: 0, b: 0 }], toSQL({ model, dialect: "duckdb", table: "scores" }));
    expect(out[0].prediction).toBe(true);
    expect(out[0].probability).toBeCloseTo(1 / (1 + Math.exp(-0.2)), 15);
  });

  it("softmax over three classes", async () => {
    const model = new HandLinear(
      [
        [0.3, -0.2],
        [-0.5, 0.9],
        [0.1, 0.1],
      ],
      [0, 0.4, -0.2],
      "softmax",
      ["a", "b"],
      ["x", "y", "z"],
    );
    await expectMatchesModel(model, data, columns);
  });

  it("k-NN has no SQL form: one clear error", () => {
    const knn = new HandNeighbours([[1]], [0], "identity", ["a"], ["x", "y"]);
    expect(() => modelToSQL(knn, { dialect: "duckdb", featureSQL: ['"a"'] })).toThrow(UnderstudyError);
    expect(() => modelToSQL(knn, { dialect: "duckdb", featureSQL: ['"a"'] })).toThrow(/no SQL form.*tree, forest or linear/);
  });
});
