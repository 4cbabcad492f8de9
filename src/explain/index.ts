// Public API of src/explain (re-exports only).
export { treeShap, type TreeShapResult } from "./tree-shap.ts";
export { treeRules, type TreeRule, type RuleCondition } from "./tree-rules.ts";
export { formatTreeRules } from "./format-tree-rules.ts";
export { formatRuleCondition, type RuleConditionText } from "./format-rule-condition.ts";
export { decisionPath, type DecisionPath, type DecisionStep } from "./decision-path.ts";
export { impurityImportance, type FeatureImportance } from "./impurity-importance.ts";
export { permutationImportance, type PermutationImportance, type PermutationImportanceRow } from "./permutation-importance.ts";
export { partialDependence, type PartialDependence } from "./partial-dependence.ts";
export { coefficientTable, type CoefficientTable, type CoefficientRow } from "./coefficient-table.ts";
export { linearContributions, type LinearContribution, type LinearTerm } from "./linear-contributions.ts";
export { neighborExplanation, type NeighborExplanation, type Neighbor } from "./neighbor-explanation.ts";
export { shapleyValues, type ShapleyValues } from "./shapley-values.ts";
export { reasonCodes, type ReasonCodes, type ReasonCode } from "./reason-codes.ts";
export { formatReasonCodes } from "./format-reason-codes.ts";
export { counterfactual, type Counterfactual, type CounterfactualChange, type CounterfactualOptions } from "./counterfactual.ts";
export type { FittedModel } from "./model-access.ts";
