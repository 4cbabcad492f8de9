import { readFile } from "node:fs/promises";
import { UnderstudyError } from "../core/errors.ts";
import { Understudy } from "../understudy/understudy.ts";

/**
 * Loads a model file written by `understudy distill` (the Understudy JSON bundle), with an
 * error naming the file when it cannot be read or is not a bundle.
 *
 * @example
 * const u = await readUnderstudy("understudy-model/model.json");
 */
export async function readUnderstudy(path: string): Promise<Understudy> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnderstudyError("file_not_found", `cannot read the model file ${path}${code === "ENOENT" ? " (no such file)" : ` (${code ?? (e as Error).message})`}; pass the model.json that \`understudy distill\` wrote.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UnderstudyError("bad_bundle", `the model file ${path} is not JSON (${(e as Error).message}); pass the model.json that \`understudy distill\` wrote.`);
  }
  try {
    return Understudy.fromJSON(json);
  } catch (e) {
    if (e instanceof UnderstudyError) throw new UnderstudyError(e.code, `${path}: ${e.message}`, { cause: e });
    throw e;
  }
}
