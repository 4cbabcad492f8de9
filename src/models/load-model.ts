import { UnderstudyError } from "../core/errors.ts";
import type { Estimator, ModelJSON } from "./estimator.ts";
import { estimatorRegistry } from "./registry.ts";

/**
 * Restores a model saved with `toJSON()`; predictions are identical to the original's.
 * Throws an UnderstudyError naming the problem when the JSON is not an Understudy model, has
 * another format version, or names a kind that is not in {@link estimatorRegistry}.
 *
 * @example
 * const json = JSON.parse(fs.readFileSync("model.json", "utf8"));
 * const model = loadModel(json);
 * model.predict([[1, 2, 3]]);
 */
export function loadModel(json: unknown): Estimator {
  const j = json as Partial<ModelJSON> | null;
  if (j == null || typeof j !== "object" || j.format !== "understudy-model") {
    throw new UnderstudyError(
      "bad_model_json",
      `loadModel: this is not an Understudy model (expected format "understudy-model", got ${JSON.stringify(j?.format)}). Pass the object that toJSON() returned.`,
    );
  }
  if (j.version !== 1) {
    throw new UnderstudyError(
      "bad_model_version",
      `loadModel: model format version ${JSON.stringify(j.version)} is not supported by this version of understudy-ml (it reads version 1); upgrade the package.`,
    );
  }
  const entry = typeof j.kind === "string" && Object.hasOwn(estimatorRegistry, j.kind) ? estimatorRegistry[j.kind] : undefined;
  if (!entry) {
    throw new UnderstudyError(
      "unknown_model_kind",
      `loadModel: unknown model kind ${JSON.stringify(j.kind)}; known kinds: ${Object.keys(estimatorRegistry).join(", ")}.`,
    );
  }
  return entry.fromJSON(j as ModelJSON);
}
