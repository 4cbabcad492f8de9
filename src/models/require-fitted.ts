import { notFitted } from "../core/errors.ts";

/**
 * The fitted state of an estimator, or the not-fitted error that tells the caller to call
 * fit first: one line in place of the same check in every estimator.
 *
 * @example
 * const s = requireFitted(this.fitted, "KNNRegressor");
 */
export function requireFitted<T>(fitted: T | undefined, kind: string): T {
  if (fitted === undefined) throw notFitted(kind);
  return fitted;
}
