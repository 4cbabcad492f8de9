import * as vl from "vega-lite";
import type { VegaLiteSpec } from "../../src/charts/vega-lite-spec.ts";

/** Compiles a spec with vega-lite and returns every warning and error its logger received. */
export function compileMessages(spec: VegaLiteSpec): string[] {
  const messages: string[] = [];
  const logger = {
    level() { return this; },
    error(...args: unknown[]) { messages.push(`error: ${args.join(" ")}`); return this; },
    warn(...args: unknown[]) { messages.push(`warn: ${args.join(" ")}`); return this; },
    info() { return this; },
    debug() { return this; },
  };
  // deno-lint-ignore no-explicit-any
  vl.compile(spec as any, { logger: logger as any });
  return messages;
}

/** Numbers rounded to 6 significant digits so snapshots do not churn on float noise. */
export function rounded(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? value : Number(value.toPrecision(6));
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  }
  return value;
}
