import type { ColumnTable } from "arquero";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { logger } from "../core/logger.ts";
import {
  booleanOfCell,
  categoryOfCell,
  isMissingCell,
  missingMarkers,
  numberOfCell,
  type MissingMarkers,
} from "./cell-values.ts";
import { inferSchema, type ColumnRole, type Schema } from "./infer-schema.ts";
import { Matrix, type FeatureOrigin } from "./matrix.ts";
import { RowCells } from "./row-cells.ts";
import { describeValue } from "./table-from-values.ts";
import { toTable, type TableInput } from "./to-table.ts";

/** Roles the encoder turns into features. */
export type EncodedRole = "numeric" | "categorical" | "boolean";

/**
 * How one output feature is computed from one input column. `cell` below is the raw value.
 *
 * - `value`, kind "numeric": x = cell as a number (numeric strings parse); when x is missing
 *   or not a finite number, x = `fill` (the training median); then, when `mean` and `std`
 *   are present, (x − mean) / std.
 * - `value`, kind "boolean": 1 for true / "true" / "yes" / 1 / "1", 0 for false / "false" /
 *   "no" / 0 / "0" (words in any case); anything else is `fill` (the training mode).
 * - `isMissing`: 1 when the cell is missing, else 0. For numeric and boolean columns
 *   "missing" means "did not parse" (the cases where `fill` was used); for categorical
 *   columns it means null/undefined/NaN or one of the JSON's `missingMarkers`.
 * - `equals`: 1 when the cell is present and its text (`String(cell)`, dates as ISO text)
 *   equals `category`.
 * - `other`: 1 when the cell is present and its text is none of `categories`; also 1 for a
 *   missing cell when `missingIsOther` (training saw no missing values in that column).
 */
export type EncoderStep =
  | { feature: string; column: string; kind: "numeric"; op: "value"; fill: number; mean?: number; std?: number }
  | { feature: string; column: string; kind: "boolean"; op: "value"; fill: number }
  | { feature: string; column: string; kind: "missing"; op: "isMissing"; role: EncodedRole }
  | { feature: string; column: string; kind: "onehot"; op: "equals"; category: string }
  | { feature: string; column: string; kind: "other"; op: "other"; categories: string[]; missingIsOther: boolean };

/** The JSON form of a fitted {@link TableEncoder}; see the class for the shape. */
export interface TableEncoderJSON {
  format: "understudy-table-encoder";
  version: 1;
  options: { standardize: boolean; maxCategories: number; minCategoryCount: number };
  /** Strings that count as missing, compared as LOWER(TRIM(cell)). */
  missingMarkers: string[];
  /** Encoded input columns, in output order. */
  columns: { name: string; role: EncodedRole }[];
  /** One entry per output feature, in matrix column order. */
  steps: EncoderStep[];
}

/** Options for {@link TableEncoder}. */
export interface TableEncoderOptions {
  /** Roles from `inferSchema`. Without `schema` or `roles`, `fit` infers the schema itself. */
  schema?: Schema;
  /** Roles by column name, instead of a schema: `{ age: "numeric", city: "categorical" }`. */
  roles?: Record<string, ColumnRole>;
  /** Encode only these columns. Default: every numeric, categorical and boolean column. */
  features?: readonly string[];
  /** Scale numeric features to mean 0, standard deviation 1 (training values). Default false. */
  standardize?: boolean;
  /** Most one-hot columns per categorical column; rarer categories go to "(other)". Default 20. */
  maxCategories?: number;
  /** Categories seen fewer times than this in training go to "(other)". Default 1. */
  minCategoryCount?: number;
  /**
   * Cell values read as missing (trimmed, any case), kept in the JSON so that `transform`, a
   * restored encoder and the SQL export read cells alike. Default: the `schema`'s list, else
   * `["", "NA", "N/A", "NaN", "null"]`.
   */
  missing?: readonly string[];
}

const ENCODED: readonly string[] = ["numeric", "categorical", "boolean"];

/**
 * Turns table columns into a numeric {@link Matrix} with named features and origins, using
 * statistics from the training rows only (`fit`), so that validation, test and new rows are
 * encoded exactly as training rows were (`transform`).
 *
 * - numeric: the value; missing values get the training median, plus a "<col> is missing"
 *   column when training had missing values; optionally standardized with the training mean
 *   and (population) standard deviation of the imputed values (std 0 → 1).
 * - categorical: a "<col> = <category>" column for each of the `maxCategories` most frequent
 *   training categories (ties by text order) seen at least `minCategoryCount` times; one
 *   "<col> = (other)" column for the rest, including categories first seen at transform
 *   time. Missing values get a "<col> is missing" column when training had missing values;
 *   otherwise they count as "(other)".
 * - boolean: 1/0; missing values get the training mode (false on a tie), plus
 *   "<col> is missing" when training had missing values.
 * - text, id, target and ignore columns are skipped (TF-IDF for text lives in src/features).
 *
 * `toJSON()` gives plain, versioned JSON (shape {@link TableEncoderJSON}) that lists, per
 * output feature, the column, the operation and its constants (`steps`), explicit enough to
 * be written as SQL; `TableEncoder.fromJSON` checks it and restores an identical encoder.
 * Inputs are never modified.
 *
 * @example
 * const enc = new TableEncoder({ roles: { age: "numeric", city: "categorical" } });
 * enc.fit([{ age: 30, city: "Oslo" }, { age: null, city: "Lima" }, { age: 50, city: "Oslo" }]);
 * const X = enc.transform([{ age: null, city: "Rome" }]);
 * X.featureNames;  // ["age", "age is missing", "city = Oslo", "city = Lima", "city = (other)"]
 * X.toRows();      // [[40, 1, 0, 0, 1]]
 */
export class TableEncoder {
  readonly options: Readonly<TableEncoderOptions>;
  private fitted: TableEncoderJSON | undefined;
  /** How each column is encoded, built once from `fitted` on first use (dropped by fit). */
  private plan: ColumnPlan[] | undefined;

  constructor(options: TableEncoderOptions = {}) {
    this.options = { ...options };
  }

  /** Learns medians, modes, categories (and means/stds) from training rows; returns this. */
  fit(data: TableInput): this {
    this.fitted = undefined; // a failed refit must not leave the previous fit in place
    this.plan = undefined;
    const table = toTable(data);
    const standardize = this.options.standardize ?? false;
    const maxCategories = this.options.maxCategories ?? 20;
    const minCategoryCount = this.options.minCategoryCount ?? 1;
    if (!Number.isInteger(maxCategories) || maxCategories < 0) {
      throw new UnderstudyError("bad_option", messages.data.maxCategories(maxCategories));
    }
    if (!Number.isInteger(minCategoryCount) || minCategoryCount < 1) {
      throw new UnderstudyError("bad_option", messages.data.minCategoryCount(minCategoryCount));
    }
    const markers = missingMarkers(this.options.missing ?? this.options.schema?.missing);
    const columns = this.encodedColumns(table);
    const steps: EncoderStep[] = [];
    for (const { name, role } of columns) {
      const values = table.array(name) as ArrayLike<unknown>;
      if (role === "numeric") steps.push(...numericSteps(name, values, standardize));
      else if (role === "boolean") steps.push(...booleanSteps(name, values));
      else steps.push(...categoricalSteps(name, values, maxCategories, minCategoryCount, markers));
    }
    uniqueFeatureNames(steps);
    this.fitted = {
      format: "understudy-table-encoder",
      version: 1,
      options: { standardize, maxCategories, minCategoryCount },
      missingMarkers: [...markers.list],
      columns,
      steps,
    };
    return this;
  }

  /** Encodes rows with the training statistics. Extra columns are ignored. */
  transform(data: TableInput): Matrix {
    const json = this.state();
    const cells = Array.isArray(data) ? RowCells.fromRows(data) : RowCells.fromTable(toTable(data, { allowEmpty: true }));
    const out = new Float64Array(cells.nRows * json.steps.length);
    this.encodeInto(cells, out, json.steps.length, 0);
    return new Matrix(out, cells.nRows, json.steps.length, this.featureNames, this.origins);
  }

  /**
   * Writes the encoded features of every row into `out` (row i's features start at
   * `i * width + offset`; cells the encoding leaves at 0 are not written, so `out` starts
   * zeroed). Used by the Featurizer to fill its matrix in one pass; `transform` is this on a
   * fresh buffer. Throws the `unknown_column` error `transform` throws for a missing column.
   *
   * @example
   * const out = new Float64Array(rows.length * encoder.featureNames.length);
   * encoder.encodeInto(RowCells.fromRows(rows), out, encoder.featureNames.length, 0);
   */
  encodeInto(cells: RowCells, out: Float64Array, width: number, offset: number): void {
    const plan = (this.plan ??= columnPlans(this.state()));
    if (cells.rows) checkRowObjects(cells.rows);
    for (const p of plan) {
      if (!cells.has(p.name)) {
        throw new UnderstudyError("unknown_column", messages.data.encoderColumnMissing(p.name, plan.map((q) => q.name)));
      }
    }
    const n = cells.nRows;
    const k = plan.length;
    const rows = cells.rows as readonly Record<string, unknown>[] | undefined;
    if (rows) {
      // An inherited value (Object's "constructor", a prototype's field) is not a cell. A plain
      // object inherits only Object.prototype's names: other names need no ownership test.
      // Checked on every call: Object.prototype can gain names at run time.
      for (const p of plan) p.inheritable = p.name in Object.prototype;
      // Row by row, straight from each object: no table, no per-column copies.
      for (let i = 0, base = offset; i < n; i++, base += width) {
        const row = rows[i];
        const plain = Object.getPrototypeOf(row) === Object.prototype;
        for (let c = 0; c < k; c++) {
          const p = plan[c];
          let v = row[p.name];
          if (v !== undefined && (p.inheritable || !plain) && !Object.hasOwn(row, p.name)) v = undefined;
          encodeCell(p, v, out, base);
        }
      }
      return;
    }
    const columns = plan.map((p) => cells.column(p.name));
    for (let i = 0, base = offset; i < n; i++, base += width) {
      for (let c = 0; c < k; c++) encodeCell(plan[c], columns[c][i], out, base);
    }
  }

  /** `fit(data)` then `transform(data)`. */
  fitTransform(data: TableInput): Matrix {
    return this.fit(data).transform(data);
  }

  /** Output feature names, in matrix column order. */
  get featureNames(): string[] {
    return this.state().steps.map((s) => s.feature);
  }

  /** Where each output feature came from. */
  get origins(): FeatureOrigin[] {
    return this.state().steps.map((s) =>
      s.kind === "onehot" ? { column: s.column, kind: s.kind, category: s.category } : { column: s.column, kind: s.kind },
    );
  }

  /** Per output feature: its column, operation and constants (a copy; see {@link EncoderStep}). */
  get steps(): EncoderStep[] {
    return structuredClone(this.state().steps);
  }

  /** Encoded input columns and their roles. */
  get columns(): { name: string; role: EncodedRole }[] {
    return structuredClone(this.state().columns);
  }

  /** Plain, versioned JSON; `TableEncoder.fromJSON` restores it. */
  toJSON(): TableEncoderJSON {
    return structuredClone(this.state());
  }

  /**
   * Restores an encoder from `toJSON()` output (also after `JSON.parse`), checking its shape.
   *
   * @example
   * const copy = TableEncoder.fromJSON(JSON.parse(JSON.stringify(encoder.toJSON())));
   */
  static fromJSON(json: unknown): TableEncoder {
    const checked = checkEncoderJSON(json);
    const encoder = new TableEncoder({ ...checked.options });
    encoder.fitted = structuredClone(checked);
    return encoder;
  }

  private state(): TableEncoderJSON {
    if (this.fitted === undefined) {
      throw new UnderstudyError("not_fitted", messages.data.encoderNotFitted());
    }
    return this.fitted;
  }

  private encodedColumns(table: ColumnTable): { name: string; role: EncodedRole }[] {
    const names = table.columnNames();
    let roles: Map<string, ColumnRole>;
    if (this.options.roles) roles = new Map(Object.entries(this.options.roles));
    else {
      const schema = this.options.schema ?? inferSchema(table, { ...(this.options.missing ? { missing: this.options.missing } : {}) });
      roles = new Map(schema.columns.map((c) => [c.name, c.role]));
    }
    const wanted = this.options.features ?? [...roles.keys()].filter((n) => ENCODED.includes(roles.get(n)!));
    return wanted.map((name) => {
      const role = roles.get(name);
      if (role === undefined) {
        throw new UnderstudyError("unknown_column", messages.data.featureWithoutRole(name));
      }
      if (!ENCODED.includes(role)) {
        throw new UnderstudyError("bad_option", messages.data.roleNotEncoded(name, role));
      }
      if (!names.includes(name)) {
        throw new UnderstudyError("unknown_column", messages.data.noSuchColumn(name, names));
      }
      return { name, role: role as EncodedRole };
    });
  }
}

function numericSteps(column: string, values: ArrayLike<unknown>, standardize: boolean): EncoderStep[] {
  const n = values.length;
  const parsed = new Float64Array(n);
  let present = 0;
  for (let i = 0; i < n; i++) {
    const x = numberOfCell(values[i]);
    parsed[i] = Number.isFinite(x) ? x : NaN;
    if (parsed[i] === parsed[i]) present++;
  }
  const sorted = new Float64Array(present);
  for (let i = 0, k = 0; i < n; i++) if (parsed[i] === parsed[i]) sorted[k++] = parsed[i];
  sorted.sort();
  let fill = 0;
  if (present === 0) logger().warn(`column "${column}" has no numbers in the training rows; missing values become 0.`);
  else fill = present % 2 ? sorted[(present - 1) / 2] : (sorted[present / 2 - 1] + sorted[present / 2]) / 2;
  const value: EncoderStep = { feature: column, column, kind: "numeric", op: "value", fill };
  if (standardize) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += parsed[i] === parsed[i] ? parsed[i] : fill;
    const mean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += ((parsed[i] === parsed[i] ? parsed[i] : fill) - mean) ** 2;
    const std = Math.sqrt(squares / n);
    value.mean = mean;
    value.std = std > 0 ? std : 1; // a constant column stays constant (0) instead of dividing by 0
  }
  const steps: EncoderStep[] = [value];
  if (present < n) steps.push({ feature: `${column} is missing`, column, kind: "missing", op: "isMissing", role: "numeric" });
  return steps;
}

function booleanSteps(column: string, values: ArrayLike<unknown>): EncoderStep[] {
  let ones = 0;
  let zeros = 0;
  for (let i = 0; i < values.length; i++) {
    const b = booleanOfCell(values[i]);
    if (b === 1) ones++;
    else if (b === 0) zeros++;
  }
  if (ones + zeros === 0) logger().warn(`column "${column}" has no true/false values in the training rows; missing values become 0.`);
  const steps: EncoderStep[] = [{ feature: column, column, kind: "boolean", op: "value", fill: ones > zeros ? 1 : 0 }];
  if (ones + zeros < values.length) {
    steps.push({ feature: `${column} is missing`, column, kind: "missing", op: "isMissing", role: "boolean" });
  }
  return steps;
}

function categoricalSteps(
  column: string,
  values: ArrayLike<unknown>,
  maxCategories: number,
  minCategoryCount: number,
  markers: MissingMarkers,
): EncoderStep[] {
  const counts = new Map<string, number>();
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissingCell(v, markers)) missing++;
    else {
      const key = categoryOfCell(v);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const kept = [...counts]
    .filter(([, c]) => c >= minCategoryCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxCategories)
    .map(([key]) => key);
  const steps: EncoderStep[] = kept.map((category) => ({
    feature: `${column} = ${category}`,
    column,
    kind: "onehot",
    op: "equals",
    category,
  }));
  steps.push({
    feature: `${column} = (other)`,
    column,
    kind: "other",
    op: "other",
    categories: kept,
    missingIsOther: missing === 0,
  });
  if (missing > 0) steps.push({ feature: `${column} is missing`, column, kind: "missing", op: "isMissing", role: "categorical" });
  return steps;
}

const NUMERIC = 0;
const BOOLEAN = 1;
const CATEGORICAL = 2;

/**
 * One input column's encoding, resolved from its steps once: output columns (-1: none), fill
 * and scaling for numbers and booleans, a category → output column table for categories.
 */
interface ColumnPlan {
  name: string;
  role: typeof NUMERIC | typeof BOOLEAN | typeof CATEGORICAL;
  valueCol: number;
  missingCol: number;
  fill: number;
  mean: number;
  scale: number;
  levels: Map<string, number>;
  otherCol: number;
  /** Where a missing category goes: its indicator, else "(other)". */
  missingTo: number;
  markers: MissingMarkers;
  /** Whether Object.prototype has this name (a plain row could inherit it); set per call. */
  inheritable: boolean;
}

function columnPlans(json: TableEncoderJSON): ColumnPlan[] {
  const markers = missingMarkers(json.missingMarkers);
  return json.columns.map(({ name, role }) => {
    const plan: ColumnPlan = {
      name, role: role === "numeric" ? NUMERIC : role === "boolean" ? BOOLEAN : CATEGORICAL,
      valueCol: -1, missingCol: -1, fill: 0, mean: 0, scale: 1, levels: new Map(), otherCol: -1, missingTo: -1, markers, inheritable: true,
    };
    json.steps.forEach((s, j) => {
      if (s.column !== name) return;
      if (s.op === "value") {
        plan.valueCol = j;
        plan.fill = s.fill;
        if (s.kind === "numeric" && s.mean !== undefined && s.std !== undefined) {
          plan.mean = s.mean;
          plan.scale = 1 / s.std;
        }
      } else if (s.op === "isMissing") plan.missingCol = j;
      else if (s.op === "equals") plan.levels.set(s.category, j);
      else plan.otherCol = j;
    });
    plan.missingTo = plan.missingCol >= 0 ? plan.missingCol : plan.otherCol;
    return plan;
  });
}

/** Writes one cell's features into `out` at row offset `base` (zeros are left unwritten). */
function encodeCell(p: ColumnPlan, v: unknown, out: Float64Array, base: number): void {
  if (p.role === CATEGORICAL) {
    // Known categories first: the common case needs no missing-marker test.
    const j = typeof v === "string" ? p.levels.get(v) : v == null ? undefined : p.levels.get(categoryOfCell(v));
    const target = j !== undefined ? j : isMissingCell(v, p.markers) ? p.missingTo : p.otherCol;
    if (target >= 0) out[base + target] = 1;
    return;
  }
  let x = p.role === NUMERIC ? (typeof v === "number" ? v : numberOfCell(v)) : booleanOfCell(v);
  if (!Number.isFinite(x)) {
    x = p.fill;
    if (p.missingCol >= 0) out[base + p.missingCol] = 1;
  }
  if (p.valueCol >= 0) out[base + p.valueCol] = p.role === NUMERIC ? (x - p.mean) * p.scale : x;
}

/** Each row must be an object: the error names the first that is not. */
function checkRowObjects(rows: readonly unknown[]): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      throw new UnderstudyError("bad_input", messages.data.rowNotObject(i, describeValue(row)));
    }
  }
}

/** Two features with one name would be ambiguous in explanations and SQL: suffix repeats. */
function uniqueFeatureNames(steps: EncoderStep[]): void {
  const seen = new Set<string>();
  for (const step of steps) {
    let name = step.feature;
    for (let k = 2; seen.has(name); k++) name = `${step.feature} #${k}`;
    step.feature = name;
    seen.add(name);
  }
}

function checkEncoderJSON(json: unknown): TableEncoderJSON {
  const fail = (where: string, problem: string): never => {
    throw new UnderstudyError("bad_model_json", messages.data.badEncoderJson(where, problem));
  };
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
  if (!isObject(json)) return fail("the top level", `expected an object, got ${json === null ? "null" : typeof json}`);
  if (json.format !== "understudy-table-encoder") {
    fail("format", `expected "understudy-table-encoder", got ${JSON.stringify(json.format)}`);
  }
  if (json.version !== 1) fail("version", `expected 1, got ${JSON.stringify(json.version)} (this library reads version 1)`);
  const options = json.options;
  if (!isObject(options) || typeof options.standardize !== "boolean" || !isNumber(options.maxCategories) || !isNumber(options.minCategoryCount)) {
    fail("options", "expected { standardize: boolean, maxCategories: number, minCategoryCount: number }");
  }
  if (!Array.isArray(json.missingMarkers) || json.missingMarkers.some((m) => typeof m !== "string")) {
    fail("missingMarkers", "expected an array of strings");
  }
  if (!Array.isArray(json.columns)) fail("columns", "expected an array");
  const roles = new Map<string, string>();
  (json.columns as unknown[]).forEach((c, i) => {
    if (!isObject(c) || typeof c.name !== "string" || !ENCODED.includes(c.role as string)) {
      fail(`columns[${i}]`, "expected { name: string, role: numeric | categorical | boolean }");
    }
    roles.set((c as { name: string }).name, (c as { role: string }).role);
  });
  if (!Array.isArray(json.steps)) fail("steps", "expected an array");
  (json.steps as unknown[]).forEach((s, i) => {
    const at = `steps[${i}]`;
    if (!isObject(s) || typeof s.feature !== "string" || typeof s.column !== "string") {
      return fail(at, "expected an object with feature and column names");
    }
    const role = roles.get(s.column);
    if (role === undefined) fail(`${at}.column`, `"${s.column}" is not listed in columns`);
    const expect = (ok: boolean, what: string) => ok || fail(at, `expected ${what} for kind ${JSON.stringify(s.kind)}`);
    switch (s.kind) {
      case "numeric":
        expect(role === "numeric" && s.op === "value" && isNumber(s.fill), 'op "value" and a numeric fill on a numeric column');
        expect((s.mean === undefined && s.std === undefined) || (isNumber(s.mean) && isNumber(s.std) && s.std > 0), "mean and a positive std together, or neither");
        break;
      case "boolean":
        expect(role === "boolean" && s.op === "value" && (s.fill === 0 || s.fill === 1), 'op "value" and fill 0 or 1 on a boolean column');
        break;
      case "missing":
        expect(s.op === "isMissing" && s.role === role, 'op "isMissing" and the column\'s role');
        break;
      case "onehot":
        expect(role === "categorical" && s.op === "equals" && typeof s.category === "string", 'op "equals" and a category on a categorical column');
        break;
      case "other":
        expect(
          role === "categorical" && s.op === "other" && Array.isArray(s.categories) && s.categories.every((c) => typeof c === "string") && typeof s.missingIsOther === "boolean",
          'op "other", categories (strings) and missingIsOther on a categorical column',
        );
        break;
      default:
        fail(`${at}.kind`, `unknown kind ${JSON.stringify(s.kind)}; expected numeric, boolean, missing, onehot or other`);
    }
  });
  return json as unknown as TableEncoderJSON;
}
