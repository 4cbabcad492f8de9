// scikit-learn trees from test/fixtures/explain-evaluate-sklearn.json as TreeStructures.
import { readFileSync } from "node:fs";
import type { TreeStructure } from "../../src/models/estimator.ts";

export interface SkTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[][];
  cover: number[];
  nSamples: number[];
  impurity: number[];
}

export const fixture = JSON.parse(readFileSync(new URL("../fixtures/explain-evaluate-sklearn.json", import.meta.url), "utf8"));

export function fromSklearn(t: SkTree): TreeStructure {
  const n = t.feature.length;
  const K = t.value[0].length;
  return {
    nodeCount: n,
    feature: Int32Array.from(t.feature),
    threshold: Float64Array.from(t.threshold),
    left: Int32Array.from(t.left),
    right: Int32Array.from(t.right),
    missingGoesLeft: new Uint8Array(n).fill(1),
    value: Float64Array.from(t.value.flat()),
    nOutputs: K,
    cover: Float64Array.from(t.cover),
    nSamples: Int32Array.from(t.nSamples),
    impurity: Float64Array.from(t.impurity),
  };
}
