import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Label } from "../models/estimator.ts";

/** The SQL engines Understudy writes SELECTs for. */
export type SQLDialectName = "duckdb" | "sqlite" | "postgres" | "bigquery" | "spark";

/**
 * Every supported dialect, in the order error messages list them.
 *
 * @example
 * sqlDialectNames.map((name) => sqlDialect(name).number(0.1)); // one double literal per dialect
 */
export const sqlDialectNames: readonly SQLDialectName[] = ["duckdb", "sqlite", "postgres", "bigquery", "spark"];

/**
 * How one SQL dialect spells the few things the export needs. Every number is printed so that
 * the engine parses it as a DOUBLE equal to the JavaScript number (JS `String(x)` is the
 * shortest exact decimal), never as a DECIMAL: duckdb, sqlite and bigquery read a literal with
 * an exponent as a double (`0.1e0`), postgres the exponent and `::float8`, spark the `D` suffix.
 */
export interface SQLDialect {
  name: SQLDialectName;
  /**
   * A quoted identifier (column or table-name part), escaped. Refuses NUL and lone surrogates;
   * other characters are kept as they are (BigQuery: control characters as `\xhh`).
   */
  identifier(name: string): string;
  /** A double literal; negative values come in parentheses so that `a - (-1e0)` never reads as a comment. */
  number(x: number): string;
  /**
   * A string literal that reads back as exactly `s`, with no raw control character in the text:
   * duckdb and postgres splice them in as `chr(n)`, sqlite as `char(n)` (`('a' || chr(0) || 'b')`),
   * bigquery escapes them as `\xhh`, spark as `\uhhhh`. NUL is refused for postgres (its text
   * cannot hold it) and lone surrogates everywhere, each with a clear error.
   */
  string(s: string): string;
  /** A label literal: strings quoted, integers as integers, other numbers as doubles, booleans per dialect. */
  label(v: Label): string;
  /** `CAST(expr AS <double type>)`. */
  toDouble(sql: string): string;
  /** `CAST(expr AS <text type>)`. */
  toText(sql: string): string;
  /**
   * A cell as a double, NULL where it is missing: blank text (only spaces and tabs) and, where
   * the engine can say so (TRY_CAST / SAFE_CAST), text that is not a number.
   */
  readDouble(sql: string): string;
  /** Text with spaces and tabs (only those: the rule of `isMissingCell`) trimmed from both ends. */
  trimBlanks(sql: string): string;
  /** The largest / smallest of several values (sqlite: scalar MAX / MIN; others: GREATEST / LEAST). */
  greatest(args: string[]): string;
  least(args: string[]): string;
}

/**
 * The spelling rules of one dialect. Throws one clear error listing the supported dialects.
 *
 * @example
 * const d = sqlDialect("duckdb");
 * d.identifier('bill "length"'); // "bill ""length"""
 * d.number(0.1);                 // 0.1e0  (DOUBLE, not DECIMAL)
 * sqlDialect("spark").number(0.1); // 0.1D
 */
export function sqlDialect(name: string): SQLDialect {
  if (!(sqlDialectNames as readonly string[]).includes(name)) {
    throw new UnderstudyError("bad_option", messages.export.unknownDialect(name, sqlDialectNames));
  }
  const dialect = name as SQLDialectName;
  const doubleType = { duckdb: "DOUBLE", sqlite: "REAL", postgres: "DOUBLE PRECISION", bigquery: "FLOAT64", spark: "DOUBLE" }[dialect];
  const textType = { duckdb: "VARCHAR", sqlite: "TEXT", postgres: "TEXT", bigquery: "STRING", spark: "STRING" }[dialect];

  function number(x: number): string {
    if (!Number.isFinite(x)) throw new UnderstudyError("bad_sql_value", messages.export.nonFiniteNumber(x));
    let s = String(Math.abs(x));
    if (dialect === "spark") s = `${s}D`;
    else if (!s.includes("e")) s = `${s}e0`;
    // The exponent keeps engines that read Postgres text (DuckDB) off DECIMAL, which can round twice.
    if (dialect === "postgres") s = `${s}::float8`;
    return x < 0 || Object.is(x, -0) ? `(-${s})` : s;
  }

  function string(s: string): string {
    checkText("string", s, dialect);
    if (dialect === "bigquery" || dialect === "spark") {
      // Both read backslash escapes (and Spark joins 'a''b' into "ab"): escape, never double.
      const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(dialect === "spark" ? 4 : 2, "0");
      const escaped = s.replace(/[\\'\x00-\x1f\x7f]/g, (c) => (c === "\\" || c === "'" ? `\\${c}` : dialect === "spark" ? `\\u${hex(c)}` : `\\x${hex(c)}`));
      return `'${escaped}'`;
    }
    // Standard literals read no escapes: control characters are spliced in as chr(n), so the
    // text holds no raw control byte that a client (the sqlite3 CLI, psql) could cut a line at.
    const chr = dialect === "sqlite" ? "char" : "chr";
    const parts = s.split(CONTROL).map((piece, i) => (i % 2 === 1 ? `${chr}(${piece.charCodeAt(0)})` : `'${piece.replaceAll("'", "''")}'`));
    const kept = parts.length === 1 ? parts : parts.filter((p) => p !== "''");
    return kept.length === 1 ? kept[0] : `(${kept.join(" || ")})`;
  }

  function identifier(id: string): string {
    checkText("identifier", id, dialect);
    if (dialect === "bigquery") return `\`${id.replace(/[\\`\x00-\x1f\x7f]/g, (c) => (c === "\\" || c === "`" ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`))}\``;
    if (dialect === "spark") return `\`${id.replaceAll("`", "``")}\``;
    return `"${id.replaceAll('"', '""')}"`;
  }

  const blanks = string(" \t");
  return {
    name: dialect,
    identifier,
    number,
    string,
    label(v) {
      if (typeof v === "string") return string(v);
      if (typeof v === "boolean") return dialect === "sqlite" ? (v ? "1" : "0") : v ? "TRUE" : "FALSE";
      return Number.isSafeInteger(v) ? (v < 0 ? `(${v})` : String(v)) : number(v);
    },
    toDouble: (sql) => `CAST(${sql} AS ${doubleType})`,
    toText: (sql) => `CAST(${sql} AS ${textType})`,
    readDouble(sql) {
      if (dialect === "duckdb" || dialect === "spark") return `TRY_CAST(${sql} AS ${doubleType})`;
      if (dialect === "bigquery") return `SAFE_CAST(${sql} AS ${doubleType})`;
      // CAST('' AS REAL) is 0 in SQLite: a blank cell must read as missing, as in process.
      if (dialect === "sqlite") return `CASE WHEN TRIM(${sql}, ${blanks}) = '' THEN NULL ELSE CAST(${sql} AS REAL) END`;
      return `CAST(NULLIF(TRIM(BOTH ${blanks} FROM CAST(${sql} AS TEXT)), '') AS ${doubleType})`;
    },
    trimBlanks: (sql) => (dialect === "spark" || dialect === "postgres" ? `TRIM(BOTH ${blanks} FROM ${sql})` : `TRIM(${sql}, ${blanks})`),
    greatest: (args) => (args.length === 1 ? args[0] : `${dialect === "sqlite" ? "MAX" : "GREATEST"}(${args.join(", ")})`),
    least: (args) => (args.length === 1 ? args[0] : `${dialect === "sqlite" ? "MIN" : "LEAST"}(${args.join(", ")})`),
  };
}

/** C0 control characters and DEL, captured so that `split` keeps them. */
const CONTROL = /([\x00-\x1f\x7f])/;

/** With the `u` flag a surrogate range matches only surrogates that are not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Refuses what no literal can carry: a lone surrogate (not Unicode, so no engine stores it as
 * written) anywhere, and NUL where the engine cannot hold it (postgres text; every dialect's
 * names, which the engines and their clients treat as C strings).
 */
function checkText(what: "string" | "identifier", s: string, dialect: SQLDialectName): void {
  if (LONE_SURROGATE.test(s)) throw new UnderstudyError("bad_sql_value", messages.export.loneSurrogate(what, s));
  if (s.includes("\0") && (what === "identifier" || dialect === "postgres")) {
    throw new UnderstudyError("bad_sql_value", messages.export.nulInValue(what, s, dialect));
  }
}
