/** Error messages of `src/distill/`: one function per message (see README.md beside this file). */
const list = (values: readonly unknown[], max: number) =>
  `${values.slice(0, max).map((v) => JSON.stringify(v)).join(", ")}${values.length > max ? ", …" : ""}`;

export const distillMessages = {
  optionsNotObject: () => "distill(options): pass an options object, e.g. { data, task, labels }.",
  dataMissing: () => "distill: pass data (an array of row objects, a column object, an arquero table or a file path).",
  taskMissing: () => "distill: pass task, the question the teacher answers in one sentence, e.g. \"Is this email spam?\".",
  badLabels: (labels: unknown) => `distill: labels must be at least two distinct non-empty strings, got ${JSON.stringify(labels)}.`,
  unsureReserved: () => "distill: \"unsure\" is reserved for the teacher's abstentions; rename that label.",
  badModel: (model: unknown) => `distill: model must be "auto", "tree", "logistic", "linear", "ebm", "knn" or "forest", got ${JSON.stringify(model)}.`,
  monotoneNotNumeric: (column: string, numeric: string[]) => `distill: monotone names ${JSON.stringify(column)}, which is not a numeric or boolean feature column (a categorical or text column has no order); use one of ${JSON.stringify(numeric)}.`,
  monotoneMulticlass: (positive: string, classes: string[]) => `distill: with more than two classes, monotone can only constrain the class that sorts first (${JSON.stringify(classes[0])} of ${JSON.stringify(classes)}), not ${JSON.stringify(positive)}; pass positive: ${JSON.stringify(classes[0])} or drop monotone.`,
  badMonotone: (monotone: unknown) => `distill: monotone must be an object { column: "increasing" | "decreasing" }, got ${JSON.stringify(monotone)}.`,
  noCandidateLeft: (reasons: string[]) => `distill: no model family is left to fit (${reasons.join("; ")}); drop the option that rules them out or ask for model: "ebm".`,
  badSeed: (seed: unknown) => `distill: seed must be a whole number, got ${seed}.`,
  splitShares: (split: unknown) => `distill: split shares must be above 0 and sum to 1 (validation chooses the model, test measures it), got ${JSON.stringify(split)}.`,
  splitUnknownKey: (key: string, allowed: readonly string[]) => `distill: split has no option "${key}": use ${allowed.join(", ")} (e.g. { by: "date" } or { group: "customer_id" }).`,
  splitColumnName: (key: string, column: unknown) => `distill: split.${key} must name a column, got ${JSON.stringify(column) ?? String(column)}.`,
  splitByAndGroup: (by: string, group: string) => `distill: split takes by ("${by}", out of time) or group ("${group}"), not both: choose one.`,
  splitColumnIsTarget: (key: string, column: string) => `distill: split.${key} names "${column}", the target column: name a column of the inputs (a date, an entity id).`,
  splitGroupMissing: (column: string, rows: number) => `distill: split.group column "${column}" has no value in ${rows} row(s): fill them (each row needs the entity it belongs to), or drop those rows.`,
  splitByNotTime: (column: string, row: number, value: unknown) => `distill: split.by column "${column}" holds ${JSON.stringify(value) ?? String(value)} in row ${row}, not a date or a number: use a column of dates, ISO date strings (2024-03-01) or numbers, with a value in every row.`,
  badExportable: (value: unknown) => `distill: exportable must be true or false (true keeps only candidates with a SQL form), got ${JSON.stringify(value)}.`,
  badTolerance: (tolerance: unknown) => `distill: tolerance must be in [0, 1), got ${tolerance}.`,
  badCascadeTarget: (target: unknown) => `distill: cascadeTarget must be a share in (0, 1], e.g. 0.99, got ${target}.`,
  badMaxLabels: (maxLabels: unknown) => `distill: maxLabels must be a whole number of training labels ≥ 1, got ${maxLabels}.`,
  batchNeedsLabels: () => "exportLabelBatch: pass labels: batches of labeling requests are for classification (regression asks values row by row).",
  badSample: (sample: unknown) => `distill: sample must be a whole number of rows ≥ 1, got ${sample}.`,
  sampleNeedsFile: () => "distill: sample draws rows from a file: pass data as the path of a CSV, Parquet or JSON file, or drop sample for rows already in memory.",
  badConceptsK: (k: unknown) => `distill: concepts.k must be a whole number from 1 to 50, got ${k}.`,
  notATeacher: () => "distill: teacher must be a Teacher (openaiTeacher, functionTeacher, replayTeacher), or false for the target column's gold labels.",
  badRange: (range: unknown) => `distill: range must be [min, max], two finite numbers with min < max, got ${JSON.stringify(range)}.`,
  rangeWithLabels: () => "distill: range bounds the numbers a regression teacher answers; a classification task (labels given) takes no range.",
  badCommand: (command: unknown) => `distill: command must be the command line as one string (the CLI sets it), got ${JSON.stringify(command)}.`,
  unknownColumn: (what: string, name: string, columns: readonly string[]) =>
    `distill: ${what} column ${JSON.stringify(name)} is not in the data; its columns are ${columns.map((c) => JSON.stringify(c)).join(", ")}.`,
  targetInText: (target: string) =>
    `distill: the target column ${JSON.stringify(target)} is also named in text; the known answers would become features and be shown to the teacher. Remove it from text.`,
  idFeature: (column: string, reason: string) =>
    `distill: features column ${JSON.stringify(column)} is an identifier (${reason}); identifiers never become features, since a model would learn the rows by heart. Leave it out of features.`,
  noFeatures: (roles: readonly { name: string; role: string }[]) =>
    `distill: no column can be a feature (${roles.map((c) => `${c.name}: ${c.role}`).join(", ")}); pass features: [...] or text: "column".`,
  labelsMissing: () =>
    "distill: pass labels: [...] (the classes the teacher chooses from) for a classification task; for regression, name a numeric target column or pass range: [min, max] (the teacher then answers a number per row).",
  targetHoldsClasses: (target: string, classes: readonly string[]) =>
    `distill: the target column ${JSON.stringify(target)} holds classes (${list(classes, 8)}); pass labels: [...] for a classification task.`,
  goldNotInLabels: (target: string, stray: readonly string[], labels: readonly string[]) =>
    `distill: the target column ${JSON.stringify(target)} holds ${list(stray, 5)}, which ${stray.length === 1 ? "is" : "are"} not in labels ${JSON.stringify(labels)}; make labels match the column's values.`,
  teacherFalseNoTarget: () =>
    "distill: teacher: false means the gold labels teach, but no target column was named; pass target: \"column\" with the known labels, or drop teacher: false to use an LLM.",
  noTeacher: () =>
    "distill: no teacher and no gold labels: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local server) and UNDERSTUDY_MODEL, pass teacher: openaiTeacher({ model }) or functionTeacher(fn), or name a target column of known labels.",
  budgetTooFewLabels: (budgetSpent: string, have: string, classification: boolean, min: { train: number; validation: number; test: number }) =>
    `${budgetSpent} Too few labels were bought to fit and test a model (${have}; need at least ${min.train} training labels${classification ? " of two classes" : ""}, ${min.validation} validation and ${min.test} test).`,
  tooFewLabels: (have: string, classification: boolean, min: { train: number; validation: number; test: number }, teacherAsked: boolean) =>
    `distill: too few usable labels (${have}; unsure answers and failures are left out); need at least ${min.train} training labels${classification ? " of two classes" : ""}, ${min.validation} validation and ${min.test} test. Give more rows${teacherAsked ? " or check the teacher's answers" : " with gold labels"}.`,
  logisticForRegression: () => 'model "logistic" is for classification; use model: "linear" for a regression task.',
  linearForClassification: () => 'model "linear" is for regression; use model: "logistic" for a classification task.',
  noCandidates: () => "distill: no candidate model could be fitted; check that the training rows have at least two labels.",
  badMaxCalls: (maxCalls: unknown) => `budget.maxCalls must be a whole number ≥ 0, got ${maxCalls}.`,
  badMaxUSD: (maxUSD: unknown) => `budget.maxUSD must be a number ≥ 0, got ${maxUSD}.`,
  budgetSpent: (cap: string, calls: number, costUSD: number) =>
    `the teacher's budget is spent (${cap}; ${calls} calls, $${costUSD.toFixed(4)}); raise the budget to buy more labels.`,
  badPositive: (positive: unknown, labels: readonly string[] | undefined) =>
    labels ? `distill: positive must be one of labels ${JSON.stringify(labels)} (the class explained and scored), got ${JSON.stringify(positive)}.` : `distill: positive names a class of a classification task; pass labels: [...] too, or drop positive (got ${JSON.stringify(positive)}).`,
  badClassWeight: (value: unknown) => `distill: classWeight must be "balanced" (each class weighted by rows / (classes × its rows)), got ${JSON.stringify(value)}.`,
  classWeightNeedsLabels: () => "distill: classWeight weights classes; it needs a classification task (pass labels: [...]).",
  classWeightKnn: () => 'distill: k-NN cannot weight classes; with classWeight: "balanced" use model "auto", "logistic", "tree" or "forest".',
  cutoffNeedsBinary: (option: string, labels: readonly string[] | undefined) =>
    `distill: ${option} sets the decision cutoff of a two-class task; labels are ${JSON.stringify(labels ?? null)}. Pass two labels, or drop ${option}.`,
  costsAndTargetRate: () => "distill: costs and targetRate both set the decision cutoff; give one of them.",
  badCosts: (costs: unknown) =>
    `distill: costs must be { falsePositive, falseNegative }, two finite numbers ≥ 0, not both 0 (e.g. { falsePositive: 1, falseNegative: 5 }), got ${JSON.stringify(costs)}.`,
  badTargetRate: (rate: unknown) => `distill: targetRate is the share of rows predicted positive, a number in (0, 1), e.g. 0.1; got ${JSON.stringify(rate)}.`,
  badCalibrate: (value: unknown) => `distill: calibrate must be true or false (true applies an out-of-fold Platt calibration to predictProba and predict), got ${JSON.stringify(value)}.`,
  calibrateNeedsLabels: () => "distill: calibrate adjusts class probabilities; it needs a classification task (pass labels: [...]).",
  badSensitive: (sensitive: unknown) =>
    `distill: sensitive is ${JSON.stringify(sensitive)}; pass a column name or a list of column names, e.g. sensitive: ["sex", "age_band"].`,
  badUseSensitiveAsFeature: (value: unknown) =>
    `distill: useSensitiveAsFeature is ${JSON.stringify(value)}; pass true to let the sensitive columns be features, or leave it out (they are then never features).`,
  // Warnings (not errors): recorded in metadata.warnings and the report's first section.
  sensitiveAsFeature: (columns: readonly string[]) =>
    `useSensitiveAsFeature: true: the sensitive column(s) ${columns.map((c) => JSON.stringify(c)).join(", ")} are features of this model, so its decisions may use them directly; fair-lending and employment rules often forbid that. Leave useSensitiveAsFeature out to keep them out of the features.`,
  sensitiveNotFeature: (columns: readonly string[]) =>
    `${columns.map((c) => JSON.stringify(c)).join(", ")} named in both features and sensitive: left out of the features (a sensitive column is only measured by); pass useSensitiveAsFeature: true to use it as a feature.`,
  sensitiveProxy: (feature: string, attribute: string, measure: string, value: number, threshold: number, rows: number) =>
    `Feature ${JSON.stringify(feature)} may stand in for the sensitive column ${JSON.stringify(attribute)}: ${measure} ${value.toFixed(2)} ≥ ${threshold} over ${rows} rows (all rows); review whether it belongs in the model.`,
  notReplayable: (unsaved: number) =>
    `${unsaved} paid teacher answer(s) could not be written to the cache (kept in memory for this run), so replaying this run from its cache will not rebuild the same model; free disk space or fix the cache directory's permissions and run again to make it replayable.`,
};
