import type { ProgressCallback } from "../core/progress.ts";

/** Where a command reads (`--data -`) and writes: results on `stdout`, progress and messages on `stderr`. */
export interface CommandIO {
  stdin: AsyncIterable<Uint8Array | string>;
  stdout: { write(text: string): unknown };
  stderr: NodeJS.WriteStream;
  /** Progress events of long work; draws bars on stderr unless --quiet. */
  onProgress?: ProgressCallback;
  /** Ends the progress display (call before printing results). */
  progressDone(): void;
}

/** One option of a subcommand: drives both the parser and the help text. */
export interface OptionSpec {
  name: string;
  type: "string" | "boolean";
  /** Placeholder shown in the help, e.g. "file". */
  value?: string;
  help: string;
  /** Shown as "(default ...)" in the help; the command applies it. */
  default?: string;
  required?: boolean;
}

/**
 * One `understudy` subcommand: its options and help text, and `run`, which gets the parsed
 * option values and returns the exit code.
 *
 * @example
 * const hello: Command = {
 *   name: "hello", summary: "say hello", usage: "understudy hello [--name <who>]",
 *   options: [{ name: "name", type: "string", value: "who", help: "who to greet" }],
 *   example: "understudy hello --name Ada",
 *   run: async (values, io) => { io.stdout.write(`hello ${values.name ?? "world"}\n`); return 0; },
 * };
 */
export interface Command {
  name: string;
  /** One line, shown in `understudy --help`. */
  summary: string;
  usage: string;
  /** A few sentences after the usage line. */
  description?: string;
  options: OptionSpec[];
  example: string;
  run(values: Record<string, string | boolean | undefined>, io: CommandIO): Promise<number>;
}
