import { readFileSync } from "node:fs";
import process from "node:process";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { setLogger } from "../core/logger.ts";
import { benchCommand } from "./bench-command.ts";
import type { Command, CommandIO } from "./command.ts";
import { demoCommand } from "./demo-command.ts";
import { distillCommand } from "./distill-command.ts";
import { formatHelp } from "./format-help.ts";
import { labelCommand } from "./label-command.ts";
import { monitorCommand } from "./monitor-command.ts";
import { nearestName } from "../core/nearest-name.ts";
import { parseCommandArgs } from "./parse-command-args.ts";
import { predictCommand } from "./predict-command.ts";
import { progressBar } from "./progress-bar.ts";
import { reportCommand } from "./report-command.ts";
import { scoreCommand } from "./score-command.ts";
import { sqlCommand } from "./sql-command.ts";

const commands: Command[] = [demoCommand, distillCommand, predictCommand, reportCommand, sqlCommand, benchCommand, monitorCommand, scoreCommand, labelCommand];

/**
 * The `understudy` command line. Returns the exit code: 0 on success, 1 on bad input or a
 * failure (one line on stderr, `understudy: <message>`, never a stack trace unless --debug),
 * 2 on a usage error (unknown command or flag, with the nearest one suggested; a missing or
 * malformed value).
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 * // understudy distill --data emails.csv --task "Is this email spam?" --labels spam,ham --target label
 */
export async function main(
  argv: string[],
  streams: Pick<CommandIO, "stdin" | "stdout" | "stderr"> = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const { stdin, stdout, stderr } = streams;
  if (stdout === process.stdout && process.stdout.listenerCount("error") === 0) {
    // `understudy predict ... | head` closes the pipe early: the reader has what it wanted.
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      process.exit(0);
    });
  }
  const debug = argv.includes("--debug");
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? stderr : stdout).write(overview());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    stdout.write(`${version()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const names = commands.map((c) => c.name);
    stderr.write(`understudy: ${messages.cli.unknownCommand(name, nearestName(name, names), names)}\n`);
    return 2;
  }
  let bar: ReturnType<typeof progressBar> | undefined;
  const previousLogger = setLogger({
    warn: (message) => {
      bar?.done();
      stderr.write(`understudy: warning: ${oneLine(message)}\n`);
    },
  });
  try {
    const values = parseCommandArgs(command, rest);
    if (values.help) {
      stdout.write(formatHelp(command));
      return 0;
    }
    bar = values.quiet ? undefined : progressBar(stderr);
    const io: CommandIO = { stdin, stdout, stderr, onProgress: bar?.update, progressDone: () => bar?.done() };
    return await command.run(values, io);
  } catch (error) {
    bar?.done();
    const usage = error instanceof UnderstudyError && error.code === "usage";
    const message = error instanceof Error ? error.message : String(error);
    stderr.write(`understudy: ${oneLine(message)}\n`);
    if (debug && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
    return usage ? 2 : 1;
  } finally {
    setLogger(previousLogger);
  }
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    "understudy: let a small, transparent model stand in for an LLM, and prove it can be trusted with the job.",
    "",
    "Usage: understudy <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "Options: --help (on any command), --quiet (no progress), --debug (stack traces), --version.",
    "An LLM teaches when OPENAI_API_KEY (or OPENAI_BASE_URL) and UNDERSTUDY_MODEL are set; otherwise a --target column of known labels does.",
    "",
    "Example:",
    "  understudy demo --out understudy-demo",
    "",
  ].join("\n");
}

function version(): string {
  // src/cli/main.ts and dist/cli/main.js both sit two folders below package.json.
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, " ").trim();
}
