import { rename, rm, writeFile } from "node:fs/promises";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/**
 * Writes a command's output file whole or not at all: into a temporary file beside it, then
 * renamed over `path`, so a reader (or a failed run) never sees half a file. Errors name the
 * file and the flag that chose it.
 *
 * @example
 * await writeOutputFile("predictions.csv", csv, "--out");
 */
export async function writeOutputFile(path: string, content: string | Uint8Array, flag: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (e) {
    await rm(temporary, { force: true });
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UnderstudyError("bad_output", messages.cli.cannotWrite(path, reason, flag), { cause: e });
  }
}
