import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/** Both label arrays must pair up one to one. */
export function checkPairs(a: ArrayLike<unknown>, b: ArrayLike<unknown>, method: string): void {
  if (a == null || b == null || a.length !== b.length) {
    throw new UnderstudyError("length_mismatch", messages.evaluate.pairsLength(method, a?.length ?? 0, b?.length ?? 0));
  }
  if (a.length === 0) throw new UnderstudyError("empty_input", messages.evaluate.noRows(method));
}
