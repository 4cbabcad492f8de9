import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { BenchmarkResult } from "./benchmark-against-teacher.ts";

/** Options of {@link formatBenchmark}. */
export interface FormatBenchmarkOptions {
  /** "text" (aligned columns, for a terminal; default) or "markdown" (a pipe table). */
  format?: "text" | "markdown";
}

const HEADER = ["System", "Accuracy", "Agrees w/ LLM", "p50 latency", "p95 latency", "USD / 1,000", "Sent to LLM"];

/**
 * The benchmark as a table, one line per system, followed by its notes.
 *
 * @example
 * console.log(formatBenchmark(await benchmarkAgainstTeacher({ understudy: u, rows, teacher })));
 * // System                     Accuracy  Agrees w/ LLM  p50 latency  p95 latency  USD / 1,000  Sent to LLM
 * // LLM (gpt-4o-mini)             91.5%         100.0%       412 ms       803 ms      $0.0712       100.0%
 * // ...
 */
export function formatBenchmark(result: BenchmarkResult, options: FormatBenchmarkOptions = {}): string {
  const format = options.format ?? "text";
  if (format !== "text" && format !== "markdown") {
    throw new UnderstudyError("bad_option", messages.bench.format(format));
  }
  if (!result || !Array.isArray(result.table)) {
    throw new UnderstudyError("bad_input", messages.bench.notABenchmark());
  }
  const lines = result.table.map((r) => [
    systemName(r, result.threshold), percent(r.accuracy), percent(r.agreementWithLLM), milliseconds(r.latencyP50Ms), milliseconds(r.latencyP95Ms), usd(r.costPer1000USD), percent(r.shareToLLM),
  ]);
  const caption = `${result.n} held-out gold rows; task: ${result.task}`;
  const notes = result.notes.map((n) => `- ${n}`);
  if (format === "markdown") {
    const table = [HEADER, HEADER.map((_, k) => (k === 0 ? "---" : "---:")), ...lines].map((cells) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`);
    return [caption, "", ...table, ...(notes.length ? ["", ...notes] : [])].join("\n");
  }
  const widths = HEADER.map((h, k) => Math.max(h.length, ...lines.map((l) => l[k].length)));
  const pad = (cells: string[]) => cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join("  ").trimEnd();
  return [caption, pad(HEADER), ...lines.map(pad), ...notes].join("\n");
}

/**
 * A threshold above 1 (distill stores Number.MAX_VALUE when no threshold meets the cascade
 * target) can never be reached by a probability: say so in words instead of printing the number.
 */
function systemName(row: BenchmarkResult["table"][number], threshold: number): string {
  if (row.role !== "cascade" || threshold <= 1) return row.system;
  return "Cascade (no threshold meets the target: the LLM answers every row)";
}

function percent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "n/a";
}

/** Three significant digits: LLM calls are hundreds of ms, the small model hundredths. */
function milliseconds(ms: number): string {
  if (!Number.isFinite(ms)) return "n/a";
  return `${ms >= 100 ? ms.toFixed(0) : Number(ms.toPrecision(3))} ms`;
}

function usd(x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  return x === 0 ? "$0" : `$${x >= 1 ? x.toFixed(2) : Number(x.toPrecision(3))}`;
}
