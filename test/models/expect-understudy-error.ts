// One assertion for "bad input throws one UnderstudyError with this code and a message naming the problem".
import { expect } from "vitest";
import { UnderstudyError } from "../../src/core/errors.ts";

/**
 * Asserts that `fn` throws an UnderstudyError with `code` whose message contains `mentions`.
 *
 * @example
 * expectUnderstudyError(() => new KNNClassifier({ k: 0 }).fit(X, y), "bad_option", "k must be");
 */
export function expectUnderstudyError(fn: () => unknown, code: string, mentions: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(UnderstudyError);
  expect((thrown as UnderstudyError).code).toBe(code);
  expect((thrown as UnderstudyError).message).toContain(mentions);
}
