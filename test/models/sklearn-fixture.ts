// Reads a scikit-learn reference fixture; every estimator test loads its expected values this way.
import { readFileSync } from "node:fs";

/**
 * The parsed JSON at test/fixtures/sklearn/<path> (each folder holds the .py script that made
 * it); `any` like JSON.parse unless the caller names the shape.
 *
 * @example
 * const iris = sklearnFixture("trees/iris.json");
 */
export function sklearnFixture<T = any>(path: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/sklearn/${path}`, import.meta.url), "utf8")) as T;
}
