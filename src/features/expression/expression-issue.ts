/** Why an expression was rejected; `position` is the 0-based character offset. */
export interface ExpressionIssue {
  code: string;
  message: string;
  position: number;
}
