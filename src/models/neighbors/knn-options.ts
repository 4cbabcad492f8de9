import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import { integer, oneOf, option, type OptionsOf } from "../option-constraints.ts";
import type { NeighborMetric } from "./nearest-neighbors.ts";
import type { NeighborWeighting } from "./neighbor-weights.ts";

/** Options of `KNNClassifier` and `KNNRegressor`: name → default, allowed values, doc. */
export const KNN_OPTIONS = {
  k: option<number>(5, integer({ min: 1 }), "Neighbors consulted per prediction. Default 5."),
  weights: option<NeighborWeighting>("uniform", oneOf("uniform", "distance"), '"uniform" (default): each neighbor counts the same; "distance": weight 1/distance.'),
  metric: option<NeighborMetric>("euclidean", oneOf("euclidean", "manhattan", "cosine"), '"euclidean" (default), "manhattan" or "cosine".'),
};

/** Options of `KNNClassifier` and `KNNRegressor`, each optional: see {@link KNN_OPTIONS}. */
export type KNNOptions = Partial<OptionsOf<typeof KNN_OPTIONS>>;

/**
 * Checks the one k-NN rule a table cannot state: k is at most the number of training rows.
 *
 * @example
 * checkKAgainstRows("KNNClassifier", 5, 100);
 */
export function checkKAgainstRows(kind: string, k: number, nTrain: number): void {
  if (k > nTrain) throw new UnderstudyError("bad_option", messages.models.kTooLarge(kind, k, nTrain));
}
