import type { ReportValue } from "./report-input.ts";

// Every number and value in the report passes through here, so none can print as
// "undefined" or "NaN": absent or non-finite values become a dash.

export const DASH = "—";

/** Rows a table shows open; the rest wait in a closed <details> under it. */
export const OPEN_TABLE_ROWS = 30;
/** Charts drawn open; later ones (and secondary ones) wait in closed <details>. */
export const OPEN_CHARTS = 12;

export function pct(x: number | undefined, digits = 1): string {
  return isNum(x) ? `${(x * 100).toFixed(digits)}%` : DASH;
}

export function num(x: number | undefined): string {
  if (!isNum(x)) return DASH;
  if (Number.isInteger(x)) return x.toLocaleString("en-US");
  return String(Number(x.toPrecision(4)));
}

export function int(x: number | undefined): string {
  return isNum(x) ? Math.round(x).toLocaleString("en-US") : DASH;
}

export function usd(x: number | undefined): string {
  if (!isNum(x)) return DASH;
  if (x === 0 || Math.abs(x) >= 1) return `$${x.toFixed(2)}`;
  // Small amounts keep two significant digits: $0.000051 per call, not $0.0001.
  const digits = Math.min(8, Math.max(4, 1 - Math.floor(Math.log10(Math.abs(x)))));
  return `$${x.toFixed(digits)}`;
}

export function value(v: ReportValue | undefined): string {
  if (v === undefined || v === null) return DASH;
  if (typeof v === "number") return num(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return v;
}

function isNum(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

const ROWS_WORDS = { test: "test rows", cv: "out-of-fold rows", validation: "validation rows", train: "training rows" } as const;

/** Which rows a figure comes from, in words: "test rows, n = 400" (held-out test rows by default). */
export function rowsText(on: keyof typeof ROWS_WORDS | undefined, n?: number): string {
  const words = ROWS_WORDS[on ?? "test"];
  return isNum(n) ? `${words}, n = ${int(n)}` : words;
}
