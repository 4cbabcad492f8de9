// The safe expression language (re-exports only).
export type { ExpressionNode, UnaryOp, BinaryOp, FunctionName } from "./ast.ts";
export { expressionColumns, isBooleanExpression } from "./ast.ts";
export { parseExpression, type ParseExpressionResult, type ExpressionIssue, type ParseExpressionOptions } from "./parse-expression.ts";
export { evaluateExpression, type ExpressionRow, type ExpressionColumns } from "./evaluate-expression.ts";
export { printExpression } from "./print-expression.ts";
