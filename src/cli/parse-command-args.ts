import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { Command, OptionSpec } from "./command.ts";
import { nearestName } from "../core/nearest-name.ts";

/** Options every subcommand accepts. */
export const commonOptions: readonly OptionSpec[] = [
  { name: "help", type: "boolean", help: "show this help" },
  { name: "quiet", type: "boolean", help: "no progress on stderr" },
  { name: "debug", type: "boolean", help: "print the stack trace of an error" },
];

/**
 * Parses a subcommand's arguments: `--name value`, `--name=value` and `--switch`. A value may
 * start with "-" (`--data -` is standard input, `--threshold -1` a number); only "--" starts
 * the next flag. Unknown flags (with the nearest known one suggested), stray arguments, missing
 * values and missing required flags are usage errors (code "usage"; the CLI exits with 2).
 * A repeated flag keeps its last value.
 *
 * @example
 * parseCommandArgs(sqlCommand, ["--model", "m.json", "--dialect=duckdb"]);
 * // { model: "m.json", dialect: "duckdb" }
 * parseCommandArgs(sqlCommand, ["--modle", "m.json"]);
 * // throws "sql: unknown flag --modle; did you mean --model?"
 */
export function parseCommandArgs(command: Command, argv: string[]): Record<string, string | boolean | undefined> {
  const specs = [...command.options, ...commonOptions];
  const values: Record<string, string | boolean | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h") {
      values.help = true;
      continue;
    }
    if (!arg.startsWith("--") || arg === "--") throw usage(messages.cli.unexpectedArgument(command.name, arg));
    const eq = arg.indexOf("=");
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const spec = specs.find((o) => `--${o.name}` === flag);
    if (!spec) throw usage(messages.cli.unknownFlag(command.name, flag, nearestName(flag, specs.map((o) => `--${o.name}`))));
    if (spec.type === "boolean") {
      if (eq !== -1) throw usage(messages.cli.flagTakesNoValue(command.name, flag));
      values[spec.name] = true;
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[i + 1];
    if (value === undefined || (eq === -1 && value.startsWith("--"))) throw usage(messages.cli.missingValue(command.name, flag, spec.value));
    if (eq === -1) i++;
    values[spec.name] = value;
  }
  if (values.help) return values;
  for (const o of command.options) {
    const value = values[o.name];
    if (o.required && value === undefined) throw usage(messages.cli.requiredFlag(command.name, `--${o.name}`, o.help));
    if (typeof value === "string" && value.trim() === "") throw usage(messages.cli.emptyValue(command.name, `--${o.name}`, o.value));
  }
  return values;
}

function usage(message: string): UnderstudyError {
  return new UnderstudyError("usage", message);
}
