import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import { Matrix, type MatrixLike } from "../../data/matrix.ts";
import type { Label } from "../estimator.ts";
import { encodeLabels } from "../labels.ts";

/** Options of the ml.js adapters (`fromMlCart`, `fromMlRandomForest`, `fromMlLogisticRegression`). */
export interface MlAdapterOptions {
  /**
   * Names of the model's input columns, in order. ml.js models do not record how many columns
   * they were trained on; default: `x0, x1, …` for as many columns as X has, or as the model uses.
   */
  featureNames?: string[];
  /**
   * Classifiers: ml.js predicts class indices 0…K−1; `classes[i]` is the label index i stands
   * for. Default: the indices themselves (0, 1, …). Must be sorted like `sortLabels` sorts them,
   * as every Understudy classifier's classes are.
   */
  classes?: Label[];
  /**
   * Trees and forests: the rows the model was trained on. ml-cart stores most nodes' training
   * counts (TreeSHAP's covers) but not those of some leaves; X settles those, and gives every
   * cover of a tree saved without counts. Without X they are inferred, else split evenly with
   * a warning (see `mlCartTree`).
   */
  X?: MatrixLike;
}

/** What every adapter needs resolved from the options. Internal. */
export interface ResolvedAdapterOptions {
  featureNames: string[];
  X?: Matrix;
}

/**
 * Checks the options against what the model uses: `usedColumns` columns at least. Internal.
 *
 * @example
 * const { featureNames } = resolveAdapterOptions("fromMlCart", {}, 4);   // x0…x3
 */
export function resolveAdapterOptions(caller: string, options: MlAdapterOptions, usedColumns: number): ResolvedAdapterOptions {
  const X = options.X === undefined ? undefined : Matrix.from(options.X);
  if (X && X.hasMissing()) {
    throw new UnderstudyError("missing_values", messages.models.mlMissingX(caller));
  }
  const width = options.featureNames?.length ?? X?.nCols ?? usedColumns;
  if (width < usedColumns) {
    throw new UnderstudyError(
      "width_mismatch",
      messages.models.mlWidth(caller, `the model uses column ${usedColumns - 1} but ${options.featureNames ? "featureNames names" : "X has"} only ${width} columns`),
    );
  }
  if (X && X.nCols !== width) {
    throw new UnderstudyError("width_mismatch", messages.models.mlWidth(caller, `options.X has ${X.nCols} columns but featureNames names ${width}`));
  }
  const featureNames = options.featureNames ? [...options.featureNames] : Array.from({ length: width }, (_, j) => `x${j}`);
  return { featureNames, X };
}

/**
 * The class labels of an ml.js classifier with `nClasses` class indices, sorted as Understudy
 * keeps classes, and `mlIndex[k]`: the ml.js index of sorted class k. Internal.
 *
 * @example
 * adapterClasses("fromMlCart", { classes: ["spam", "ham"] }, 2);   // { classes: ["ham", "spam"], mlIndex: [1, 0] }
 */
export function adapterClasses(caller: string, options: MlAdapterOptions, nClasses: number): { classes: Label[]; mlIndex: number[] } {
  const given = options.classes ?? Array.from({ length: Math.max(nClasses, 2) }, (_, k) => k);
  if (!Array.isArray(given) || given.length < nClasses || new Set(given).size !== given.length) {
    throw new UnderstudyError("bad_option", messages.models.mlClasses(caller, nClasses, options.classes));
  }
  const { classes, codes } = encodeLabels(given, caller);
  const mlIndex = new Array<number>(classes.length);
  codes.forEach((sorted, ml) => (mlIndex[sorted] = ml));
  return { classes, mlIndex };
}
