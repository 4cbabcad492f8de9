import type { Label } from "./estimator.ts";

/**
 * The most probable class of each probability row; equal probabilities go to the first class
 * in `classes` order, as numpy's argmax does. Shared so every classifier breaks ties alike.
 *
 * @example
 * argmaxLabels([[0.2, 0.8], [0.5, 0.5]], ["a", "b"]); // ["b", "a"]
 */
export function argmaxLabels<Y extends Label>(proba: number[][], classes: Y[]): Y[] {
  return proba.map((row) => {
    let best = 0;
    for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
    return classes[best];
  });
}
