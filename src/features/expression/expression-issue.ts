import type { ParseIssue } from "../../core/parse-result.ts";

/**
 * Why an expression was rejected: the shared {@link ParseIssue} (`path` is always `[]`: the
 * expression is one string) plus `position`, the 0-based character offset of the problem.
 */
export interface ExpressionIssue extends ParseIssue {
  position: number;
}

/** An issue as the tokenizer and parser find it, before it is given its (empty) path. */
export type FoundExpressionIssue = Omit<ExpressionIssue, "path">;
