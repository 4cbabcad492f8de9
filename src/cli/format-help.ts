import type { Command } from "./command.ts";
import { commonOptions } from "./parse-command-args.ts";

/**
 * The `--help` text of a subcommand: summary, usage, options with their defaults, an example.
 *
 * @example
 * process.stdout.write(formatHelp(sqlCommand));
 */
export function formatHelp(command: Command): string {
  const rows = [...command.options, ...commonOptions].map((o) => {
    const left = `--${o.name}${"value" in o && o.value ? ` <${o.value}>` : ""}`;
    const notes = [
      "required" in o && o.required ? "required" : "",
      "default" in o && o.default !== undefined ? `default ${o.default}` : "",
    ].filter(Boolean).join("; ");
    return [left, `${o.help}${notes ? ` (${notes})` : ""}`];
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    `understudy ${command.name}: ${command.summary}`,
    "",
    `Usage: ${command.usage}`,
    ...(command.description ? ["", command.description] : []),
    "",
    "Options:",
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    "",
    "Example:",
    `  ${command.example}`,
    "",
  ].join("\n");
}
