import { parseArgs } from "node:util";
import { UnderstudyError } from "../core/errors.ts";
import type { Command } from "./command.ts";

/** Options every subcommand accepts. */
export const commonOptions = [
  { name: "help", type: "boolean", help: "show this help" },
  { name: "quiet", type: "boolean", help: "no progress on stderr" },
  { name: "verbose", type: "boolean", help: "print stack traces of errors" },
] as const;

/**
 * Parses a subcommand's arguments with node:util parseArgs (strict: unknown options and
 * stray arguments are usage errors, code "usage", which the CLI exits with 2).
 *
 * @example
 * parseCommandArgs(sqlCommand, ["--model", "m.json", "--dialect", "duckdb"]);
 * // { model: "m.json", dialect: "duckdb" }
 */
export function parseCommandArgs(command: Command, argv: string[]): Record<string, string | boolean | undefined> {
  const options = Object.fromEntries([...commonOptions, ...command.options].map((o) => [o.name, { type: o.type }]));
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
  } catch (e) {
    // parseArgs words its messages for programmers ("Unknown option '--x'. To specify a positional..."): keep the first sentence.
    const first = (e as Error).message.split(/\.\s/)[0].replace(/\.$/, "");
    throw new UnderstudyError("usage", `${command.name}: ${first}; see \`understudy ${command.name} --help\`.`);
  }
  if (values.help) return values;
  for (const o of command.options) {
    if (o.required && values[o.name] === undefined) {
      throw new UnderstudyError("usage", `${command.name}: --${o.name} is required (${o.help}); see \`understudy ${command.name} --help\`.`);
    }
    if (o.type === "string" && typeof values[o.name] === "string" && (values[o.name] as string).trim() === "") {
      throw new UnderstudyError("usage", `${command.name}: --${o.name} is empty; give ${o.value ? `a ${o.value}` : "a value"}.`);
    }
  }
  return values;
}
