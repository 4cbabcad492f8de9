import type { ReasonCodesInput } from "../charts/reason-codes-chart.ts";
import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Matrix } from "../data/matrix.ts";
import { counterfactual, type Counterfactual } from "../explain/counterfactual.ts";
import { decisionPath, type DecisionPath } from "../explain/decision-path.ts";
import { formatReasonCodes } from "../explain/format-reason-codes.ts";
import { neighborExplanation, type NeighborExplanation } from "../explain/neighbor-explanation.ts";
import { principalReasons } from "../explain/principal-reasons.ts";
import { reasonCodes, type ReasonCodes } from "../explain/reason-codes.ts";
import { reasonsByColumn, type ColumnReason } from "../explain/reasons-by-column.ts";
import type { FeatureLineage } from "../features/featurizer.ts";
import type { MatrixLike } from "../data/matrix.ts";
import type { Estimator, Label } from "../models/estimator.ts";
import { isNeighborModel, isTreeModel } from "../models/model-kinds.ts";
import { classIndex } from "../explain/model-access.ts";

/** Why the small model decided what it did for one row. */
export interface Explanation {
  prediction: Label;
  /** Classifiers with probabilities: the probability of the predicted class. */
  probability?: number;
  /** Every class's probability, in `classes` order. */
  probabilities?: number[];
  /** Structured reason codes (TreeSHAP for trees, exact contributions for linear models, Shapley values otherwise). */
  reasons: ReasonCodes;
  /** The top reasons as sentences, e.g. "Flipper Length (mm) = 215 raises the Gentoo probability by 0.41". */
  text: string[];
  /** Single decision trees: the tests the row passed from root to leaf. */
  path?: DecisionPath;
  /** k-NN: the training rows behind the vote. */
  neighbors?: NeighborExplanation;
  /** Classifiers, where it can be computed exactly or cheaply: the smallest change that flips the decision. */
  counterfactual?: Counterfactual;
  /**
   * The reasons by input column (one-hot levels, missing indicators and TF-IDF terms rolled up;
   * LLM concepts, expressions and rules on their own), largest |contribution| first: every
   * non-zero one, so they add up like `reasons.all`. With `toward`: the principal reasons for
   * that outcome only, at most `top`, each saying what would have to change.
   */
  byColumn: ColumnReason[];
  /**
   * Present when the run applies a calibration or a cutoff (`u.explain`): `calibrated: false`,
   * the reasons explain the model's uncalibrated probabilities, and `note` says so in a
   * sentence; `prediction` is what `u.predict` returns for the row.
   */
  calibrated?: false;
  note?: string;
  /** With `toward`: the outcome explained and the reference the reasons are measured from. */
  toward?: { outcome: Label; baseline: "training average"; base: number; scale: ReasonCodes["scale"] };
}

/** What {@link explainRow} needs beyond the feature row to speak in the input's terms. */
export interface ExplainContext {
  /** The featurizer's lineage, one entry per feature: rolls features up into input columns. */
  lineage?: readonly FeatureLineage[];
  /** The input row, quoted in the texts. */
  row?: Record<string, unknown>;
  /** Explain this class and list only the factors that pushed toward it (adverse-action reasons). */
  toward?: Label;
  /** A feature value in the input's units (undoes standardization). */
  inputValue?: (feature: number, value: number) => number;
}

/** Features at or below which the bounded counterfactual search is cheap enough to run per row. */
const SEARCH_UP_TO = 30;

/**
 * Explains one featurized row of a fitted model: reason codes against the training baseline,
 * their sentences, and what the model type adds (path, neighbors, counterfactual).
 *
 * @example
 * explainRow(model, featurizer.transform([row]), { mean, median }, 5).text;
 */
export function explainRow(model: Estimator<Label>, X: Matrix, baseline: { mean: number[]; median: number[] }, top = 5, context: ExplainContext = {}): Explanation {
  const x = Array.from(X.row(0));
  const linear = model.capabilities.coefficients;
  const toward = context.toward;
  if (toward !== undefined && model.capabilities.task !== "classification") {
    throw new UnderstudyError("bad_option", messages.understudy.towardNeedsClassifier(toward));
  }
  // An adverse-action reason is measured from the training rows' average (TreeSHAP's expected value is that already).
  const reference = linear || toward !== undefined ? baseline.mean : baseline.median;
  const output = toward !== undefined ? model.classes![classIndex(model, toward, "explain")] : undefined;
  const reasons = model.capabilities.trees || linear || model.nFeatures <= SEARCH_UP_TO
    ? reasonCodes(model, X, x, { top, baseline: reference, ...(output !== undefined ? { output } : {}) })
    : sampledReasons(model, x, reference, top, output);
  const prediction = model.predict(X)[0];
  const out: Explanation = { prediction, reasons, text: formatReasonCodes(reasons), byColumn: [] };
  if (model.capabilities.task === "classification" && model.capabilities.probabilities && model.predictProba) {
    const p = model.predictProba(X)[0];
    out.probabilities = p;
    out.probability = p[model.classes!.indexOf(out.prediction)];
  }
  const trees = isTreeModel(model) ? model.trees.length : 0;
  if (trees === 1) out.path = decisionPath(model, x);
  if (isNeighborModel(model)) out.neighbors = neighborExplanation(model, x);
  if (model.capabilities.task === "classification" && (trees === 1 || linear || model.nFeatures <= SEARCH_UP_TO)) {
    out.counterfactual = counterfactual(model, x);
  }
  const byColumn = { lineage: context.lineage, row: context.row };
  if (output === undefined) out.byColumn = reasonsByColumn(reasons, byColumn);
  else {
    // The counterfactual flips the decision away from the prediction: what to change only when the outcome named is the one decided.
    const flip = prediction === output ? out.counterfactual : undefined;
    out.byColumn = principalReasons(reasons, { ...byColumn, top, baseline: reference, ...(flip ? { counterfactual: flip } : {}), ...(context.inputValue ? { inputValue: context.inputValue } : {}) });
    out.toward = { outcome: output, baseline: "training average", base: reasons.base, scale: reasons.scale };
  }
  return out;
}

/**
 * The reason-codes chart input of an explanation (every non-zero feature, so the waterfall adds up).
 *
 * @example
 * reasonCodesChart(reasonCodesInput(u.explain(row).reasons));
 */
export function reasonCodesInput(reasons: ReasonCodes): ReasonCodesInput {
  return {
    baseline: reasons.base,
    prediction: reasons.outputValue,
    output: reasons.scale === "value" ? "Predicted value" : `${reasons.scale} of ${String(reasons.output)}`,
    contributions: reasons.all.filter((c) => c.contribution !== 0).map((c) => ({ feature: c.name, value: Number.isNaN(c.value) ? null : c.value, contribution: c.contribution })),
  };
}

/**
 * Shapley reason codes of a model with neither trees nor coefficients (k-NN) over many
 * features (TF-IDF): a feature equal to its baseline contributes exactly 0 in every coalition,
 * so only the features where the row differs are sampled; the others are listed with 0.
 */
function sampledReasons(model: Estimator<Label>, x: number[], baseline: number[], top: number, output: Label | undefined): ReasonCodes {
  const differ = x.map((_, j) => j).filter((j) => !(x[j] === baseline[j] || (Number.isNaN(x[j]) && Number.isNaN(baseline[j]))));
  const active = differ.length ? differ : [0];
  const full = (rows: MatrixLike): Matrix => {
    const M = Matrix.from(rows);
    const data = new Float64Array(M.nRows * x.length);
    for (let i = 0; i < M.nRows; i++) {
      data.set(baseline, i * x.length);
      active.forEach((j, k) => { data[i * x.length + j] = M.get(i, k); });
    }
    return new Matrix(data, M.nRows, x.length, model.featureNames);
  };
  const subset: Estimator<Label> = {
    kind: model.kind, capabilities: model.capabilities, options: model.options, classes: model.classes,
    featureNames: active.map((j) => model.featureNames[j]), nFeatures: active.length,
    fit: () => { throw new UnderstudyError("not_fittable", messages.understudy.reasonViewNotFittable()); },
    predict: (rows) => model.predict(full(rows)),
    ...(model.predictProba ? { predictProba: (rows: MatrixLike) => model.predictProba!(full(rows)) } : {}),
    toJSON: () => model.toJSON(),
  };
  const xs = active.map((j) => x[j]);
  const r = reasonCodes(subset, Matrix.fromRows([xs], subset.featureNames), xs, { top, baseline: active.map((j) => baseline[j]), ...(output !== undefined ? { output } : {}) });
  const remap = (c: ReasonCodes["all"][number]) => ({ ...c, feature: active[c.feature] });
  const zero = x.map((_, j) => j).filter((j) => !active.includes(j))
    .map((j) => ({ feature: j, name: model.featureNames[j], value: x[j], contribution: 0, direction: "raises" as const }));
  return { ...r, codes: r.codes.map(remap), all: [...r.all.map(remap), ...zero] };
}
