import { readFile } from "node:fs/promises";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Understudy } from "../understudy/understudy.ts";

/**
 * Loads the `--model` file written by `understudy distill` (the Understudy JSON bundle), with
 * an error naming the file when it cannot be read or is not a bundle.
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
    if (code === "ENOENT") throw new UnderstudyError("file_not_found", messages.cli.modelNotFound(path), { cause: e });
    throw new UnderstudyError("bad_file", messages.cli.modelUnreadable(path, code ?? (e as Error).message), { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UnderstudyError("bad_model_json", messages.cli.modelNotJSON(path, (e as Error).message), { cause: e });
  }
  try {
    return Understudy.fromJSON(json);
  } catch (e) {
    if (e instanceof UnderstudyError) throw new UnderstudyError("bad_model_json", messages.cli.modelNotBundle(path, e.message), { cause: e });
    throw e;
  }
}
