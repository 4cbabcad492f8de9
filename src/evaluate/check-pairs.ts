import { UnderstudyError } from "../core/errors.ts";

/** Both label arrays must pair up one to one. */
export function checkPairs(a: ArrayLike<unknown>, b: ArrayLike<unknown>, method: string): void {
  if (a == null || b == null || a.length !== b.length) {
    throw new UnderstudyError(
      "length_mismatch",
      `${method}: got ${a?.length ?? 0} reference values and ${b?.length ?? 0} predictions; pass one prediction per row.`,
    );
  }
  if (a.length === 0) throw new UnderstudyError("empty_input", `${method}: no rows to evaluate; pass at least one.`);
}
