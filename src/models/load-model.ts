import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { checkSavedModel } from "./check-saved-model.ts";
import type { Estimator, ModelJSON } from "./estimator.ts";
import { estimatorRegistry } from "./registry.ts";

/**
 * Restores a model saved with `toJSON()`; predictions are identical to the original's.
 * Throws `bad_model_json` naming the problem when the JSON is not an Understudy model, has
 * another format version, names a kind that is not in {@link estimatorRegistry} (looked up as
 * an own property, so `"constructor"` or `"__proto__"` is no kind), or its state is damaged or
 * crafted: each kind checks every structural invariant of its state on load (trees: children
 * in range and after their parent, feature indices < nFeatures, finite values; linear and
 * k-NN: lengths that match), within the caps of `MODEL_JSON_LIMITS`.
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
  if (j.version !== 1) throw new UnderstudyError("bad_model_json", messages.models.modelVersion(j.version));
  const entry = typeof j.kind === "string" && Object.hasOwn(estimatorRegistry, j.kind) ? estimatorRegistry[j.kind] : undefined;
  if (!entry) throw new UnderstudyError("bad_model_json", messages.models.unknownModelKind(j.kind, Object.keys(estimatorRegistry)));
  checkSavedModel(j as ModelJSON, entry.task);
  return entry.fromJSON(j as ModelJSON);
}
