// Test helpers: tiny fitted models built by hand, implementing Estimator + TreeModel /
// LinearModel with their own reference predict (written from the interface docs).
import type { Capabilities, Estimator, Label, LinearModel, ModelJSON, TreeModel, TreeStructure } from "../../src/models/estimator.ts";
import { emptyTree } from "../../src/models/tree/empty-tree.ts";
import type { MatrixLike } from "../../src/data/matrix.ts";
import { Matrix } from "../../src/data/matrix.ts";

interface NodeSpec {
  feature?: number;
  threshold?: number;
  missingLeft?: boolean;
  left?: number;
  right?: number;
  value: number[];
}

/** A TreeStructure from a list of nodes (index = node id). */
export function tree(nodes: NodeSpec[]): TreeStructure {
  const n = nodes.length;
  const nOutputs = nodes[0].value.length;
  // Covers of 1 everywhere: these trees test SQL routing, not TreeSHAP weights.
  const t = emptyTree(n, nOutputs);
  t.cover.fill(1);
  t.nSamples.fill(1);
  nodes.forEach((s, i) => {
    t.feature[i] = s.feature ?? -1;
    t.threshold[i] = s.threshold ?? -2;
    t.left[i] = s.left ?? -1;
    t.right[i] = s.right ?? -1;
    t.missingGoesLeft[i] = s.missingLeft ? 1 : 0;
    s.value.forEach((v, k) => (t.value[i * nOutputs + k] = v));
  });
  return t;
}

abstract class HandBuilt implements Estimator {
  readonly options = {};
  abstract readonly kind: string;
  abstract readonly capabilities: Capabilities;
  constructor(
    readonly featureNames: string[],
    readonly classes?: Label[],
  ) {}
  get nFeatures(): number {
    return this.featureNames.length;
  }
  fit(): this {
    throw new Error("hand-built models are fitted already");
  }
  abstract outputs(x: Float64Array): number[];
  predictProba(X: MatrixLike): number[][] {
    const M = Matrix.from(X);
    return Array.from({ length: M.nRows }, (_, i) => this.outputs(M.row(i)));
  }
  predict(X: MatrixLike): Label[] {
    return this.predictProba(X).map((p) => {
      if (!this.classes) return p[0];
      let best = 0;
      for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
      return this.classes[best];
    });
  }
  toJSON(): ModelJSON {
    throw new Error("not needed");
  }
}

/** Trees or a forest: Σ_t w_t · leaf value, NaN following missingGoesLeft. */
export class HandTrees extends HandBuilt implements TreeModel {
  readonly kind: string = "HandTrees";
  readonly capabilities: Capabilities;
  constructor(
    readonly trees: TreeStructure[],
    readonly treeWeights: Float64Array,
    featureNames: string[],
    classes?: Label[],
  ) {
    super(featureNames, classes);
    this.capabilities = {
      task: classes ? "classification" : "regression",
      probabilities: !!classes,
      trees: true,
      coefficients: false,
      neighbors: false,
      handlesMissing: true,
    };
  }
  outputs(x: Float64Array): number[] {
    const out = new Array<number>(this.trees[0].nOutputs).fill(0);
    this.trees.forEach((t, ti) => {
      let node = 0;
      while (t.left[node] >= 0) {
        const v = x[t.feature[node]];
        const goLeft = Number.isNaN(v) ? t.missingGoesLeft[node] === 1 : v <= t.threshold[node];
        node = goLeft ? t.left[node] : t.right[node];
      }
      for (let k = 0; k < out.length; k++) out[k] += this.treeWeights[ti] * t.value[node * t.nOutputs + k];
    });
    return out;
  }
}

/** Linear, logistic (binary) or softmax models. */
export class HandLinear extends HandBuilt implements LinearModel {
  readonly kind: string = "HandLinear";
  readonly capabilities: Capabilities;
  constructor(
    readonly coefficients: number[][],
    readonly intercepts: number[],
    readonly link: "identity" | "logistic" | "softmax",
    featureNames: string[],
    classes?: Label[],
  ) {
    super(featureNames, classes);
    this.capabilities = {
      task: classes ? "classification" : "regression",
      probabilities: !!classes,
      trees: false,
      coefficients: true,
      neighbors: false,
      handlesMissing: false,
    };
  }
  outputs(x: Float64Array): number[] {
    const z = this.coefficients.map((w, k) => w.reduce((t, c, j) => t + c * x[j], this.intercepts[k]));
    if (this.link === "identity") return z;
    if (this.link === "logistic") {
      const p1 = 1 / (1 + Math.exp(-z[0]));
      return [1 - p1, p1];
    }
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  }
}

/** A k-NN-like model: no trees, no coefficients. */
export class HandNeighbours extends HandLinear {
  override readonly capabilities: Capabilities = {
    task: "classification",
    probabilities: true,
    trees: false,
    coefficients: false,
    neighbors: true,
    handlesMissing: false,
  };
}
