import { UnderstudyError } from "../core/errors.ts";
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
 * an exponent as a double (`0.1e0`), postgres needs `::float8`, spark the `D` suffix.
 */
export interface SQLDialect {
  name: SQLDialectName;
  /** A quoted identifier (column or table-name part), escaped. */
  identifier(name: string): string;
  /** A double literal; negative values come in parentheses so that `a - (-1e0)` never reads as a comment. */
  number(x: number): string;
  /** A string literal, escaped. */
  string(s: string): string;
  /** A label literal: strings quoted, integers as integers, other numbers as doubles, booleans per dialect. */
  label(v: Label): string;
  /** `CAST(expr AS <double type>)`. */
  toDouble(sql: string): string;
  /** `CAST(expr AS <text type>)`. */
  toText(sql: string): string;
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
    throw new UnderstudyError(
      "bad_dialect",
      `toSQL: unknown dialect ${JSON.stringify(name)}; supported dialects: ${sqlDialectNames.join(", ")}.`,
    );
  }
  const dialect = name as SQLDialectName;
  const backtick = dialect === "bigquery" || dialect === "spark";
  // Spark and BigQuery read backslash escapes in strings (and Spark joins 'a''b' into "ab").
  const backslashStrings = backtick;
  const doubleType = { duckdb: "DOUBLE", sqlite: "REAL", postgres: "DOUBLE PRECISION", bigquery: "FLOAT64", spark: "DOUBLE" }[dialect];
  const textType = { duckdb: "VARCHAR", sqlite: "TEXT", postgres: "TEXT", bigquery: "STRING", spark: "STRING" }[dialect];

  function number(x: number): string {
    if (!Number.isFinite(x)) {
      throw new UnderstudyError(
        "non_finite_number",
        `toSQL: the model holds the value ${x}, which SQL cannot write as a number; refit the model on finite data.`,
      );
    }
    let s = String(Math.abs(x));
    if (dialect === "postgres") s = `${s}::float8`;
    else if (dialect === "spark") s = `${s}D`;
    else if (!s.includes("e")) s = `${s}e0`;
    return x < 0 || Object.is(x, -0) ? `(-${s})` : s;
  }

  function string(s: string): string {
    if (!backslashStrings) return `'${s.replaceAll("'", "''")}'`;
    const escaped = s
      .replaceAll("\\", "\\\\")
      .replaceAll("'", "\\'")
      .replaceAll("\n", "\\n")
      .replaceAll("\r", "\\r")
      .replaceAll("\t", "\\t");
    return `'${escaped}'`;
  }

  return {
    name: dialect,
    identifier(id) {
      if (dialect === "bigquery") return `\`${id.replaceAll("\\", "\\\\").replaceAll("`", "\\`")}\``;
      if (dialect === "spark") return `\`${id.replaceAll("`", "``")}\``;
      return `"${id.replaceAll('"', '""')}"`;
    },
    number,
    string,
    label(v) {
      if (typeof v === "string") return string(v);
      if (typeof v === "boolean") return dialect === "sqlite" ? (v ? "1" : "0") : v ? "TRUE" : "FALSE";
      return Number.isSafeInteger(v) ? (v < 0 ? `(${v})` : String(v)) : number(v);
    },
    toDouble: (sql) => `CAST(${sql} AS ${doubleType})`,
    toText: (sql) => `CAST(${sql} AS ${textType})`,
    greatest: (args) => (args.length === 1 ? args[0] : `${dialect === "sqlite" ? "MAX" : "GREATEST"}(${args.join(", ")})`),
    least: (args) => (args.length === 1 ? args[0] : `${dialect === "sqlite" ? "MIN" : "LEAST"}(${args.join(", ")})`),
  };
}
