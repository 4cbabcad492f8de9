import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Matrix, type MatrixLike } from "../data/matrix.ts";
import { inputMatrix, modelOutputs, outputNames, type FittedModel } from "./model-access.ts";

/** Partial dependence (average) and ICE (one curve per row) of one feature. */
export interface PartialDependence {
  feature: number;
  name: string;
  /** The feature values the curves are evaluated at. */
  grid: number[];
  /** Names of the outputs: class labels (probabilities) or "prediction". */
  outputs: string[];
  /** `average[g][k]`: mean output k over rows with the feature set to grid[g]. */
  average: number[][];
  /** `individual[i][g][k]`: row i's output k with the feature set to grid[g] (kind "individual" or "both"). */
  individual?: number[][][];
}

/**
 * Partial dependence and ICE curves for any model (Friedman 2001; Goldstein et al. 2015):
 * set the feature to each grid value in every row and average the model's outputs.
 * The default grid is every distinct value when there are at most `gridResolution` (20),
 * else `gridResolution` evenly spaced points between the 5th and 95th percentiles. `kind`:
 * "average" (default), "individual" (one ICE curve per row) or "both".
 *
 * @example
 * const pd = partialDependence(model, X, "links", { kind: "both" });
 * pd.average.map((p, g) => [pd.grid[g], p[1]]); // probability of classes[1] as links grows
 */
export function partialDependence(
  model: FittedModel,
  X: MatrixLike,
  feature: number | string,
  options: { grid?: number[]; gridResolution?: number; kind?: "average" | "individual" | "both" } = {},
): PartialDependence {
  const M = inputMatrix(model, X, "partialDependence");
  if (M.nRows === 0) throw new UnderstudyError("empty_input", messages.explain.noRows("partialDependence"));
  const j = typeof feature === "number" ? feature : model.featureNames.indexOf(feature);
  if (!Number.isInteger(j) || j < 0 || j >= model.nFeatures) {
    throw new UnderstudyError("bad_option", messages.explain.unknownFeature("partialDependence", feature, model.featureNames));
  }
  const kind = options.kind ?? "average";
  const grid = options.grid ?? defaultGrid(M.column(j), options.gridResolution ?? 20);
  const n = M.nRows;
  const F = M.nCols;
  const G = grid.length;
  // One predict call over all (grid value × row) copies keeps per-call overhead out.
  const data = new Float64Array(G * n * F);
  for (let g = 0; g < G; g++) {
    data.set(M.data, g * n * F);
    for (let i = 0; i < n; i++) data[(g * n + i) * F + j] = grid[g];
  }
  const out = modelOutputs(model, new Matrix(data, G * n, F, M.featureNames));
  const K = out[0]?.length ?? 1;
  const average = grid.map((_, g) => {
    const s = new Array<number>(K).fill(0);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) s[k] += out[g * n + i][k] / n;
    return s;
  });
  const result: PartialDependence = { feature: j, name: model.featureNames[j] ?? `x${j}`, grid: [...grid], outputs: outputNames(model), average };
  if (kind !== "average") result.individual = Array.from({ length: n }, (_, i) => grid.map((_, g) => out[g * n + i]));
  return result;
}

function defaultGrid(column: Float64Array, resolution: number): number[] {
  const values = Array.from(column).filter((v) => v === v).sort((a, b) => a - b);
  const unique = [...new Set(values)];
  if (unique.length <= resolution) return unique;
  const q = (p: number) => {
    const pos = p * (values.length - 1);
    const lo = Math.floor(pos);
    return values[lo] + (values[Math.min(lo + 1, values.length - 1)] - values[lo]) * (pos - lo);
  };
  const lo = q(0.05);
  const hi = q(0.95);
  return Array.from({ length: resolution }, (_, g) => lo + ((hi - lo) * g) / (resolution - 1));
}
