import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import type { ModelJSON } from "../estimator.ts";
import { LogisticRegression } from "../logistic-regression.ts";
import { adapterClasses, resolveAdapterOptions, type MlAdapterOptions } from "./ml-adapter-options.ts";

interface MlLogisticJSON {
  name?: string;
  numberClasses?: number;
  classifiers?: { weights?: number[][] | number[] }[];
}

/**
 * Loads a trained ml-logistic-regression model (its `toJSON()` output, live or parsed) as an
 * Understudy `LogisticRegression` with coefficients (a `LinearModel`): explainable with
 * linear contributions and counterfactuals, savable with `toJSON()`/`loadModel`, exportable to SQL.
 *
 * ml.js trains one-vs-rest: classifier i scores σ(w_i·x) for "not class i" (its target is 0 for
 * class i) and `predict` picks the class with the lowest score. No intercept is fitted (add a
 * column of ones to X for one). The adapted model's scores are −w_i·x with a softmax (with two
 * classes: one logistic score (w_0 − w_1)·x for class 1), so `predict` is ml.js's on every row
 * — except where ml.js's sigmoids round two classes to the same double (scores beyond about
 * ±37, i.e. both classes certain to be rejected), where ml.js takes the first and we compare the
 * scores. `predictProba` is the softmax of those scores, a proper distribution; ml.js exposes
 * no probabilities (its one-vs-rest sigmoids do not sum to 1).
 *
 * @example
 * import LogisticRegression from "ml-logistic-regression";
 * import { Matrix } from "ml-matrix";
 * const ml = new LogisticRegression({ numSteps: 1000, learningRate: 5e-3 });
 * ml.train(new Matrix(X), Matrix.columnVector(y));
 * const model = fromMlLogisticRegression(ml.toJSON(), { featureNames: ["bias", "a", "b"] });
 * model.predict(X);   // ml.predict(new Matrix(X))
 */
export function fromMlLogisticRegression(json: unknown, options: MlAdapterOptions = {}): LogisticRegression {
  const caller = "fromMlLogisticRegression";
  const j = JSON.parse(JSON.stringify(json ?? null)) as MlLogisticJSON | null;
  if (j?.name !== "LogisticRegression") {
    throw new UnderstudyError(
      "bad_model_json",
      messages.models.notMlModel(caller, `ml-logistic-regression's toJSON() output (name "LogisticRegression")`, j?.name, "Pass the object its toJSON() returned."),
    );
  }
  const classifiers = j.classifiers;
  if (!Array.isArray(classifiers) || classifiers.length < 2 || classifiers.length !== j.numberClasses) {
    throw new UnderstudyError(
      "bad_model_json",
      messages.models.untrainedMlModel(
        caller,
        `expected one classifier per class (at least 2), got ${Array.isArray(classifiers) ? classifiers.length : "none"} for numberClasses ${JSON.stringify(j.numberClasses)}`,
      ),
    );
  }
  const weights = classifiers.map((c, i) => {
    const w = c?.weights;
    const row = Array.isArray(w) ? (Array.isArray(w[0]) ? (w[0] as number[]) : (w as number[])) : undefined;
    if (!row || row.length === 0 || row.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
      throw new UnderstudyError("bad_model_json", messages.models.damagedModelJSON(caller, `classifier ${i} has no finite weights`));
    }
    return row;
  });
  const p = weights[0].length;
  if (weights.some((w) => w.length !== p)) {
    throw new UnderstudyError("bad_model_json", messages.models.damagedModelJSON(caller, "the classifiers have weights of different lengths"));
  }
  const { featureNames } = resolveAdapterOptions(caller, options, p);
  if (featureNames.length !== p) {
    throw new UnderstudyError("width_mismatch", messages.models.mlWidth(caller, `the model has ${p} weights per class but ${featureNames.length} columns were given`));
  }
  const { classes, mlIndex } = adapterClasses(caller, options, weights.length);
  if (classes.length !== weights.length) {
    throw new UnderstudyError("bad_option", messages.models.mlClasses(caller, weights.length, options.classes));
  }
  // Score of class k = −w_k·x (ml.js picks the lowest "not class k" score).
  const scores = mlIndex.map((m) => weights[m].map((v) => -v));
  const coefficients = classes.length === 2 ? [scores[1].map((v, jj) => v - scores[0][jj])] : scores;
  const model: ModelJSON = {
    format: "understudy-model",
    version: 1,
    kind: "LogisticRegression",
    options: { penalty: "none", fitIntercept: false },
    featureNames,
    classes,
    state: {
      coefficients,
      intercepts: coefficients.map(() => 0),
      featureMeans: new Array(p).fill(0),
      featureScales: new Array(p).fill(1),
      nIter: 0,
    },
  };
  return LogisticRegression.fromJSON(model);
}
