import type { Label } from "../models/estimator.ts";
import { inputRow, neighborsOf, type FittedModel } from "./model-access.ts";

/** One stored training row near the query. */
export interface Neighbor {
  /** Row index in the model's training matrix. */
  index: number;
  distance: number;
  /** Its training label (or target value). */
  label: Label;
  /** Its feature values. */
  row: number[];
}

/** The neighbors behind a k-NN prediction, and how they voted. */
export interface NeighborExplanation {
  neighbors: Neighbor[];
  /** Classifiers: neighbors per class, in `classes` order. Regressors: empty. */
  votes: { label: Label; count: number }[];
}

/**
 * The k training rows a k-NN model used for one prediction, nearest first, with their labels
 * and distances (`k` defaults to the model's own).
 *
 * @example
 * neighborExplanation(knn, row).neighbors.map((n) => `${n.label} at ${n.distance.toFixed(2)}`);
 */
export function neighborExplanation(model: FittedModel, x: ArrayLike<number>, options: { k?: number } = {}): NeighborExplanation {
  const nm = neighborsOf(model, "neighborExplanation");
  const row = inputRow(model, x, "neighborExplanation");
  const { indices, distances } = nm.kneighbors([row], options.k);
  const neighbors = indices[0].map((index, r) => ({
    index,
    distance: distances[0][r],
    label: nm.trainingY[index],
    row: Array.from(nm.trainingX.row(index)),
  }));
  const votes =
    model.capabilities.task === "classification"
      ? (model.classes ?? []).map((label) => ({ label, count: neighbors.filter((n) => n.label === label).length }))
      : [];
  return { neighbors, votes };
}
