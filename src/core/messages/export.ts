/** Error messages of `src/export/`: one function per message (see README.md beside this file). */
export const exportMessages = {
  unknownDialect: (dialect: unknown, supported: readonly string[]) =>
    `toSQL: unknown dialect ${JSON.stringify(dialect)}; supported dialects: ${supported.join(", ")}.`,
  nonFiniteNumber: (x: number) =>
    `toSQL: the model holds the value ${x}, which SQL cannot write as a number; refit the model on finite data.`,
  nulInValue: (what: "string" | "identifier", value: string, dialect: string) =>
    `toSQL: the ${what} ${JSON.stringify(value)} holds a NUL character, which ${dialect} cannot ${what === "string" ? "store in text" : "hold in a name"}; remove NUL characters from the data (or its column names) and refit.`,
  loneSurrogate: (what: "string" | "identifier", value: string) =>
    `toSQL: the ${what} ${JSON.stringify(value)} is not valid Unicode (a lone surrogate), so SQL text cannot carry it exactly; clean the data (or its column names) and refit.`,
  unsupportedFeature: (feature: string, kind: string) =>
    `toSQL: the feature ${JSON.stringify(feature)} is a ${kind} feature, which has no SQL form; SQL export supports numeric, boolean and categorical features, expressions and rules. Distill without text or concept features to export SQL.`,
  notAFeaturizer: () =>
    "featurizerToSQL: expected a fitted Featurizer or its toJSON() (format understudy-featurizer, version 1).",
  expressionTooLarge: (length: number, max: number) =>
    `expressionToSQL: the expression's SQL would be ${length} characters (over ${max}); simplify the nesting of min, max, clip, if and not.`,
  unknownExpressionNode: (node: unknown) =>
    `expressionToSQL: unknown expression node ${JSON.stringify(node)}; parse the text with parseExpression first.`,
  severalFeatureSources: () => "toSQL: pass one of encoder, featurizer or featureSQL, not several.",
  featureSourceWidth: (what: string, made: number, fitted: number) =>
    `toSQL: the ${what} makes ${made} features but the model was fitted on ${fitted}; pass the ${what} the model was fitted with.`,
  featureSQLWidth: (fn: string, given: number, fitted: number) =>
    `${fn}: ${given} feature expressions for a model fitted on ${fitted} features; pass one per feature, in the model's order.`,
  columnClash: (column: string, reserved: string[], prefix: string) =>
    `toSQL: the input column ${JSON.stringify(column)} clashes with a column the export adds (${reserved.join(", ")} or names starting with "${prefix}"); rename it in the table or leave it out of inputColumns.`,
  noClasses: (kind: string) => `modelToSQL: ${kind} has no classes; fit it before exporting.`,
  noTrees: (kind: string) => `modelToSQL: ${kind} has no trees; fit it before exporting.`,
  forestTooLarge: (nodes: number, max: number) =>
    `toSQL: the trees hold ${nodes} nodes in all, over the ${max} that one SQL query can carry (about 40 bytes of SQL each); refit with a maxDepth, a larger minSamplesLeaf or fewer trees.`,
  noModelSQL: (kind: string) =>
    `modelToSQL: ${kind} has no SQL form (it predicts from stored training rows); choose a tree, forest or linear/logistic model to export as SQL.`,
  splitWithoutFeature: (node: number, feature: number) =>
    `modelToSQL: tree node ${node} splits on feature ${feature}, which has no SQL expression; load the model from its own toJSON().`,
  unsupportedLink: (task: "regressor" | "classifier", link: string) =>
    `modelToSQL: a ${task} with link "${link}" cannot be exported; export a model fitted by Understudy (identity, logistic or softmax link).`,
};
