import type { ColumnTable } from "arquero";
import type { ErrorCode } from "../core/error-codes.ts";
import { messages } from "../core/messages/index.ts";
import { isMissingCell } from "../data/cell-values.ts";
import { inferSchema } from "../data/infer-schema.ts";
import { rowsOf } from "../data/rows-of.ts";
import { nearestName } from "./nearest-name.ts";
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
    case "bad_option": {
      const model = read.string("model");
      if (model === "logistic" && !labels) return messages.cli.modelForTask(model, false);
      if (model === "linear" && labels) return messages.cli.modelForTask(model, true);
      return undefined;
    }
    case "budget_exceeded": {
      const budget = [["budget-calls", read.string("budget-calls")], ["budget-usd", read.string("budget-usd")]]
        .filter(([, v]) => v !== undefined).map(([flag, v]) => `--${flag} ${v}`).join(", ");
      return messages.cli.budgetSpent(budget || "the teacher's own budget", context.cacheDir ?? ".understudy-cache");
    }
    default:
      return undefined;
  }
}

/** The first of --target, --text, --features, --sensitive that names a column the data lacks. */
function missingColumn(read: OptionReader, data: { table: ColumnTable; name: string }): string | undefined {
  const columns = data.table.columnNames();
  for (const flag of ["target", "text", "features", "sensitive"]) {
    const names = flag === "target" ? [read.string(flag)].filter((n): n is string => n !== undefined) : read.list(flag) ?? [];
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
