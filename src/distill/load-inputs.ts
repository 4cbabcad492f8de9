import { stat } from "node:fs/promises";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { isMissingCell, missingMarkers, type MissingMarkers } from "../data/cell-values.ts";
import { cellOf } from "../data/cell-of.ts";
import { inferSchema, type Schema } from "../data/infer-schema.ts";
import { duckdbFileFormat } from "../data/duckdb-source.ts";
import { fileSha256 } from "../data/file-sha256.ts";
import { loadTable } from "../data/load-table.ts";
import { readBigFile } from "../data/read-big-file.ts";
import { rowsOf } from "../data/rows-of.ts";
import { sensitiveProxies, type ProxyFeature, type SensitiveColumns } from "../evaluate/sensitive-proxies.ts";
import type { Label } from "../models/estimator.ts";
import { MIN_LABELS } from "./min-labels.ts";
import type { CheckedOptions } from "./check-options.ts";
import type { RunEvents } from "./run-events.ts";

/** What {@link loadInputs} found in the data. */
export interface LoadedInputs {
  rows: Record<string, unknown>[];
  /** Every column of the data, in order. */
  columns: string[];
  schema: Schema;
  /** Text columns (TF-IDF, concepts). */
  text: string[];
  /** Numeric, categorical and boolean columns encoded as features. */
  features: string[];
  kind: "classification" | "regression";
  /** The target column's value per row (null where missing), when a target was named. */
  gold?: (Label | null)[];
  /** An id-like column, used to name rows in the report. */
  idColumn?: string;
  /** The data file's name and the SHA-256 of its bytes, when `data` was a file path. */
  source?: { name: string; sha256: string };
  /** Per column with any, the cells read as missing (markers, nulls, numeric cells that are not numbers). */
  missingCells?: { column: string; count: number }[];
  /** The `sensitive` columns: each row's group, whether they are also features, and the feature columns that may stand in for them. */
  sensitive?: SensitiveColumns;
}

/** The options {@link loadInputs} reads. */
export type LoadOptions = Pick<CheckedOptions, "data" | "labels" | "range" | "text" | "target" | "features" | "sensitive" | "useSensitiveAsFeature" | "missing" | "sample"> & { seed?: number };

/** Files at least this big are read through DuckDB even without `sample` (the in-memory reader holds the file several times over). */
export const BIG_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Stage 2: reads the table and decides what each column is: text, feature, target (gold
 * labels), identifier (never a feature); and whether the task is classification or regression.
 * Cells equal to a `missing` marker are missing, except target values named in `labels`
 * (a class "NA" is a class). A `sensitive` column is never a feature (nor text) unless
 * `useSensitiveAsFeature` is true; feature columns associated with one (≥ 0.3) are warned about
 * as likely proxies. Warns about numeric columns with cells that are not numbers (read as
 * missing) and about labels the target column never holds; refuses data with too few rows to split.
 *
 * @example
 * const inputs = await loadInputs({ data: "emails.csv", labels: ["spam", "ham"], text: ["body"], target: "label" }, events);
 * inputs.kind; // "classification"
 * inputs.source; // { name: "emails.csv", sha256: "9f2c…" }
 */
export async function loadInputs(o: LoadOptions, events: RunEvents): Promise<LoadedInputs> {
  events.progress("load", 0, 1, "reading the data");
  const markers = missingMarkers(o.missing);
  // Loading only types CSV columns: markers that are also labels stay text there, and the
  // schema and encoder below read them as missing in every other column.
  const labels = new Set((o.labels ?? []).map((l) => l.trim().toLowerCase()));
  const missing = markers.list.filter((m) => !labels.has(m));
  // Hashed beside the read (DuckDB works on its own threads); a read error is the one reported.
  const sourcePending = typeof o.data === "string" ? sourceOf(o.data) : undefined;
  sourcePending?.catch(() => undefined);
  const table = (await throughDuckDB(o))
    ? await readBigFile(o.data as string, { missing, seed: o.seed ?? 0, ...(o.sample !== undefined ? { sample: o.sample } : {}) })
    : await loadTable(o.data, { missing });
  const rows = rowsOf(table);
  const columns = table.columnNames();
  checkColumns(o, columns);
  const need = MIN_LABELS.train + MIN_LABELS.validation + MIN_LABELS.test;
  if (rows.length < need) throw new UnderstudyError("empty_input", messages.data.tooFewRows(rows.length, MIN_LABELS));
  const sensitiveNames = sensitiveColumns(o);
  const { schema, text, features } = columnRoles(o, rows, markers, sensitiveNames, events);
  const kind = taskKind(o, rows, markers);
  const gold = o.target ? goldLabels(rows, o.target, kind, o.labels, markers) : undefined;
  warnAboutCells(o, schema, features, gold, events);
  const idColumn = schema.columns.find((c) => c.role === "id")?.name;
  const source = await sourcePending;
  events.progress("load", 1, 1, `${rows.length} rows; ${features.length} feature column(s)${text.length ? `, text: ${text.join(", ")}` : ""}`);
  const missingCells = missingCellCounts(schema, o.target, gold);
  const sensitive = sensitiveNames.length ? readSensitive(o, rows, schema, features, sensitiveNames, markers, events) : undefined;
  return {
    rows, columns, schema, text, features, kind, ...(gold ? { gold } : {}), ...(idColumn ? { idColumn } : {}), ...(source ? { source } : {}), missingCells,
    ...(sensitive ? { sensitive } : {}),
  };
}

/** `sensitive` as a list of names; refuses anything else, and a `useSensitiveAsFeature` that is not true/false. */
function sensitiveColumns(o: LoadOptions): string[] {
  const s = o.sensitive;
  const list = s === undefined ? [] : typeof s === "string" ? [s] : s;
  if (!Array.isArray(list) || list.some((c) => typeof c !== "string" || c.trim() === "") || new Set(list).size !== list.length) {
    throw new UnderstudyError("bad_option", messages.distill.badSensitive(s));
  }
  if (o.useSensitiveAsFeature !== undefined && typeof o.useSensitiveAsFeature !== "boolean") {
    throw new UnderstudyError("bad_option", messages.distill.badUseSensitiveAsFeature(o.useSensitiveAsFeature));
  }
  return [...list];
}

/** Each row's group per sensitive column, and the features that may stand in for them (warned about). */
function readSensitive(
  o: LoadOptions, rows: Record<string, unknown>[], schema: Schema, features: readonly string[], names: string[], markers: MissingMarkers, events: RunEvents,
): SensitiveColumns {
  const asFeature = o.useSensitiveAsFeature === true;
  if (asFeature) events.warn(messages.distill.sensitiveAsFeature(names));
  const text = (v: unknown) => (isMissingCell(v, markers) ? null : v instanceof Date ? v.toISOString() : String(v));
  const attributes = names.map((name) => ({ name, groups: rows.map((r) => text(cellOf(r, name))) }));
  const proxyFeatures: ProxyFeature[] = features.filter((f) => !names.includes(f)).map((name) => {
    const numeric = schema.columns.find((c) => c.name === name)?.role === "numeric";
    const cells = rows.map((r) => cellOf(r, name));
    return numeric
      ? { name, kind: "numeric", values: cells.map((v) => (isMissingCell(v, markers) || !Number.isFinite(Number(v)) ? null : Number(v))) }
      : { name, kind: "categorical", values: cells.map(text) };
  });
  const proxies = sensitiveProxies({ attributes, features: proxyFeatures });
  const measureName = { cramersV: "Cramér's V", correlationRatio: "correlation ratio" } as const;
  for (const a of proxies.associations.filter((p) => p.proxy)) {
    events.warn(messages.distill.sensitiveProxy(a.feature, a.attribute, measureName[a.measure], a.value, proxies.threshold, a.n));
  }
  return { attributes, asFeature, proxies: { ...proxies, rows: "all", n: rows.length } };
}

/** Numeric feature columns with cells that are not numbers; labels the gold column never holds. */
function warnAboutCells(o: LoadOptions, schema: Schema, features: readonly string[], gold: (Label | null)[] | undefined, events: RunEvents): void {
  for (const c of schema.columns) {
    if (c.role === "numeric" && c.stats.unparsed && features.includes(c.name)) {
      events.warn(messages.data.unparsedNumbers(c.name, c.stats.unparsed, c.stats.unparsedExamples ?? []));
    }
  }
  if (o.labels && o.target && gold) {
    const seen = new Set(gold);
    const absent = o.labels.filter((l) => !seen.has(l));
    if (absent.length) events.warn(messages.data.labelNeverInGold(absent, o.target));
  }
}

/** Cells read as missing per column: the schema's counts, the target's from its gold labels (labels are never missing). */
function missingCellCounts(schema: Schema, target: string | undefined, gold: (Label | null)[] | undefined): { column: string; count: number }[] {
  return schema.columns
    .map((c) => ({
      column: c.name,
      count: c.name === target && gold ? gold.filter((g) => g === null).length : c.stats.missing + (c.stats.unparsed ?? 0),
    }))
    .filter((c) => c.count > 0);
}

function checkColumns(o: LoadOptions, columns: string[]): void {
  const named = [["target", o.target ? [o.target] : []], ["text", o.text ?? []], ["features", o.features ?? []], ["sensitive", sensitiveColumns(o)]] as const;
  for (const [what, names] of named) {
    for (const name of names) if (!columns.includes(name)) throw new UnderstudyError("unknown_column", messages.distill.unknownColumn(what, name, columns));
  }
  if (o.target && o.text?.includes(o.target)) throw new UnderstudyError("target_is_feature", messages.distill.targetInText(o.target));
}

/**
 * Text columns: as given, else the ones inferred (among `features` when given); features: the
 * rest but the target. Sensitive columns are neither, unless `useSensitiveAsFeature`.
 */
function columnRoles(
  o: LoadOptions, rows: Record<string, unknown>[], markers: MissingMarkers, sensitive: readonly string[], events: RunEvents,
): { schema: Schema; text: string[]; features: string[] } {
  const target = { ...(o.target ? { target: o.target } : {}), missing: markers.list };
  const inferred = inferSchema(rows, { ...(o.text ? { text: o.text } : {}), ...target });
  const roleOf = (column: string) => inferred.columns.find((c) => c.name === column)?.role;
  const text = o.text ?? (o.features ? o.features.filter((c) => roleOf(c) === "text") : inferred.columns.filter((c) => c.role === "text").map((c) => c.name));
  const schema = o.text ? inferred : inferSchema(rows, { text, ...target });
  const kept = (c: string) => o.useSensitiveAsFeature === true || !sensitive.includes(c);
  const named = [...(o.features ?? []), ...(o.text ?? [])].filter((c) => !kept(c));
  if (named.length) events.warn(messages.distill.sensitiveNotFeature([...new Set(named)]));
  const features = (o.features ?? schema.columns.filter((c) => ["numeric", "categorical", "boolean"].includes(c.role)).map((c) => c.name))
    .filter((c) => c !== o.target && !text.includes(c) && kept(c));
  for (const c of features) {
    const column = schema.columns.find((s) => s.name === c);
    if (column?.role === "id") throw new UnderstudyError("id_feature", messages.distill.idFeature(c, column.reason));
  }
  if (features.length === 0 && text.filter(kept).length === 0) throw new UnderstudyError("no_features", messages.distill.noFeatures(schema.columns));
  return { schema, text: text.filter(kept), features };
}

/** Classification when labels are given; regression when they are not and the target is numeric (or a range is given). */
function taskKind(o: LoadOptions, rows: Record<string, unknown>[], markers: MissingMarkers): "classification" | "regression" {
  if (o.labels) return "classification";
  if (!o.target) {
    if (o.range) return "regression";
    throw new UnderstudyError("bad_option", messages.distill.labelsMissing());
  }
  const present = rows.map((r) => cellOf(r, o.target!)).filter((v) => !isMissingCell(v, markers));
  const numeric = present.length > 0 && present.every((v) => (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))));
  const distinct = [...new Set(present.map(String))];
  if (!numeric || distinct.length <= 2) throw new UnderstudyError("bad_option", messages.distill.targetHoldsClasses(o.target, distinct));
  return "regression";
}

/** The target's values; for classification a value named in `labels` is that label even when it is also a missing marker. */
function goldLabels(rows: Record<string, unknown>[], target: string, kind: "classification" | "regression", labels: string[] | undefined, markers: MissingMarkers): (Label | null)[] {
  const values = rows.map((r) => cellOf(r, target));
  if (kind === "regression") return values.map((v) => (isMissingCell(v, markers) ? null : Number(v)));
  const named = new Set(labels);
  const out = values.map((v) => (v != null && named.has(String(v)) ? String(v) : isMissingCell(v, markers) ? null : String(v)));
  const stray = [...new Set(out.filter((v): v is string => v !== null && !labels!.includes(v)))];
  if (stray.length) throw new UnderstudyError("bad_labels", messages.distill.goldNotInLabels(target, stray, labels!));
  return out;
}

/**
 * The switch between readers: a file goes through DuckDB when `sample` is given, when it is
 * Parquet, or when it is at least {@link BIG_FILE_BYTES}; smaller CSV/JSON files and in-memory
 * data keep the in-memory reader.
 */
async function throughDuckDB(o: LoadOptions): Promise<boolean> {
  if (typeof o.data !== "string") return false;
  const format = duckdbFileFormat(o.data);
  if (o.sample !== undefined || format === "parquet") return true;
  if (format === undefined) return false;
  const size = await stat(o.data).then((s) => s.size, () => 0);
  return size >= BIG_FILE_BYTES;
}

/** The file's name and SHA-256 of its bytes (streamed: the file may be bigger than memory): what the report prints so a reader can check they have the same data. */
async function sourceOf(path: string): Promise<{ name: string; sha256: string }> {
  return { name: path.split(/[\\/]/).pop() ?? path, sha256: await fileSha256(path) };
}
