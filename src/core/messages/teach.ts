/** Error messages of `src/teach/`: one function per message (see README.md beside this file). */
export const teachMessages = {
  /** A proposal function given rows and labels of different lengths. */
  rowsLabelsLength: (fn: string, rows: number, labels: number): string =>
    `${fn}: ${rows} rows but ${labels} labels; pass one label (or null) per row.`,
  /** `answerConcepts` with no concepts. */
  noConcepts: (): string => "answerConcepts: no concepts to answer; run proposeConcepts first.",
  /** `synthesizeRows` with no column described. */
  noColumnsToSynthesize: (): string => "synthesizeRows: describe at least one column ({ name, type }).",
  /** `synthesizeRows({ perLabel })` names a label outside `labels`. */
  perLabelUnknown: (label: string, labels: readonly string[]): string =>
    `synthesizeRows: perLabel names ${JSON.stringify(label)}, which is not one of the labels ${JSON.stringify(labels)}.`,
  /** `activeLearning({ budget })` that is not a whole number ≥ 1. */
  activeLearningBudget: (budget: unknown): string => `budget must be a whole number of labels >= 1, got ${budget}.`,
  /** `activeLearning` without a label function. */
  activeLearningLabel: (): string => "activeLearning: pass label(indices) => Promise<labels> (for example through labelRows).",
  /** The label function of `activeLearning` answered the wrong number of labels. */
  activeLearningLabelCount: (got: number, rows: number): string =>
    `label(indices) returned ${got} labels for ${rows} rows: return one (or null) per row.`,
  /** `proposeConcepts({ k })` outside 1..50. */
  conceptCount: (k: unknown): string => `proposeConcepts: k must be a whole number from 1 to 50, got ${k}.`,
  /** A labeling function called without a teacher. */
  noTeacher: (fn: string): string => `${fn}: pass a teacher (openaiTeacher, functionTeacher, ...).`,
  /** A labeling function given rows that are not an array. */
  rowsNotArray: (fn: string): string => `${fn}: rows must be an array of strings or objects.`,
  /** `labelValues({ range })` that is not [min, max]. */
  valueRange: (range: unknown): string =>
    `labelValues: range must be [min, max], two finite numbers with min < max, got ${JSON.stringify(range)}.`,
  /** `batchSize` that is not a whole number ≥ 1. */
  batchSize: (batchSize: unknown): string => `batchSize must be a whole number >= 1, got ${batchSize}.`,
  /** `labelRows({ labels })` that are not two or more distinct non-empty strings. */
  labelSet: (labels: unknown): string =>
    `labelRows: labels must be at least two distinct non-empty strings, got ${JSON.stringify(labels)}.`,
  /** A label spelled as the reserved "unsure" answer. */
  unsureReserved: (unsure: string): string =>
    `labelRows: "${unsure}" is reserved; rename that label or pass allowUnsure: false.`,
  /** Token log-probabilities asked for with several rows per call. */
  logprobsNeedsSingleRows: (): string =>
    'confidence "logprobs" needs batchSize 1: token probabilities cannot be split between rows of one answer.',
  /** A few-shot example labeled outside `labels`. */
  fewShotLabel: (label: unknown, labels: readonly string[]): string =>
    `labelRows: a few-shot example has label ${JSON.stringify(label)}, which is not one of ${JSON.stringify(labels)}.`,
  /** Few-shot `k` that is not a whole number ≥ 0. */
  fewShotCount: (k: unknown): string => `few-shot k must be a whole number >= 0, got ${k}.`,
  /** A few-shot strategy that does not exist. */
  fewShotStrategy: (strategy: unknown): string =>
    `unknown few-shot strategy ${JSON.stringify(strategy)}: use "similarity", "diversity" or "random".`,
};
