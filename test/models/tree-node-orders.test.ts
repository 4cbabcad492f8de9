import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { Matrix } from "../../src/data/matrix.ts";
import type { TreeStructure } from "../../src/models/estimator.ts";
import { buildTree, type GrowSettings } from "../../src/models/tree/build-tree.ts";
import type { NodeOrder } from "../../src/models/tree/node-order.ts";
import { NodeSorter } from "../../src/models/tree/node-sorter.ts";
import { presortColumns, type PresortedColumns } from "../../src/models/tree/presort.ts";
import { PresortedSegments } from "../../src/models/tree/presorted-segments.ts";
import { setSegmentKernel } from "../../src/models/tree/segment-arrays.ts";
import { awkwardData } from "./tree-equivalence-cases.ts";

// The builder picks its node order by the data's shape (treeWorkspace), so the recorded forests of
// tree-builder-equivalence.test.ts may not reach every order with every option. Here each order
// grows the same trees from the same settings and seed, byte for byte: the node sorter, the
// presorted segments partitioned in WebAssembly, and the same in JavaScript.
const ORDERS: [string, (pre: PresortedColumns) => NodeOrder][] = [
  ["node sorter", (pre) => new NodeSorter(pre)],
  ["presorted segments (WebAssembly)", (pre) => new PresortedSegments(pre)],
  [
    "presorted segments (JavaScript)",
    (pre) => {
      const before = setSegmentKernel(false);
      try {
        return new PresortedSegments(pre);
      } finally {
        setSegmentKernel(before);
      }
    },
  ],
];

/** Every array of the tree as bytes, so -0 and 0 or two NaN payloads would differ. */
function bytes(tree: TreeStructure): string {
  const arrays = [tree.feature, tree.threshold, tree.left, tree.right, tree.missingGoesLeft, tree.value, tree.cover, tree.nSamples, tree.impurity];
  return `${tree.nodeCount}:${arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex")).join("|")}`;
}

const base: GrowSettings = {
  nClasses: 0,
  criterion: "squared_error",
  maxDepth: Infinity,
  minSamplesLeaf: 1,
  minSamplesSplit: 2,
  maxLeafNodes: Infinity,
  minImpurityDecrease: 0,
  maxFeatures: 6,
};

/** Bootstrap counts as row weights, as a forest passes them (integers, some rows left out). */
function bootstrapCounts(n: number, seed: number, scale: ArrayLike<number> = new Float64Array(n).fill(1)): Float64Array {
  const rng = new Random(seed);
  const w = new Float64Array(n);
  for (let d = 0; d < n; d++) w[rng.int(n)]++;
  for (let i = 0; i < n; i++) w[i] *= scale[i];
  return w;
}

describe("tree node orders", () => {
  const d = awkwardData(5, 400, 40, 3);
  const X = Matrix.fromRows(d.X);
  const pre = presortColumns(X);
  const n = d.X.length;
  const ones = new Float64Array(n).fill(1);
  const yReg = Float64Array.from(d.yReg);
  const y3 = Int32Array.from(d.yClass);
  const y2 = Int32Array.from(d.yClass, (c) => (c === 0 ? 0 : 1));
  const monotone = new Int8Array(40);
  monotone[3] = 1;
  monotone[5] = -1;
  monotone[7] = 1;
  const cases: [string, GrowSettings, Int32Array | Float64Array, Float64Array][] = [
    ["regression, bootstrap counts", base, yReg, bootstrapCounts(n, 1)],
    ["regression, fractional weights × bootstrap", base, yReg, bootstrapCounts(n, 2, d.sampleWeight)],
    ["regression, every row, all features, depth 9", { ...base, maxFeatures: 40, maxDepth: 9 }, yReg, ones],
    ["regression, leaves of 5, best-first 30 leaves", { ...base, minSamplesLeaf: 5, maxLeafNodes: 30 }, yReg, bootstrapCounts(n, 3)],
    ["regression, monotone +1/−1/+1", { ...base, monotone }, yReg, bootstrapCounts(n, 4)],
    ["gini, 3 classes, bootstrap counts (tie runs as classes)", { ...base, nClasses: 3, criterion: "gini" }, y3, bootstrapCounts(n, 5)],
    ["entropy, 3 classes, leaves of 3", { ...base, nClasses: 3, criterion: "entropy", minSamplesLeaf: 3 }, y3, bootstrapCounts(n, 6)],
    ["gini, fractional weights", { ...base, nClasses: 3, criterion: "gini" }, y3, Float64Array.from(d.sampleWeight)],
    ["gini, binary, monotone", { ...base, nClasses: 2, criterion: "gini", monotone }, y2, bootstrapCounts(n, 7)],
  ];

  for (const [name, settings, target, weights] of cases) {
    it(`${name}: every order grows the same trees`, () => {
      const grown = ORDERS.map(([, make]) => {
        const order = make(pre);
        // Three trees on one workspace, as a forest grows them (the order is reset per tree).
        return [0, 1, 2].map((seed) => bytes(buildTree(pre, target, weights, settings, new Random(seed), order))).join("\n");
      });
      const trees = grown[0].split("\n").map((t) => Number(t.split(":")[0]));
      expect(trees.every((count) => count > 20)).toBe(true);
      expect(grown[1]).toBe(grown[0]);
      expect(grown[2]).toBe(grown[0]);
    });
  }
});
