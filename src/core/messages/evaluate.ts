/** Error messages of `src/evaluate/`: one function per message (see README.md beside this file). */
export const evaluateMessages = {
  /** Scores and binary labels of different lengths (or none). */
  scoresLength: (method: string, scores: number, labels: number): string =>
    `${method}: ${scores} scores for ${labels} labels; pass one of each per validation row (at least one).`,
  /** A binary label that is not 0/1 or true/false. */
  notBinaryLabel: (method: string, row: number, value: unknown): string =>
    `${method}: y[${row}] is ${JSON.stringify(value)}; pass 1/true for the positive class and 0/false otherwise.`,
  /** A score that is not a finite number. */
  scoreNotFinite: (method: string, row: number, score: number): string =>
    `${method}: score ${row} is ${score}; scores must be finite numbers.`,
  /** A regression value (true or predicted) that is not a finite number. */
  valueNotFinite: (row: number, yTrue: unknown, yPred: unknown): string =>
    `regressionMetrics: row ${row} holds ${yTrue} / ${yPred}; both must be finite numbers.`,
  /** A per-row array whose length differs from the predictions'. */
  perRowLength: (method: string, name: string, values: number, rows: number): string =>
    `${method}: ${name} has ${values} values for ${rows} predictions; pass one per row.`,
  /** Nothing to evaluate. */
  noRows: (method: string): string => `${method}: no rows to evaluate; pass at least one.`,
  /** A reference group that does not occur in the data. */
  unknownReferenceGroup: (reference: unknown, groups: readonly string[]): string =>
    `fairnessByGroup: reference group ${JSON.stringify(reference)} does not occur; use one of ${groups.map((g) => JSON.stringify(g)).join(", ")}.`,
  /** X and y of different lengths in cross-validation. */
  xyLength: (rows: number, labels: number): string =>
    `crossValidate: X has ${rows} rows but y has ${labels}; pass one label per row.`,
  /** A fold count outside 2..rows. */
  foldCount: (folds: unknown, rows: number): string =>
    `crossValidate: folds is ${folds}; use a whole number from 2 to the number of rows (${rows}).`,
  /** Group ids of a different length than the labels. */
  groupsLength: (rows: number, groups: number): string =>
    `assignFolds: ${groups} group ids for ${rows} rows; pass one group id per row.`,
  /** More folds than rows (or groups) to put in them. */
  foldsAboveGroups: (folds: unknown, groups: number): string =>
    `assignFolds: folds is ${folds} but there are only ${groups} groups of rows; use a whole number from 2 to ${groups}, or fewer duplicate / grouped rows.`,
  /** Forward-chained folds need one more distinct time than folds. */
  forwardFoldCount: (folds: unknown, times: number): string =>
    times < 2
      ? `forwardFolds: every row has the same time, so no fold can train on earlier rows; use a time column with at least two distinct values.`
      : `forwardFolds: folds is ${folds} but there are ${times} distinct times; use a whole number from 1 to ${times - 1}.`,
  /** Out of time, every forward fold's earlier rows hold a single label. */
  forwardFoldsOneLabel: (label: unknown): string =>
    `distill: out of time, the labelled rows before the latest block are all ${JSON.stringify(label)}, so no fold can train a classifier on earlier rows; label more rows, or split without by.`,
  /** A calibration bin count that is not a whole number ≥ 1. */
  binCount: (bins: unknown): string => `calibration: bins is ${bins}; use a whole number ≥ 1.`,
  /** Probability rows and labels of different lengths (or none). */
  probabilityRows: (method: string, probabilities: number, labels: number): string =>
    `${method}: ${probabilities} probability rows for ${labels} labels; pass one of each per row (at least one).`,
  /** Probability rows and teacher labels of different lengths. */
  teacherLabelsLength: (probabilities: number, labels: number): string =>
    `confidentDisagreements: ${probabilities} probability rows but ${labels} teacher labels; pass one of each per row.`,
  /** A label outside the model's classes. */
  unknownClass: (method: string, label: unknown, row: number, classes: readonly unknown[]): string =>
    `${method}: label ${JSON.stringify(label)} (row ${row}) is not one of the classes ${JSON.stringify(classes)}.`,
  /** A metric name that does not exist. */
  unknownMetric: (method: string, metric: unknown): string =>
    `${method}: unknown metric ${JSON.stringify(metric)}; use "accuracy", "macroF1", "weightedF1", "r2", "negMAE", "negRMSE" or a function (yTrue, yPred) => number.`,
  /** Reference values and predictions of different lengths. */
  pairsLength: (method: string, reference: number, predictions: number): string =>
    `${method}: got ${reference} reference values and ${predictions} predictions; pass one prediction per row.`,
};
