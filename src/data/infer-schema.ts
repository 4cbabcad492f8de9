import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import {
  booleanOfCell,
  categoryOfCell,
  isBooleanWordCell,
  isMissingCell,
  isNumericCell,
  missingMarkers,
  numberOfCell,
  type MissingMarkers,
} from "./cell-values.ts";
import { dateOfCell } from "./date-of-cell.ts";
import { toTable, type TableInput } from "./to-table.ts";

/** What a column is for. Only numeric, categorical and boolean columns become raw features. */
export type ColumnRole = "numeric" | "categorical" | "boolean" | "text" | "id" | "target" | "ignore";

const ROLES: readonly ColumnRole[] = ["numeric", "categorical", "boolean", "text", "id", "target", "ignore"];

/** The role of one column and why, with the counts the decision was made on. */
export interface ColumnSchema {
  name: string;
  role: ColumnRole;
  /** One short sentence for the audit report, e.g. "unique per row: id-like". */
  reason: string;
  /** What the present values are: JavaScript types, with numeric strings counted as "number". */
  valueType: "number" | "string" | "boolean" | "date" | "mixed" | "other" | "empty";
  stats: {
    /** Cells that are null, undefined, NaN or a missing marker ("", "NA", "N/A", "null", …). */
    missing: number;
    /** Distinct present values. */
    distinct: number;
    /**
     * Numeric columns only: present cells that are not finite numbers ("abc", "Infinity",
     * 1e309), which the encoder reads as missing; at most 10% of the present cells.
     */
    unparsed?: number;
    /** Up to three of those cells, as text, for the warning that names them. */
    unparsedExamples?: string[];
  };
}

/** Plain JSON: one entry per table column, in table order. */
export interface Schema {
  nRows: number;
  columns: ColumnSchema[];
  /**
   * The cell values read as missing when the schema was inferred (trimmed, lower-cased); an
   * encoder given this schema reads cells with the same list. Absent in hand-written schemas.
   */
  missing?: string[];
}

/** Options for {@link inferSchema}. */
export interface InferSchemaOptions {
  /** Roles that win over inference, e.g. `{ zip: "categorical" }`. */
  overrides?: Record<string, ColumnRole>;
  /** Columns known to hold free text. */
  text?: string | readonly string[];
  /** The column of known labels: role "target". */
  target?: string;
  /**
   * Share of rows with distinct values at or above which a column counts as "unique per
   * row" (id-like). Default 1: every row different, none missing.
   */
  idThreshold?: number;
  /** Average length (characters) at or above which strings are text. Default 30. */
  textMinLength?: number;
  /** Cell values read as missing (trimmed, any case). Default `["", "NA", "N/A", "NaN", "null"]`. */
  missing?: readonly string[];
}

const MIN_ROWS_FOR_ID = 3;
/**
 * Share of present cells that must be finite numbers for a column to be numeric. A few stray
 * cells ("abc", "Infinity") then read as missing (and are counted) instead of turning the
 * column into one-hot categories of its most frequent numbers.
 */
const NUMERIC_SHARE = 0.9;
/** A categorical with at least this share of distinct values is nearly one value per row (names, titles). */
const HIGH_CARDINALITY_SHARE = 0.5;
/** ...judged only on at least this many present values (in 10 rows, 6 cities are a category). */
const MIN_ROWS_FOR_HIGH_CARDINALITY = 20;

/**
 * Decides a role for every column, in this order (the first rule that applies wins):
 *
 * 1. `overrides`, then `target`, then `text` (caller knowledge beats inference).
 * 2. "ignore" when every value is missing, values are objects/arrays, dates (`Date` objects:
 *    override to "numeric" to use epoch milliseconds; ISO date strings: never text or
 *    categories), or there is one distinct value (constant).
 * 3. "boolean" when every present value is true/false or the words true/false/yes/no
 *    (numbers 0/1 stay "numeric": they encode the same).
 * 4. Numbers (or strings that parse as numbers; missing markers ignored), when at least 90%
 *    of the present cells are finite numbers (the rest — "abc", "Infinity", 1e309 — are
 *    counted in `stats.unparsed` and read as missing by the encoder):
 *    "categorical" when some have leading zeros ("02134" is a code), "id" when they are
 *    integers, unique per row (see `idThreshold`) and either consecutive or increasing in row
 *    order; else "numeric".
 * 5. Strings and mixed values: "text" when the average length is at least `textMinLength` or
 *    at least half the values have 3+ words and at least half are distinct; "id" when unique
 *    per row; "ignore" when nearly one value per row (at least half the values distinct, 20+
 *    values: names, titles); else "categorical" (the encoder keeps only the most frequent categories).
 *
 * Id rules need at least 3 rows. Identifiers never become features by default. Missing
 * values are null, undefined, NaN, and the `missing` markers (default: empty, NA, N/A, NaN,
 * null; any case, spaces trimmed). "none" is a value by default (a level such as "other
 * payment plans: none").
 *
 * @example
 * const schema = inferSchema(
 *   [{ id: 1, age: "41", city: "Oslo", ok: "yes" }, { id: 2, age: "NA", city: "Lima", ok: "no" },
 *    { id: 3, age: "29", city: "Oslo", ok: "yes" }],
 *   { overrides: { city: "categorical" } },
 * );
 * schema.columns.map((c) => c.role);  // ["id", "numeric", "categorical", "boolean"]
 */
export function inferSchema(data: TableInput, options: InferSchemaOptions = {}): Schema {
  const table = toTable(data);
  const names = table.columnNames();
  const nRows = table.numRows();
  const idThreshold = options.idThreshold ?? 1;
  const textMinLength = options.textMinLength ?? 30;
  if (!(idThreshold > 0 && idThreshold <= 1)) {
    throw new UnderstudyError("bad_option", messages.data.idThreshold(idThreshold));
  }
  const given = givenRoles(names, options);
  const markers = missingMarkers(options.missing);

  const columns = names.map((name): ColumnSchema => {
    const facts = scanColumn(table.array(name) as ArrayLike<unknown>, markers);
    const fixed = given.get(name);
    const decided = fixed ?? decideRole(facts, nRows, idThreshold, textMinLength);
    return {
      name,
      role: decided.role,
      reason: decided.reason,
      valueType: facts.valueType,
      stats: {
        missing: facts.missing,
        distinct: facts.distinct,
        ...(facts.unparsed.length > 0 ? { unparsed: facts.unparsed.length, unparsedExamples: examplesOf(facts.unparsed) } : {}),
      },
    };
  });
  return { nRows, columns, missing: [...markers.list] };
}

interface Decision {
  role: ColumnRole;
  reason: string;
}

function givenRoles(names: string[], options: InferSchemaOptions): Map<string, Decision> {
  const known = new Set(names);
  const check = (name: string, option: string) => {
    if (!known.has(name)) {
      throw new UnderstudyError("unknown_column", messages.data.optionNamesUnknownColumn(option, name, names));
    }
  };
  const given = new Map<string, Decision>();
  const text = options.text === undefined ? [] : typeof options.text === "string" ? [options.text] : options.text;
  for (const name of text) {
    check(name, "text");
    given.set(name, { role: "text", reason: "named as a text column" });
  }
  if (options.target !== undefined) {
    check(options.target, "target");
    given.set(options.target, { role: "target", reason: "named as the target" });
  }
  for (const [name, role] of Object.entries(options.overrides ?? {})) {
    check(name, "overrides");
    if (!ROLES.includes(role)) {
      throw new UnderstudyError("bad_option", messages.data.unknownRole(name, role, ROLES));
    }
    given.set(name, { role, reason: `set by the caller (${role})` });
  }
  return given;
}

interface ColumnFacts {
  valueType: ColumnSchema["valueType"];
  missing: number;
  present: number;
  distinct: number;
  /** Present values that are finite numbers, when the column is numeric. */
  numbers?: Float64Array;
  /** Numeric columns: the present cells that are not finite numbers. */
  unparsed: unknown[];
  /** Every present value is an ISO date string (2024-03-01, 2024-03-01T09:30Z). */
  dateStrings: boolean;
  leadingZeros: boolean;
  meanLength: number;
  multiWordShare: number;
}

function scanColumn(values: ArrayLike<unknown>, markers: MissingMarkers): ColumnFacts {
  let missing = 0;
  let numbers = 0;
  let numericStrings = 0;
  let bigints = 0;
  let booleans = 0;
  let strings = 0;
  let dates = 0;
  let dateStrings = 0;
  let objects = 0;
  let leadingZeros = false;
  let totalLength = 0;
  let multiWord = 0;
  // Raw strings and numbers as keys (String(number) is slow); other types recount below.
  const keys = new Set<unknown>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === "number") {
      if (v !== v) missing++;
      else {
        if (Number.isFinite(v)) numbers++;
        keys.add(v);
      }
      continue;
    }
    if (isMissingCell(v, markers)) {
      missing++;
      continue;
    }
    if (typeof v === "string") {
      strings++;
      totalLength += v.length;
      if (hasThreeWords(v)) multiWord++;
      if (isBooleanWordCell(v)) booleans++;
      else if (!Number.isNaN(dateOfCell(v))) dateStrings++;
      else if (isNumericCell(v)) {
        numericStrings++;
        if (/^\s*[-+]?0\d/.test(v)) leadingZeros = true;
      }
      keys.add(v);
    } else if (typeof v === "boolean") {
      booleans++;
      keys.add(v);
    } else if (v instanceof Date) dates++;
    else if (typeof v === "bigint") bigints++;
    else objects++;
  }
  const present = values.length - missing;
  const finite = numbers + numericStrings + bigints;
  const facts: ColumnFacts = {
    valueType: "mixed",
    missing,
    present,
    distinct: keys.size,
    unparsed: [],
    dateStrings: dateStrings === present && present > 0,
    leadingZeros,
    meanLength: strings > 0 ? totalLength / strings : 0,
    multiWordShare: present > 0 ? multiWord / present : 0,
  };
  if (present === 0) facts.valueType = "empty";
  else if (objects > 0) facts.valueType = "other";
  else if (booleans === present) {
    facts.valueType = "boolean";
    facts.distinct = new Set(presentValues(values, markers).map(booleanOfCell)).size; // "Yes" = "yes"
  } else if (dates === present || facts.dateStrings) {
    facts.valueType = "date";
    facts.distinct = new Set(presentValues(values, markers).map(categoryOfCell)).size;
  } else if (finite >= NUMERIC_SHARE * present) {
    facts.valueType = "number";
    const parsed = new Float64Array(finite);
    let k = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === "number" && Number.isFinite(v)) parsed[k++] = v; // the common case first
      else if (isMissingCell(v, markers)) continue;
      else if (typeof v !== "boolean" && !isBooleanWordCell(v) && Number.isFinite(numberOfCell(v))) parsed[k++] = numberOfCell(v);
      else facts.unparsed.push(v);
    }
    facts.numbers = parsed.subarray(0, k);
    // "1.0" and "1" are one number; Infinity and "abc" are not numbers
    if (finite < present || numericStrings > 0 || bigints > 0) facts.distinct = new Set(facts.numbers).size;
  } else if (strings === present) facts.valueType = "string";
  else facts.distinct = new Set(presentValues(values, markers).map(categoryOfCell)).size; // 1 = "1"
  return facts;
}

function presentValues(values: ArrayLike<unknown>, markers: MissingMarkers): unknown[] {
  return Array.from(values).filter((v) => !isMissingCell(v, markers));
}

/** Up to three distinct cells as text, for a warning. */
function examplesOf(cells: readonly unknown[]): string[] {
  return [...new Set(cells.map((v) => (typeof v === "string" ? v : String(v))))].slice(0, 3);
}

/** At least three whitespace-separated words. */
function hasThreeWords(s: string): boolean {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) <= 32;
    if (!space && !inWord && ++words >= 3) return true;
    inWord = !space;
  }
  return false;
}

function decideRole(f: ColumnFacts, nRows: number, idThreshold: number, textMinLength: number): Decision {
  if (f.valueType === "empty") return { role: "ignore", reason: `all ${nRows} values missing` };
  if (f.valueType === "other") return { role: "ignore", reason: "holds objects or arrays, not flat values" };
  if (f.valueType === "date") {
    return f.dateStrings
      ? { role: "ignore", reason: "ISO date strings: left out (not text, not categories); derive year, month or weekday columns to use them, or split out of time with split: { by }" }
      : { role: "ignore", reason: "dates: derive numeric parts, or override to numeric (epoch ms)" };
  }
  if (f.distinct === 1) return { role: "ignore", reason: "one distinct value: constant" };
  if (f.valueType === "boolean") return { role: "boolean", reason: "only true/false (or yes/no) values" };
  const uniquePerRow = nRows >= MIN_ROWS_FOR_ID && f.distinct >= idThreshold * nRows;
  if (f.valueType === "number" && f.numbers) {
    if (f.leadingZeros) return { role: "categorical", reason: "numbers with leading zeros: codes" };
    if (uniquePerRow && isIdNumbers(f.numbers)) {
      return { role: "id", reason: "unique per row, integers in sequence: id-like" };
    }
    const notes = [f.missing > 0 ? `${f.missing} missing` : "", f.unparsed.length > 0 ? `${f.unparsed.length} not numbers, read as missing` : ""].filter(Boolean);
    return { role: "numeric", reason: notes.length ? `numbers (${notes.join("; ")})` : "numbers" };
  }
  const distinctShare = f.distinct / f.present;
  if (f.meanLength >= textMinLength) {
    return { role: "text", reason: `long strings (average ${Math.round(f.meanLength)} characters): text` };
  }
  if (f.multiWordShare >= 0.5 && distinctShare >= 0.5) {
    return { role: "text", reason: "mostly distinct multi-word strings: text" };
  }
  if (uniquePerRow) return { role: "id", reason: "unique per row: id-like" };
  if (f.present >= MIN_ROWS_FOR_HIGH_CARDINALITY && distinctShare >= HIGH_CARDINALITY_SHARE) {
    return {
      role: "ignore",
      reason: `${f.distinct} distinct values in ${f.present} rows (${Math.round(distinctShare * 100)}%): nearly one per row, like names or titles; left out (one column per value would learn nothing that carries to new rows)`,
    };
  }
  return {
    role: "categorical",
    reason: `${f.distinct} distinct values (${Math.round(distinctShare * 100)}% of rows): categorical`,
  };
}

/** Integers, either consecutive (in any order) or increasing in row order. */
function isIdNumbers(numbers: Float64Array): boolean {
  let min = Infinity;
  let max = -Infinity;
  let increasing = true;
  for (let i = 0; i < numbers.length; i++) {
    const x = numbers[i];
    if (!Number.isInteger(x)) return false;
    if (x < min) min = x;
    if (x > max) max = x;
    if (i > 0 && x <= numbers[i - 1]) increasing = false;
  }
  const consecutive = max - min + 1 === new Set(numbers).size;
  return consecutive || increasing;
}
