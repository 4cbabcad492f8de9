import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
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
    throw new UnderstudyError("bad_model_json", messages.models.notAModel(j?.format));
  }
  if (j.version !== 1) {
    throw new UnderstudyError("bad_model_json", messages.models.modelVersion(j.version));
  }
  const entry = typeof j.kind === "string" && Object.hasOwn(estimatorRegistry, j.kind) ? estimatorRegistry[j.kind] : undefined;
  if (!entry) {
    throw new UnderstudyError("bad_model_json", messages.models.unknownModelKind(j.kind, Object.keys(estimatorRegistry)));
  }
  return entry.fromJSON(j as ModelJSON);
}
