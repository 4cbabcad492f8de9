import type { DistillOptions } from "../distill.ts";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { DEFAULT_MISSING_MARKERS } from "../data/cell-values.ts";
import type { OptionSpec } from "./command.ts";
import type { OptionReader } from "./option-reader.ts";

/** Direction of a `--monotone` constraint. */
export type MonotoneDirection = "increasing" | "decreasing";

/** What the flags of {@link distillFlagSpecs} set: options of `distill()`, and `monotone` (honoured by the EBM). */
export type DistillFlagOptions = Pick<
  DistillOptions,
  "positive" | "classWeight" | "costs" | "targetRate" | "calibrate" | "exportable" | "split" | "missing" | "concepts" | "expressions" | "rules"
> & { monotone?: Record<string, MonotoneDirection> };

/**
 * The `understudy distill` flags of how a model decides, is split, reads cells and what the
 * LLM adds: each one option of `distill()` in command-line terms. Shared by the parser, the
 * help and the reproducing command (in this order).
 */
export const distillFlagSpecs: readonly OptionSpec[] = [
  { name: "positive", type: "string", value: "label", help: "the class explained and scored (charts, cutoff, fairness; default: the first of --labels)" },
  { name: "class-weight", type: "string", value: "balanced", help: "balanced: weight each class by rows / (classes × its rows) in every fit (k-NN cannot, and is left out)" },
  { name: "costs", type: "string", value: "fp=n,fn=n", help: "two classes: what a false positive and a false negative cost (e.g. fp=1,fn=5); the cutoff that costs least is used by predict and SQL" },
  { name: "target-rate", type: "string", value: "share", help: "two classes: the share of rows predicted --positive (e.g. 0.1); sets the cutoff (not with --costs)" },
  { name: "calibrate", type: "boolean", help: "apply an out-of-fold Platt calibration to the probabilities (measured either way)" },
  { name: "exportable", type: "boolean", help: "keep only candidate models with a SQL form (for `understudy sql` and `understudy score`)" },
  { name: "split", type: "string", value: "train,validation,test", help: "shares of the rows per part, e.g. 0.7,0.15,0.15", default: "0.6,0.2,0.2" },
  { name: "split-by", type: "string", value: "col", help: "out of time: the earliest rows of this date (or number) column train, the latest test" },
  { name: "split-group", type: "string", value: "col", help: "rows with one value of this column (e.g. customer_id) stay on one side, and in one fold" },
  { name: "missing", type: "string", value: "a,b,...", help: 'cell values read as missing, comma-separated, "" by an empty item (e.g. ",NA,-"; labels never are)', default: DEFAULT_MISSING_MARKERS.join(",") },
  { name: "monotone", type: "string", value: "col:dir,...", help: "constraints, dir increasing or decreasing (e.g. income:increasing,debt_ratio:decreasing); a candidate that cannot honour them is left out" },
  { name: "no-llm-features", type: "boolean", help: "no LLM concepts, expressions or rules (the LLM only labels)" },
  { name: "no-concepts", type: "boolean", help: "no LLM concepts (yes/no questions learned by detectors) for text" },
  { name: "no-expressions", type: "boolean", help: "no LLM-proposed expression features" },
  { name: "no-rules", type: "boolean", help: "no LLM-proposed rules" },
];

/**
 * Reads the flags of {@link distillFlagSpecs} into `distill()` options; a value that does not
 * parse is a usage error naming the flag and the form it takes. Flags not given are left out,
 * so the library's defaults apply.
 *
 * @example
 * readDistillFlags(optionReader("distill", { costs: "fp=1,fn=5", "split-by": "date", "no-llm-features": true }));
 * // { costs: { falsePositive: 1, falseNegative: 5 }, split: { by: "date" }, concepts: false, expressions: false, rules: false }
 */
export function readDistillFlags(read: OptionReader): DistillFlagOptions {
  const options: DistillFlagOptions = {};
  const positive = read.string("positive");
  if (positive !== undefined) options.positive = positive;
  if (read.choice("class-weight", ["balanced"] as const)) options.classWeight = "balanced";
  const costs = read.string("costs");
  if (costs !== undefined) options.costs = parseCosts(costs);
  const targetRate = read.number("target-rate", { above: 0, below: 1 });
  if (targetRate !== undefined) options.targetRate = targetRate;
  if (read.flag("calibrate")) options.calibrate = true;
  if (read.flag("exportable")) options.exportable = true;
  const split = readSplit(read);
  if (split) options.split = split;
  const missing = read.string("missing");
  if (missing !== undefined) options.missing = [...new Set(missing.split(",").map((m) => m.trim()))];
  const monotone = read.string("monotone");
  if (monotone !== undefined) options.monotone = parseMonotone(monotone);
  const none = read.flag("no-llm-features");
  if (none || read.flag("no-concepts")) options.concepts = false;
  if (none || read.flag("no-expressions")) options.expressions = false;
  if (none || read.flag("no-rules")) options.rules = false;
  return options;
}

function readSplit(read: OptionReader): DistillOptions["split"] | undefined {
  const shares = read.string("split");
  const by = read.string("split-by");
  const group = read.string("split-group");
  if (shares === undefined && by === undefined && group === undefined) return undefined;
  const split: NonNullable<DistillOptions["split"]> = {};
  if (shares !== undefined) {
    const parts = shares.split(",").map((s) => Number(s.trim()));
    const valid = parts.length === 3 && parts.every((p) => p > 0 && p < 1) && Math.abs(parts[0] + parts[1] + parts[2] - 1) < 1e-9;
    if (!valid) throw usage("--split", "three shares above 0 that sum to 1, train,validation,test (e.g. 0.7,0.15,0.15)", shares);
    [split.train, split.validation, split.test] = parts;
  }
  if (by !== undefined) split.by = by;
  if (group !== undefined) split.group = group;
  return split;
}

/** `fp=1,fn=5` (in any order) as `{ falsePositive: 1, falseNegative: 5 }`. */
function parseCosts(text: string): NonNullable<DistillOptions["costs"]> {
  const form = "fp=<cost>,fn=<cost>, two numbers ≥ 0, not both 0 (e.g. fp=1,fn=5)";
  const pairs = new Map(text.split(",").map((part): [string, string] => [part.split("=", 1)[0].trim(), part.includes("=") ? part.slice(part.indexOf("=") + 1).trim() : ""]));
  const cost = (key: string) => {
    const value = pairs.get(key);
    const n = value === undefined || value === "" ? NaN : Number(value);
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const falsePositive = cost("fp");
  const falseNegative = cost("fn");
  if (pairs.size !== 2 || falsePositive === undefined || falseNegative === undefined || falsePositive + falseNegative === 0) throw usage("--costs", form, text);
  return { falsePositive, falseNegative };
}

/** `income:increasing,debt_ratio:decreasing` as `{ income: "increasing", debt_ratio: "decreasing" }`. */
function parseMonotone(text: string): Record<string, MonotoneDirection> {
  const form = "col:increasing or col:decreasing, comma-separated (e.g. income:increasing,debt_ratio:decreasing)";
  const constraints: Record<string, MonotoneDirection> = {};
  for (const part of text.split(",")) {
    const at = part.lastIndexOf(":");
    const column = part.slice(0, at).trim();
    const direction = part.slice(at + 1).trim();
    if (at <= 0 || column === "" || (direction !== "increasing" && direction !== "decreasing") || Object.hasOwn(constraints, column)) throw usage("--monotone", form, text);
    constraints[column] = direction;
  }
  return constraints;
}

function usage(flag: string, what: string, got: string): UnderstudyError {
  return new UnderstudyError("usage", messages.cli.badValue("distill", flag, what, got));
}
