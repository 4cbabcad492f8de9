/** Error messages of `src/models/`: one function per message (see README.md beside this file). */

/** A value as an error shows it: numbers plainly (Infinity, NaN), everything else as JSON. */
function shown(value: unknown): string {
  return typeof value === "number" ? String(value) : value === undefined ? "undefined" : JSON.stringify(value);
}

export const modelsMessages = {
  // Options (checked in fit against each estimator's option table).
  unknownOption: (kind: string, name: string, nearest: string | undefined, known: readonly string[]) =>
    `${kind}: unknown option ${name}${nearest ? `; did you mean ${nearest}?` : "."} Options: ${known.join(", ")}.`,
  badOption: (kind: string, name: string, value: unknown, expected: string) =>
    `${kind}: option ${name} is ${shown(value)}; it must be ${expected}.`,
  oobNeedsBootstrap: (kind: string) =>
    `${kind}: option oobScore needs bootstrap: true (without bootstrap no row is out of bag).`,
  unknownClassWeightLabel: (kind: string, label: string, classes: readonly unknown[]) =>
    `${kind}: classWeight names ${JSON.stringify(label)}, which is not a class in y (classes: ${classes.map(String).join(", ")}); fix the label.`,
  kTooLarge: (kind: string, k: number, nTrain: number) =>
    `${kind}: k = ${k} but there are only ${nTrain} training rows; lower k or add rows.`,
  badQueryK: (kind: string, k: unknown, nTrain: number) =>
    `${kind}: k must be an integer from 1 to ${nTrain} (the training rows), got ${shown(k)}.`,

  // Fit input.
  noRows: (kind: string) => `${kind}: X has no rows; fit needs at least one labeled row.`,
  noColumns: (kind: string) => `${kind}: X has no columns; fit needs at least one feature.`,
  labelCount: (kind: string, nRows: number, nLabels: number) =>
    `${kind}: X has ${nRows} rows but y has ${nLabels} labels; pass one label per row.`,
  featureNameCount: (kind: string, nNames: number, nCols: number) =>
    `${kind}: ${nNames} feature names for ${nCols} columns; pass one name per column.`,
  weightCount: (kind: string, nWeights: number, nRows: number) =>
    `${kind}: sampleWeight has ${nWeights} values for ${nRows} rows; pass one weight per row.`,
  badWeight: (kind: string, i: number, value: number) =>
    `${kind}: sampleWeight[${i}] is ${value}; weights must be finite and non-negative.`,
  weightsSumToZero: (kind: string) => `${kind}: the sample (and class) weights sum to 0; give some rows a positive weight.`,
  weightsNotUsed: (kind: string) =>
    `${kind}: sampleWeight is not used by this estimator (every stored row counts the same); leave sampleWeight out, or repeat or drop rows instead.`,
  missingValue: (kind: string, i: number, j: number, name: string, value: number) =>
    `${kind}: X[${i}][${j}] (${name}) is ${value}; this model does not accept missing or infinite values. Impute them first (encodeTable imputes) or use a tree model, which routes missing values.`,
  badRegressionTarget: (kind: string, i: number, value: unknown) =>
    `${kind}: y[${i}] is ${JSON.stringify(value)}; a regressor needs finite numbers. Drop or fill that row first.`,
  badLabel: (kind: string, i: number, value: unknown) =>
    `${kind}: label y[${i}] is ${String(value)}; labels must be strings, finite numbers or booleans. Drop or label that row first.`,
  mixedLabels: (kind: string, first: string, other: string, i: number, value: unknown) =>
    `${kind}: y mixes ${first} and ${other} labels (y[${i}] = ${JSON.stringify(value)}); convert them to one kind.`,
  singleClass: (kind: string, label: unknown) =>
    `${kind}: y holds only one class (${JSON.stringify(label)}); a classifier needs at least two. Add rows of another class.`,
  noOutOfBagRows: (kind: string) =>
    `${kind}: every tree saw every row, so there is no out-of-bag score; use more trees or set oobScore: false.`,

  // Predict input.
  predictWidth: (kind: string, nCols: number, nFeatures: number) =>
    `${kind}: X has ${nCols} columns but the model was fitted on ${nFeatures}; pass the same features in the same order.`,
  outputTooShort: (kind: string, length: number, needed: number) =>
    `${kind}: the output buffer holds ${length} entries but these rows need ${needed}; pass a buffer at least that long.`,

  // Saved models.
  notAModel: (format: unknown) =>
    `loadModel: this is not an Understudy model (expected format "understudy-model", got ${JSON.stringify(format)}). Pass the object that toJSON() returned.`,
  modelVersion: (version: unknown) =>
    `loadModel: model format version ${JSON.stringify(version)} is not supported by this version of understudy-ml (it reads version 1); upgrade the package.`,
  unknownModelKind: (kind: unknown, known: readonly string[]) =>
    `loadModel: unknown model kind ${JSON.stringify(kind)}; known kinds: ${known.join(", ")}.`,
  wrongSavedKind: (kind: string, found: unknown) =>
    `${kind}.fromJSON: expected a saved ${kind} (format "understudy-model"), got kind ${JSON.stringify(found)}; use loadModel for any kind.`,
  damagedModelJSON: (caller: string, problem: string) => `${caller}: ${problem}; the JSON is damaged.`,
  missingSavedPart: (caller: string, part: string) => `${caller}: ${part} is missing; pass the object toJSON() returned.`,

  // ml.js adapters.
  notMlModel: (caller: string, expected: string, name: unknown, instead: string) =>
    `${caller}: expected ${expected}, got name ${JSON.stringify(name)}. ${instead}`,
  untrainedMlModel: (caller: string, problem: string) =>
    `${caller}: ${problem}; train the ml.js model before calling toJSON().`,
  mlSelectionMethod: (caller: string, method: unknown) =>
    `${caller}: selectionMethod ${JSON.stringify(method)} is not supported: only "mean" is a weighted sum of trees (what TreeSHAP and SQL export need). Retrain with selectionMethod: "mean".`,
  mlWidth: (caller: string, problem: string) => `${caller}: ${problem}; pass exactly the columns the model was trained on.`,
  mlMissingX: (caller: string) =>
    `${caller}: options.X has missing values (NaN); pass the numeric rows the ml.js model was trained on.`,
  mlClasses: (caller: string, nClasses: number, classes: unknown) =>
    `${caller}: the model predicts ${nClasses} class indices but options.classes is ${JSON.stringify(classes)}; give one distinct label per index 0…${nClasses - 1}.`,
  damagedJSON: (kind: string, problem: string) =>
    `${kind}.fromJSON: ${problem}; the JSON is damaged or was edited: pass the object toJSON() returned.`,
  damagedTree: (kind: string, tree: number, problem: string) =>
    `${kind}.fromJSON: tree ${tree}: ${problem}; the JSON is damaged or was edited: pass the object toJSON() returned.`,

  // Explainable Boosting Machine.
  monotoneTwoClasses: (kind: string, nClasses: number) =>
    `${kind}: option monotone constrains the probability of one class, so it needs two classes (got ${nClasses}); drop monotone or use an ExplainableBoostingClassifier (it constrains the first class against the others).`,
  monotoneFeature: (kind: string, key: string, featureNames: readonly string[]) =>
    `${kind}: option monotone names ${JSON.stringify(key)}, which is neither a feature name nor a feature index (0…${featureNames.length - 1}); features: ${featureNames.join(", ")}.`,
};
