import { UnderstudyError } from "../../core/errors.ts";
import type { NeighbourMetric } from "./nearest-neighbors.ts";
import type { NeighbourWeighting } from "./neighbour-weights.ts";

/** Options of `KNNClassifier` and `KNNRegressor`, each with its default. */
export interface KNNOptions {
  /** Neighbours consulted per prediction (default 5). */
  k?: number;
  /** "uniform" (default): each neighbour counts the same; "distance": weight 1/distance. */
  weights?: NeighbourWeighting;
  /** "euclidean" (default), "manhattan" or "cosine". */
  metric?: NeighbourMetric;
}

/** Fills the defaults of `KNNOptions` (no validation: that happens in fit). */
export function knnDefaults(options: KNNOptions): Required<KNNOptions> {
  return { k: options.k ?? 5, weights: options.weights ?? "uniform", metric: options.metric ?? "euclidean" };
}

/**
 * Checks k-NN options against the training set size; throws an UnderstudyError naming the
 * option and the fix.
 *
 * @example
 * checkKnnOptions("KNNClassifier", { k: 5, weights: "uniform", metric: "euclidean" }, 100);
 */
export function checkKnnOptions(kind: string, options: Required<KNNOptions>, nTrain: number): void {
  const { k, weights, metric } = options;
  if (!Number.isInteger(k) || k < 1) throw new UnderstudyError("bad_option", `${kind}: k must be a positive integer, got ${k}.`);
  if (k > nTrain) {
    throw new UnderstudyError("bad_option", `${kind}: k = ${k} but there are only ${nTrain} training rows; lower k or add rows.`);
  }
  if (weights !== "uniform" && weights !== "distance") {
    throw new UnderstudyError("bad_option", `${kind}: weights ${JSON.stringify(weights)} is not "uniform" or "distance".`);
  }
  if (metric !== "euclidean" && metric !== "manhattan" && metric !== "cosine") {
    throw new UnderstudyError("bad_option", `${kind}: metric ${JSON.stringify(metric)} is not "euclidean", "manhattan" or "cosine".`);
  }
}
