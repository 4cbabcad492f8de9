/** Error messages of `src/explain/`: one function per message (see README.md beside this file). */
export const explainMessages = {
  needsTrees: (method: string, kind: string | undefined) =>
    `${method} needs a tree model (capabilities.trees); ${kind ?? "this model"} has none. Use reasonCodes or permutationImportance, which work for any model.`,
  needsCoefficients: (method: string, kind: string | undefined) =>
    `${method} needs a linear model (capabilities.coefficients); ${kind ?? "this model"} has none. Use reasonCodes, which works for any model.`,
  needsNeighbors: (method: string, kind: string | undefined) =>
    `${method} needs a k-NN model (capabilities.neighbors); ${kind ?? "this model"} has none.`,
  needsClassifier: (method: string) =>
    `${method}: explains classifiers only; for a regressor use partialDependence to see how the prediction moves.`,
  matrixWidth: (method: string, nCols: number, nFeatures: number) =>
    `${method}: X has ${nCols} columns but the model was fitted on ${nFeatures}; pass the same features in the same order.`,
  rowWidth: (method: string, nValues: number, nFeatures: number) =>
    `${method}: the row has ${nValues} values but the model was fitted on ${nFeatures} features; pass one value per feature.`,
  unknownClass: (method: string, label: unknown, classes: readonly unknown[]) =>
    `${method}: ${JSON.stringify(label)} is not one of the model's classes (${classes.map((c) => JSON.stringify(c)).join(", ")}).`,
  unknownFeature: (method: string, feature: unknown, names: readonly string[]) =>
    `${method}: unknown feature ${JSON.stringify(feature)}; use an index or one of ${names.join(", ")}.`,
  noSuchTree: (method: string, tree: number, nTrees: number) =>
    `${method}: tree ${tree} does not exist; the model has ${nTrees} tree(s) (0 to ${nTrees - 1}).`,
  rowNotInX: (method: string, row: number, nRows: number) =>
    `${method}: row ${row} is not in X (0 to ${nRows - 1}); pass an index into X or the row's values.`,
  badRange: (method: string, name: string, range: unknown) =>
    `${method}: range for ${name} is ${JSON.stringify(range)}; pass [min, max] with min <= max.`,
  scaleCount: (method: string, nValues: number, nFeatures: number) =>
    `${method}: scale has ${nValues} values for ${nFeatures} features; pass one per feature.`,
  noRows: (method: string) => `${method}: X has no rows; pass the rows to average over.`,
  labelCount: (method: string, nRows: number, nLabels: number) =>
    `${method}: X has ${nRows} rows but y has ${nLabels}; pass one label per row.`,
  badRepeats: (method: string, nRepeats: unknown) => `${method}: nRepeats is ${String(nRepeats)}; use a whole number ≥ 1.`,
  noBaseline: (method: string) =>
    `${method}: pass { baseline }, a row the explanation is measured from (e.g. the training medians).`,
};
