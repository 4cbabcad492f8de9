import type { Matrix, MatrixLike } from "../data/matrix.ts";

/** A class label: strings, numbers and booleans all work; one kind per model. */
export type Label = string | number | boolean;

/**
 * What a fitted model can do. Shared code (explanations, charts, SQL export, reports) reads
 * these flags and the matching accessors below; it never checks concrete classes.
 */
export interface Capabilities {
  task: "classification" | "regression";
  /** predictProba is meaningful. */
  probabilities: boolean;
  /** The model is made of trees: implements `TreeModel` (rules, TreeSHAP, SQL CASE trees). */
  trees: boolean;
  /** The model is linear in its inputs: implements `LinearModel` (coefficients, closed-form counterfactuals). */
  coefficients: boolean;
  /** The model predicts from stored neighbors: implements `NeighborModel`. */
  neighbors: boolean;
  /** Accepts NaN in X (routes missing values itself) rather than rejecting it. */
  handlesMissing: boolean;
}

/** Options for `fit`. */
export interface FitOptions {
  /** Names for the columns of X (a Matrix brings its own). */
  featureNames?: string[];
  /** Non-negative weight per row (default 1 each). */
  sampleWeight?: ArrayLike<number>;
}

/**
 * The versioned, plain-JSON form of a fitted model. `loadModel(json)` restores it exactly.
 * `state` is the estimator's own; typed arrays are stored as number arrays.
 */
export interface ModelJSON {
  format: "understudy-model";
  version: 1;
  /** Registry name, e.g. "DecisionTreeClassifier". */
  kind: string;
  options: Record<string, unknown>;
  featureNames: string[];
  /** Labels seen in fit (classifiers). */
  classes?: Label[];
  state: Record<string, unknown>;
}

/**
 * The one interface every estimator implements (scikit-learn's contract in TypeScript):
 * the constructor only stores options; `fit` validates, forgets any earlier fit and returns
 * `this`; `fit` never modifies its inputs; everything is synchronous.
 */
export interface Estimator<Y extends Label = Label> {
  /** Registry name of the concrete estimator, e.g. "RandomForestClassifier". */
  readonly kind: string;
  readonly capabilities: Capabilities;
  /** The options as given, with defaults filled in. Never mutated by fit. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Names of the features seen in fit (a copy). Every fitted attribute throws the not-fitted error before fit. */
  readonly featureNames: string[];
  /** Number of features seen in fit. */
  readonly nFeatures: number;
  /** Classifiers: labels seen in fit (a copy), sorted (numbers ascending, strings by code unit, false < true). */
  readonly classes?: Y[];

  fit(X: MatrixLike, y: ArrayLike<Y>, options?: FitOptions): this;
  predict(X: MatrixLike): Y[];
  /** Classifiers: one row per input, columns in `classes` order, each row sums to 1. */
  predictProba?(X: MatrixLike): number[][];
  toJSON(): ModelJSON;
}

/**
 * One fitted binary tree in flat arrays (the layout of scikit-learn's `tree_`).
 * Node 0 is the root. An internal node sends row x left when `x[feature] <= threshold`, right
 * otherwise; a missing value (NaN) goes left when `missingGoesLeft[node]` is 1.
 * Leaves have `feature = -1`, `left = right = -1`.
 */
export interface TreeStructure {
  nodeCount: number;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  missingGoesLeft: Uint8Array;
  /**
   * Node outputs, `nodeCount × nOutputs`, row-major. Classifiers: class probabilities at the
   * node (fractions of weighted training rows, columns in `classes` order). Regressors: the
   * mean target (nOutputs = 1).
   */
  value: Float64Array;
  nOutputs: number;
  /** Weighted count of training rows reaching each node (the cover TreeSHAP needs). */
  cover: Float64Array;
  /** Unweighted count of training rows reaching each node. */
  nSamples: Int32Array;
  /** Impurity at each node (gini, entropy or variance). */
  impurity: Float64Array;
}

/**
 * Models made of trees. The prediction (probabilities or value) is the weighted sum of leaf
 * values over `trees`: Σ_t treeWeights[t] · leafValue_t(x). A single tree has one weight of 1;
 * a forest's weights are 1/nTrees.
 */
export interface TreeModel {
  readonly trees: TreeStructure[];
  readonly treeWeights: Float64Array;
}

/**
 * Linear models, on the raw input scale: the score for output k is
 * `intercepts[k] + Σ_j coefficients[k][j] · x[j]`. `link` turns scores into the prediction:
 * "identity" (regression), "logistic" (binary: one score for classes[1]), "softmax" (one per class).
 */
export interface LinearModel {
  readonly coefficients: number[][];
  readonly intercepts: number[];
  readonly link: "identity" | "logistic" | "softmax";
  /** Per-feature mean and scale used for internal standardization, to report standardized coefficients. */
  readonly featureMeans?: Float64Array;
  readonly featureScales?: Float64Array;
}

/** Models that predict from stored training rows. */
export interface NeighborModel {
  /** The k nearest training rows of each query row, nearest first. */
  kneighbors(X: MatrixLike, k?: number): { indices: number[][]; distances: number[][] };
  /** The stored training matrix and its targets. */
  readonly trainingX: Matrix;
  readonly trainingY: Label[] | number[];
}
