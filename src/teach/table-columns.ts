import type { PromptColumn } from "./prompts.ts";

/**
 * Describes object rows' columns for a prompt: name, a type (number, boolean, text) and a
 * short summary (numeric range, or the most common values), from the rows given.
 *
 * @example
 * tableColumns([{ age: 30, city: "Oslo" }, { age: 50, city: "Lima" }]);
 * // [{ name: "age", type: "number", summary: "30 to 50" }, { name: "city", type: "text", summary: "e.g. Lima, Oslo" }]
 */
export function tableColumns(rows: readonly Record<string, unknown>[], columns?: readonly string[]): PromptColumn[] {
  const names = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r ?? {})))];
  return names.map((name) => {
    const values = rows.map((r) => r?.[name]).filter((v) => v !== null && v !== undefined && v !== "");
    const numbers = values.map((v) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN));
    if (values.length > 0 && values.every((v) => typeof v === "boolean")) return { name, type: "boolean" };
    if (values.length > 0 && numbers.every((x) => Number.isFinite(x))) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const x of numbers) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
      return { name, type: "number", summary: `${round(lo)} to ${round(hi)}` };
    }
    const counts = new Map<string, number>();
    for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(([v]) => v.slice(0, 40));
    return { name, type: "text", summary: top.length ? `e.g. ${top.join(", ")}` : "always missing" };
  });
}

function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}
