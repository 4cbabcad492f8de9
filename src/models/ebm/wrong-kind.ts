import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";

/**
 * The error for `fromJSON` given another kind's JSON.
 *
 * @example
 * if (json.kind !== KIND) throw wrongKind(KIND, json.kind);
 */
export function wrongKind(kind: string, found: unknown): UnderstudyError {
  return new UnderstudyError("bad_model_json", messages.models.wrongSavedKind(kind, found));
}
