/** Error messages of `src/understudy/`: one function per message (see README.md beside this file). */
export const understudyMessages = {
  noProbabilities: (modelKind: string, taskType: string) =>
    `predictProba: the ${modelKind} of this ${taskType} task gives no probabilities; use predict.`,
  unknownShapeTerm: (name: string, terms: readonly string[]) =>
    `charts.shape: the model has no term ${JSON.stringify(name)}; use one of ${JSON.stringify(terms.slice(0, 20))}.`,
  rowNotObject: () => "explain(row): pass one row as an object of column values, e.g. { body: \"...\" }.",
  rowsNotObjects: (index: number) => `rows[${index}] is not an object: pass rows as objects of column values, e.g. [{ body: "..." }].`,
  sqlDialect: (dialects: readonly string[], got: unknown) =>
    `toSQL: dialect must be one of ${dialects.join(", ")}, got ${JSON.stringify(got)}.`,
  knnHasNoSQL: () =>
    "toSQL: a k-NN model predicts from its stored training rows and has no SQL form; distill with model: \"tree\", \"logistic\" or \"forest\" to export SQL.",
  cascadeNeedsProbabilities: () => "cascade: needs a classifier with probabilities; this model has none.",
  cascadeNoThreshold: () => "cascade: no threshold was chosen at distill time; pass { threshold }.",
  cascadeNoTeacher: () =>
    "cascade: no teacher to answer unsure rows; pass { teacher } or set OPENAI_API_KEY / OPENAI_BASE_URL (and UNDERSTUDY_MODEL).",
  cascadeThreshold: (threshold: unknown) =>
    `cascade: threshold must be a number in [0, 1] (or Infinity: the teacher answers everything), got ${String(threshold)}.`,
  reasonViewNotFittable: () => "a reason-code view of a model cannot be fitted; fit the model itself.",
  chartNotMeasured: (chart: string, why: string) => `charts.${chart}(): ${why}.`,
  unknownChartFeature: (feature: string, known: readonly string[]) =>
    `charts.partialDependence(${JSON.stringify(feature)}): no such feature; use one of ${known.slice(0, 12).map((n) => JSON.stringify(n)).join(", ")}${known.length > 12 ? ", …" : ""}.`,
  bundleNotJSON: (reason: string) => `Understudy.fromJSON: the text is not JSON (${reason}); pass the file's content as saved by toJSON().`,
  badBundle: (issues: string) =>
    `Understudy.fromJSON: the bundle cannot be loaded (${issues}); it was truncated or edited after it was saved. Restore the original file or distill again.`,
  signatureKey: () => "toJSON/fromJSON: key must be a non-empty string or bytes (a Uint8Array), the secret the bundle is signed with.",
  /** Issues of a bundle that does not parse, collected by `parseBundle` and listed together in one `bad_model_json` error. */
  bundleIssue: {
    notObject: (got: string) => `expected the object toJSON() returned, got ${got}`,
    notBundle: (format: unknown) => `this is not an Understudy bundle (format ${JSON.stringify(format)}, expected "understudy"); a bare model loads with loadModel()`,
    version: (version: unknown) => `bundle version ${JSON.stringify(version)} is not supported (this package reads versions 1 and 2); upgrade understudy-ml`,
    unknownModelKind: (kind: unknown, known: readonly string[]) => `unknown model kind ${JSON.stringify(kind)}; known kinds: ${known.join(", ")}`,
    hashMismatch: (part: string) => `the ${part} does not match its recorded hash: the ${part} JSON was changed after it was saved`,
    noSignature: () => "the bundle is not signed, but a key was given: it was not written with toJSON({ key }), or its signature was removed",
    badSignature: () => "the signature does not match the bundle and key: the bundle was changed after signing, or the key is not the one it was signed with",
  },
  towardNeedsClassifier: (toward: unknown) =>
    `explain(row, { toward: ${JSON.stringify(toward)} }): a regressor has no outcomes to explain toward; leave toward out.`,
  monitorNoRows: () => "monitor(rows): there are no rows to compare with the training rows; pass at least one row.",
  noTrainingReference: (method: string) =>
    `${method}: this model's bundle holds no training distributions (it was distilled before they were recorded); distill it again with this version.`,
  scorecardBinaryOnly: (nClasses: number) =>
    `scorecard: a points table scores the odds of one label against the other, so it needs a binary classifier; this model has ${nClasses === 0 ? "no classes (a regressor)" : `${nClasses} classes`}.`,
  scorecardModel: (kind: string) =>
    `scorecard: a points table needs a logistic or an additive (EBM) model; this model is a ${kind}. Distill with model: "logistic" (or "ebm") for a scorecard.`,
  scorecardText: (column: string) =>
    `scorecard: the model reads text column ${JSON.stringify(column)} through TF-IDF terms, which a points table cannot list; distill the scorecard model without text columns.`,
  scorecardNoBins: (name: string, feature: number) =>
    `scorecard: no training bins were stored for ${JSON.stringify(name)} (feature ${feature}); distill the model again with this version.`,
  scorecardOption: (name: string, value: unknown, positive: boolean) =>
    `scorecard: ${name} is ${JSON.stringify(value)}; pass a finite number${positive ? " above 0" : ""}.`,
} as const;
