import { from as aqFrom } from "arquero";
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { booleanOfCell, categoryOfCell, isMissingCell, missingMarkers, numberOfCell, type MissingMarkers } from "../../src/data/cell-values.ts";
import { cellOf } from "../../src/data/cell-of.ts";
import { Matrix } from "../../src/data/matrix.ts";
import type { TableEncoderJSON } from "../../src/data/table-encoder.ts";
import { toTable } from "../../src/data/to-table.ts";
import { evaluateExpression } from "../../src/features/expression/evaluate-expression.ts";
import { Featurizer } from "../../src/features/featurizer.ts";
import { TfidfVectorizer } from "../../src/features/tfidf.ts";
import { DecisionTreeClassifier } from "../../src/models/decision-tree-classifier.ts";
import type { Estimator, Label } from "../../src/models/estimator.ts";
import { LogisticRegression } from "../../src/models/logistic-regression.ts";
import { RandomForestClassifier } from "../../src/models/random-forest-classifier.ts";
import { predictProbaRows } from "../../src/understudy/predict-proba-rows.ts";
import { predictRows } from "../../src/understudy/predict-rows.ts";
import type { UnderstudyParts } from "../../src/understudy/understudy-parts.ts";

type Row = Record<string, unknown>;

// The transform as it was before rows were read in place (commit 542c45a), kept verbatim in
// substance as the oracle: rows → arquero table → one column at a time → copied block by block.
function legacyEncode(json: TableEncoderJSON, rows: readonly Row[]): Float64Array {
  const table = toTable(rows, { allowEmpty: true });
  const n = table.numRows();
  const width = json.steps.length;
  const out = new Float64Array(n * width);
  const markers = missingMarkers(json.missingMarkers);
  const present = new Set(table.columnNames());
  for (const { name, role } of json.columns) {
    if (!present.has(name)) throw new Error(`missing column ${name}`);
    const values = table.array(name) as ArrayLike<unknown>;
    const idx = json.steps.flatMap((s, j) => (s.column === name ? [j] : []));
    if (role === "categorical") legacyCategorical(values, json, idx, markers).forEach((j, i) => j >= 0 && (out[i * width + j] = 1));
    else {
      for (const { col, values: v } of legacyScalar(values, role, json, idx)) for (let i = 0; i < n; i++) out[i * width + col] = v[i];
    }
  }
  return out;
}

function legacyCategorical(values: ArrayLike<unknown>, json: TableEncoderJSON, idx: number[], markers: MissingMarkers): Int32Array {
  const columnOf = new Map<string, number>();
  let otherCol = -1;
  let missingCol = -1;
  for (const j of idx) {
    const s = json.steps[j];
    if (s.op === "equals") columnOf.set(s.category, j);
    else if (s.op === "other") otherCol = j;
    else if (s.op === "isMissing") missingCol = j;
  }
  const missingTo = missingCol >= 0 ? missingCol : otherCol;
  return Int32Array.from({ length: values.length }, (_, i) => {
    const v = values[i];
    const j = typeof v === "string" ? columnOf.get(v) : v == null ? undefined : columnOf.get(categoryOfCell(v));
    return j !== undefined ? j : isMissingCell(v, markers) ? missingTo : otherCol;
  });
}

function legacyScalar(values: ArrayLike<unknown>, role: string, json: TableEncoderJSON, idx: number[]): { col: number; values: Float64Array }[] {
  let valueCol = -1, missingCol = -1, fill = 0, mean = 0, scale = 1;
  for (const j of idx) {
    const s = json.steps[j];
    if (s.op === "value") {
      valueCol = j;
      fill = s.fill;
      if (s.kind === "numeric" && s.mean !== undefined && s.std !== undefined) [mean, scale] = [s.mean, 1 / s.std];
    } else if (s.op === "isMissing") missingCol = j;
  }
  const encoded = new Float64Array(values.length);
  const missing = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let x = role === "numeric" ? (typeof v === "number" ? v : numberOfCell(v)) : booleanOfCell(v);
    if (!Number.isFinite(x)) [x, missing[i]] = [fill, 1];
    encoded[i] = role === "numeric" ? (x - mean) * scale : x;
  }
  return [{ col: valueCol, values: encoded }, ...(missingCol >= 0 ? [{ col: missingCol, values: missing }] : [])];
}

function legacyTransform(f: Featurizer, rows: readonly Row[]): Float64Array {
  const json = f.toJSON();
  const blocks: { cols: number; data: Float64Array | number[][] }[] = [];
  if (json.table) blocks.push({ cols: json.table.steps.length, data: legacyEncode(json.table, rows) });
  for (const t of json.tfidf) {
    const m = TfidfVectorizer.fromJSON(t.vectorizer).transform(rows.map((r) => cellOf(r, t.column)));
    blocks.push({ cols: m.nCols, data: m.data });
  }
  const columns = [...new Set([...json.expressions.map((e) => e.ast), ...json.rules.map((r) => r.ast)].flatMap((a) => collectColumns(a)))];
  const data = Object.fromEntries(columns.map((c) => [c, rows.map((r) => cellOf(r, c))]));
  const derived = [
    ...json.expressions.map((e) => Array.from(evaluateExpression(e.ast, data), (v) => (Number.isFinite(v) ? v : e.fill))),
    ...json.rules.map((r) => Array.from(evaluateExpression(r.ast, data), (v) => (v === 1 ? 1 : 0))),
  ];
  const width = json.lineage.length;
  const out = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    let offset = 0;
    for (const b of blocks) {
      for (let j = 0; j < b.cols; j++) out[i * width + offset + j] = (b.data as Float64Array)[i * b.cols + j];
      offset += b.cols;
    }
    derived.forEach((d, j) => (out[i * width + offset + j] = d[i]));
  }
  return out;
}

function collectColumns(ast: unknown): string[] {
  if (ast === null || typeof ast !== "object") return [];
  const node = ast as Record<string, unknown>;
  return [...(node.type === "column" ? [node.name as string] : []), ...Object.values(node).flatMap((v) => (Array.isArray(v) ? v.flatMap(collectColumns) : collectColumns(v)))];
}

const cities = ["Oslo", "Lima", "Rome", "Pune"];
const words = ["free cruise now", "meeting at noon", "win money fast", "lunch on friday", "free money"];
/** Training rows with hostile column names ("constructor", "toString") and missing cells of every kind. */
function trainRows(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    age: i % 11 === 0 ? null : 20 + ((i * 7) % 50),
    income: i % 13 === 0 ? "NA" : String(1000 + ((i * 37) % 900)),
    city: i % 17 === 0 ? "" : cities[i % 4],
    member: i % 3 === 0 ? "yes" : i % 19 === 0 ? null : false,
    constructor: i % 5 === 0 ? "gold" : "basic",
    toString: (i * 3) % 10,
    body: words[i % 5],
    label: (i * 7) % 50 + (i % 4) * 5 > 30 ? "yes" : "no",
  }));
}

class Applicant {
  age = 44;
  constructor(public city: string) {}
}
Object.defineProperty(Applicant.prototype, "income", { value: 5000, enumerable: true });

/** Rows a user might send: missing cells, unseen levels, markers, numbers as strings, own-property names. */
function hostileRows(): Row[] {
  const bare = Object.create(null) as Row;
  bare.age = "41";
  bare.city = "Lima";
  return [
    { age: 30, income: "1500", city: "Oslo", member: true, constructor: "gold", toString: 4, body: "free cruise" },
    {},
    { age: undefined, income: null, city: null, member: undefined, body: null },
    { age: " 1e3 ", income: " 2.5 ", city: "Atlantis", member: "YES", constructor: "platinum", toString: "7", body: "" },
    { age: "NaN", income: "n/a", city: " null\t", member: "0", constructor: null, toString: "NA", body: 42 },
    { age: Infinity, income: -Infinity, city: 2001, member: 1, constructor: "", toString: null },
    { age: true, income: new Date(0), city: new Date(0), member: "maybe", body: "win win money" },
    { age: 10n, income: "3,5", city: "oslo", member: "no", constructor: "GOLD" },
    { age: -0, income: "", city: "Rome", member: 0 },
    bare,
    new Applicant("Pune") as unknown as Row,
    { hasOwnProperty: 3, valueOf: "x", age: 55, extra: "ignored" },
  ];
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).every((x, i) => Object.is(x, b[i])) && a.length === b.length;

describe("predict over row objects, in place", () => {
  const train = trainRows(240);
  const featurizer = new Featurizer({
    text: "body", target: "label", tfidf: { minDf: 1 },
    expressions: [{ name: "age per income", expression: "age / income" }],
    rules: [{ name: "senior", condition: "age >= 60" }],
  }).fit(train);
  const X = featurizer.transform(train);
  const y = train.map((r) => r.label as string);
  const models: [string, Estimator<Label>][] = [
    ["tree", new DecisionTreeClassifier({ maxDepth: 6, seed: 0 }).fit(X, y) as Estimator<Label>],
    ["logistic", new LogisticRegression().fit(X, y) as Estimator<Label>],
    ["forest", new RandomForestClassifier({ nEstimators: 20, seed: 0 }).fit(X, y) as Estimator<Label>],
  ];
  const parts = (model: Estimator<Label>) => ({ featurizer, model, metadata: { taskType: "classification" } }) as unknown as UnderstudyParts;

  it("featurizes hostile rows bit for bit as the transform before it did", () => {
    const rows = hostileRows();
    expect(featurizer.lineage.map((l) => l.name)).toContain("constructor = gold");
    expect(same(featurizer.transform(rows).data, legacyTransform(featurizer, rows))).toBe(true);
    expect(same(featurizer.transform(train).data, legacyTransform(featurizer, train))).toBe(true);
    // Inherited values are not cells: the Applicant's prototype income is read as missing.
    const m = featurizer.transform(rows);
    const applicant = rows.findIndex((r) => r instanceof Applicant);
    expect(m.get(applicant, m.featureNames.indexOf("income is missing"))).toBe(1);
    expect(m.get(applicant, m.featureNames.indexOf("city = Pune"))).toBe(1);
  });

  it("predicts the same labels, and probabilities within 1e-12, as the model on the old matrix", () => {
    const rows = [...hostileRows(), ...trainRows(60)];
    const old = new Matrix(legacyTransform(featurizer, rows), rows.length, X.nCols, X.featureNames);
    for (const [, model] of models) {
      expect(predictRows(parts(model), rows)).toEqual(model.predict(old));
      const p = predictProbaRows(parts(model), rows);
      const q = model.predictProba!(old);
      p.forEach((row, i) => row.forEach((v, k) => expect(Math.abs(v - q[i][k])).toBeLessThanOrEqual(1e-12)));
    }
  });

  it("reads column objects and arquero tables as it reads the same rows", () => {
    const rows = trainRows(50).map(({ label: _, ...r }) => r);
    const columns = Object.fromEntries(Object.keys(rows[0]).map((c) => [c, rows.map((r) => r[c])]));
    const [, tree] = models[0];
    const expected = predictRows(parts(tree), rows);
    expect(predictRows(parts(tree), columns)).toEqual(expected);
    expect(predictRows(parts(tree), aqFrom(rows))).toEqual(expected);
    expect(same(featurizer.transform(aqFrom(rows)).data, featurizer.transform(rows).data)).toBe(true);
    // A filtered, ordered view is read in its own row order.
    const view = aqFrom(rows).filter((d: { age: number | null }) => d.age! > 30).orderby("toString");
    const kept = rows.filter((r) => (r.age as number) > 30).sort((a, b) => (a.toString as unknown as number) - (b.toString as unknown as number));
    expect(same(featurizer.transform(view).data, featurizer.transform(kept).data)).toBe(true);
  });

  it("one row at a time gives what the batch gives", () => {
    // Each row owns every encoded column (a lone row without one is refused, as before).
    const columns = featurizer.toJSON().table!.columns.map((c) => c.name);
    const rows = hostileRows().map((r) => Object.assign(Object.fromEntries(columns.map((c) => [c, undefined])), r));
    const [, forest] = models[2];
    expect(rows.map((r) => predictRows(parts(forest), [r])[0])).toEqual(predictRows(parts(forest), rows));
  });

  it("names the first row that is not an object, and a column no row has", () => {
    const [, tree] = models[0];
    expect(() => predictRows(parts(tree), [{ age: 1 }, null as unknown as Row])).toThrow(messages.understudy.rowsNotObjects(1));
    const names = featurizer.toJSON().table!.columns.map((c) => c.name);
    expect(() => featurizer.transform([{ body: "hi" }])).toThrow(messages.data.encoderColumnMissing("age", names));
    expect(() => predictRows(parts(tree), { age: [1], body: ["hi"] })).toThrow(messages.data.encoderColumnMissing("income", names));
  });
});
