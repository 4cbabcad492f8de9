import type { TreeStructure } from "../estimator.ts";

/**
 * A TreeStructure of `nodeCount` nodes, every one a leaf (feature, left and right −1) with
 * zero values, covers and impurities: the starting point for code that fills a tree in by hand
 * (adapters from other libraries, test fixtures), so none of them can forget an array.
 *
 * @example
 * const t = emptyTree(3, 2);   // root + two leaves, two classes
 * t.feature[0] = 0; t.threshold[0] = 0.5; t.left[0] = 1; t.right[0] = 2;
 */
export function emptyTree(nodeCount: number, nOutputs: number): TreeStructure {
  return {
    nodeCount,
    feature: new Int32Array(nodeCount).fill(-1),
    threshold: new Float64Array(nodeCount),
    left: new Int32Array(nodeCount).fill(-1),
    right: new Int32Array(nodeCount).fill(-1),
    missingGoesLeft: new Uint8Array(nodeCount),
    value: new Float64Array(nodeCount * nOutputs),
    nOutputs,
    cover: new Float64Array(nodeCount),
    nSamples: new Int32Array(nodeCount),
    impurity: new Float64Array(nodeCount),
  };
}
