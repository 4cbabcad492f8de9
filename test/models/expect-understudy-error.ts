// One assertion for "bad input throws one UnderstudyError with this code and this message".
import { expect } from "vitest";
import { UnderstudyError } from "../../src/core/errors.ts";
import type { ErrorCode } from "../../src/core/error-codes.ts";

/**
 * Asserts that `fn` throws an UnderstudyError with `code`, and, when given, exactly `message`
 * (built with the same function of `messages` the code throws with, never a regex on wording).
 *
 * @example
 * expectUnderstudyError(() => new KNNClassifier({ k: 4 }).fit(X, y), "bad_option", messages.models.kTooLarge("KNNClassifier", 4, 3));
 */
export function expectUnderstudyError(fn: () => unknown, code: ErrorCode, message?: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected an UnderstudyError with code ${code}`).toBeInstanceOf(UnderstudyError);
  expect((thrown as UnderstudyError).code).toBe(code);
  if (message !== undefined) expect((thrown as UnderstudyError).message).toBe(message);
}
