import type { ColumnTable } from "arquero";
import type { ErrorCode } from "../core/error-codes.ts";
import { messages } from "../core/messages/index.ts";
import { isMissingCell } from "../data/cell-values.ts";
import { inferSchema } from "../data/infer-schema.ts";
import { rowsOf } from "../data/rows-of.ts";
import { nearestName } from "../core/nearest-name.ts";
import type { OptionReader } from "./option-reader.ts";

/** What a command knows when the library rejects its call: the flags given and the data read. */
export interface CliContext {
  read: OptionReader;
  data?: { table: ColumnTable; name: string };
  cacheDir?: string;
}

/**
 * The message of a library error in command-line terms (`--labels spam,ham`, not
 * `labels: [...]`), or undefined when the library's own wording already serves. Chosen by the
 * error's code and the flags and data the command has, never by reading the message: each
 * case works out the bad value itself (which --target column is missing, which values are
 * not among --labels).
 *
 * @example
 * try { await distill(options); }
 * catch (e) { if (e instanceof UnderstudyError) throw new UnderstudyError(e.code, inCliTerms(e.code, context) ?? e.message); }
 */
export function inCliTerms(code: ErrorCode, context: CliContext): string | undefined {
  const { read, data } = context;
  const labels = read.list("labels");
  const target = read.string("target");
  switch (code) {
    case "unknown_column":
      return data && missingColumn(read, data);
    case "target_is_feature": {
      const flag = (["text", "features"] as const).find((f) => target && read.list(f)?.includes(target));
      return flag && messages.cli.targetAlsoInput(target!, `--${flag}`);
    }
    case "id_feature": {
      const schema = data && inferSchema(data.table);
      const id = read.list("features")?.find((c) => schema?.columns.some((s) => s.name === c && s.role === "id"));
      return id && messages.cli.identifierFeature(id);
    }
    case "no_features":
      return messages.cli.noFeatures();
    case "bad_labels":
    case "bad_target":
      return labelsInCliTerms(labels, target, data);
    case "bad_option":
      return optionConflict(read, labels);
    case "budget_exceeded": {
      const budget = [["budget-calls", read.string("budget-calls")], ["budget-usd", read.string("budget-usd")]]
        .filter(([, v]) => v !== undefined).map(([flag, v]) => `--${flag} ${v}`).join(", ");
      return messages.cli.budgetSpent(budget || "the teacher's own budget", context.cacheDir ?? ".understudy-cache");
    }
    default:
      return undefined;
  }
}

/**
 * The first flag that does not fit the others (--positive outside --labels, a cutoff without two
 * labels, a family the task or the flags rule out), worked out from the flags alone.
 */
function optionConflict(read: OptionReader, labels: string[] | undefined): string | undefined {
  const model = read.string("model");
  if (model === "logistic" && !labels) return messages.cli.modelForTask(model, false);
  if (model === "linear" && labels) return messages.cli.modelForTask(model, true);
  const positive = read.string("positive");
  if (positive !== undefined && !labels?.includes(positive)) return messages.cli.positiveNotALabel(positive, labels);
  if (read.string("class-weight") !== undefined) {
    if (!labels) return messages.cli.needsLabels("--class-weight balanced", "weights classes");
    if (model === "knn") return messages.cli.classWeightKnn();
  }
  const cutoff = ["costs", "target-rate"].filter((flag) => read.string(flag) !== undefined);
  if (cutoff.length === 2) return messages.cli.costsAndTargetRate();
  if (cutoff.length === 1 && labels?.length !== 2) return messages.cli.cutoffNeedsTwoLabels(`--${cutoff[0]}`, labels);
  if (read.flag("calibrate") && !labels) return messages.cli.needsLabels("--calibrate", "calibrates class probabilities");
  const [by, group] = [read.string("split-by"), read.string("split-group")];
  if (by !== undefined && group !== undefined) return messages.cli.splitByAndGroup(by, group);
  if (read.flag("exportable") && model === "knn") return messages.cli.exportableKnn();
  return undefined;
}

/** Column names a flag gives: one (--target, --split-by), a list, or the keys of --monotone col:dir pairs. */
function columnsOfFlag(read: OptionReader, flag: string): string[] {
  if (["target", "split-by", "split-group"].includes(flag)) return [read.string(flag)].filter((n): n is string => n !== undefined);
  if (flag === "monotone") return (read.list(flag) ?? []).map((pair) => pair.slice(0, Math.max(0, pair.lastIndexOf(":"))).trim());
  return read.list(flag) ?? [];
}

/** The first of --target, --text, --features, --sensitive, --split-by, --split-group, --monotone that names a column the data lacks. */
function missingColumn(read: OptionReader, data: { table: ColumnTable; name: string }): string | undefined {
  const columns = data.table.columnNames();
  for (const flag of ["target", "text", "features", "sensitive", "split-by", "split-group", "monotone"]) {
    const names = columnsOfFlag(read, flag);
    const missing = names.find((n) => !columns.includes(n));
    if (missing !== undefined) return messages.cli.noSuchColumn(`--${flag}`, missing, data.name, columns, nearestName(missing, columns));
  }
  return undefined;
}

function labelsInCliTerms(labels: string[] | undefined, target: string | undefined, data: { table: ColumnTable } | undefined): string | undefined {
  const values = target && data?.table.columnNames().includes(target)
    ? [...new Set(rowsOf(data.table).map((r) => r[target]).filter((v) => !isMissingCell(v)).map(String))]
    : undefined;
  if (!labels) return messages.cli.labelsNeeded(values ? target : undefined, (values ?? []).slice(0, 8));
  if (new Set(labels).size < 2 || labels.includes("unsure")) return messages.cli.badLabels(labels);
  const stray = values?.filter((v) => !labels.includes(v));
  if (target && stray?.length) return messages.cli.labelsMissValues(target, labels, stray.slice(0, 5));
  return undefined;
}
