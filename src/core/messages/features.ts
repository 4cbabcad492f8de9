/** Error messages of `src/features/`: one function per message (see README.md beside this file). */
export const featuresMessages = {
  /** `Featurizer.fit` with no training rows. */
  featurizerNoRows: (): string => "Featurizer.fit(rows) needs at least one training row (an array of objects).",
  /** A Featurizer option names a column the training rows lack. */
  featurizerUnknownColumn: (role: "text column" | "concept text column", name: string, columns: readonly string[]): string =>
    `Featurizer: ${role} ${JSON.stringify(name)} is not in the rows; columns: ${columns.join(", ")}.`,
  /** Concept answers that are not one per training row. */
  conceptAnswerRows: (answers: number, rows: number): string =>
    `Featurizer: ${answers} concept answer rows for ${rows} training rows; answer the concepts for exactly the training rows.`,
  /** Two features (expressions, rules) with one name. */
  duplicateFeature: (name: string): string =>
    `Featurizer: two features are named ${JSON.stringify(name)}; give expressions and rules distinct names.`,
  /** `Featurizer.transform` given something that is not an array of rows. */
  transformRowsNotArray: (): string => "Featurizer.transform(rows): rows must be an array of objects.",
  /** An expression or rule condition of the Featurizer that does not parse. */
  expressionDoesNotParse: (what: string, position: number, problem: string): string =>
    `Featurizer: ${what} does not parse at character ${position}: ${problem}.`,
  /** `fromJSON` given something that is not what `toJSON()` wrote. */
  notToJSONOutput: (method: string, tag: string): string =>
    `${method}: expected the output of toJSON() (${tag}, version 1).`,
  /** `ConceptDetectors.fit` with answers that are not one per text. */
  conceptAnswersLength: (texts: unknown, answers: unknown): string =>
    `ConceptDetectors.fit: ${texts} texts but ${answers} answer rows; pass one answer object (or null) per text.`,
  /** A concept without an id or question, or with an id used twice. */
  badConcept: (concept: unknown): string =>
    `ConceptDetectors.fit: every concept needs a unique id and a question; got ${JSON.stringify(concept)}.`,
  /** `evaluateExpression` given neither a row nor columns. */
  expressionInput: (): string => "evaluateExpression(ast, input): input must be a row object or an object of column arrays.",
  /** Columns of unequal length given to `evaluateExpression`. */
  expressionColumnsRagged: (name: string, length: number, others: number): string =>
    `column ${JSON.stringify(name)} has ${length} values but others have ${others}: pass columns of equal length.`,
  /** An expression reads a column the input lacks. */
  expressionColumnMissing: (name: string): string =>
    `the expression reads column ${JSON.stringify(name)}, which the input lacks: pass every column the expression names.`,
  /** An expression tree holding a node, operator or function the grammar does not have. */
  unknownExpressionPart: (part: "expression node" | "operator" | "function", value: unknown): string =>
    `unknown ${part} ${JSON.stringify(value)}: parse the text with parseExpression first.`,
  /** `TfidfVectorizer({ ngramRange })` that is not [min, max] with 1 <= min <= max. */
  ngramRange: (lo: unknown, hi: unknown): string =>
    `ngramRange [${lo}, ${hi}] is invalid: pass [min, max] with 1 <= min <= max, e.g. [1, 2].`,
  /** `TfidfVectorizer.fit` with no texts. */
  tfidfNoTexts: (): string => "TfidfVectorizer.fit(texts) needs at least one training text.",
};
