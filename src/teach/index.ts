// Public API of src/teach (re-exports only).
export { prompts, type PromptExample, type PromptColumn } from "./prompts.ts";
export { labelRows, UNSURE, type LabelRowsOptions, type LabelRowsResult, type RowLabel } from "./label-rows.ts";
export { labelValues, type LabelValuesOptions, type LabelValuesResult, type RowValue } from "./label-values.ts";
export type { RowFailure } from "./row-failure.ts";
export { pickExamples, type ExampleStrategy } from "./pick-examples.ts";
export { activeLearning, type ActiveLearningOptions, type ActiveLearningResult, type ActiveLearningRound } from "./select.ts";
export { proposeConcepts, type ProposeConceptsOptions, type ProposeConceptsResult } from "./propose-concepts.ts";
export { answerConcepts, type AnswerConceptsOptions, type AnswerConceptsResult } from "./answer-concepts.ts";
export { proposeExpressions, type ProposeExpressionsOptions, type ProposeExpressionsResult, type ExpressionFeature } from "./propose-expressions.ts";
export { proposeRules, type ProposeRulesOptions, type ProposeRulesResult, type RuleFeature } from "./propose-rules.ts";
export { synthesizeRows, type SynthesizeRowsOptions, type SynthesizeRowsResult, type SyntheticLineage } from "./synthesize-rows.ts";
export { sampleByLabel } from "./sample-by-label.ts";
export { tableColumns } from "./table-columns.ts";
export { rowContent, rowText } from "../data/row-content.ts";
