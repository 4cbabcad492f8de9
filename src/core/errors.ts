import type { ErrorCode } from "./error-codes.ts";

/**
 * The one error type Understudy throws for bad input or misuse. `code` is one of the closed
 * union {@link ErrorCode} (see `error-codes.ts`); `message` names the problem and the fix in
 * one sentence and comes from a message function in `src/core/messages/`.
 *
 * @example
 * try { new DecisionTreeClassifier().predict([[1]]); }
 * catch (e) { if (e instanceof UnderstudyError && e.code === "not_fitted") console.log(e.message); }
 */
export class UnderstudyError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UnderstudyError";
    this.code = code;
  }
}

/** Thrown when a model is used before `fit`. */
export function notFitted(kind: string): UnderstudyError {
  return new UnderstudyError(
    "not_fitted",
    `${kind} is not fitted yet: call fit(X, y) before predict, predictProba, explain or toJSON.`,
  );
}
