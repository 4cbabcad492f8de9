import { writeFile } from "node:fs/promises";
import { UnderstudyError } from "../core/errors.ts";

/**
 * Writes a command's output file, with an error that names the file and the fix.
 *
 * @example
 * await writeOutputFile("predictions.csv", csv, "--out");
 */
export async function writeOutputFile(path: string, content: string, option: string): Promise<void> {
  try {
    await writeFile(path, content);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UnderstudyError("bad_output", `cannot write ${path} (${code}); pass ${option} with a path in a folder that exists and you can write to.`);
  }
}
