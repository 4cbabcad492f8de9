import type { Random } from "../../core/random.ts";
import type { TreeStructure } from "../estimator.ts";
import type { NodeOrder } from "./node-order.ts";
import { NodeSorter } from "./node-sorter.ts";
import type { PresortedColumns } from "./presort.ts";
import { PresortedSegments } from "./presorted-segments.ts";

/** Everything that shapes one tree; the estimators fill it from their validated options. */
export interface GrowSettings {
  /** Classification when > 0 (then `target` holds class codes), regression when 0. */
  nClasses: number;
  criterion: "gini" | "entropy" | "squared_error";
  maxDepth: number;
  minSamplesLeaf: number;
  minSamplesSplit: number;
  /** Infinity grows depth-first; a number grows best-first by impurity decrease, like scikit-learn. */
  maxLeafNodes: number;
  minImpurityDecrease: number;
  /** Features examined per split (≥ 1); more are drawn while every drawn one is constant. */
  maxFeatures: number;
  /**
   * Monotone constraints per feature (+1 increasing, −1 decreasing, 0 none) on the node value:
   * the mean (regression) or the probability of class 0 (binary classification). Absent: none.
   */
  monotone?: Int8Array;
}

/** scikit-learn's FEATURE_THRESHOLD: values closer than this are treated as equal. */
const FEATURE_THRESHOLD = 1e-7;
const EPSILON = 2.220446049250313e-16;
/** Threshold of the "every present value left, every missing value right" split. */
const ALL_PRESENT = Number.MAX_VALUE;

/**
 * Scratch memory for every tree of a fit, so that growing a tree allocates nothing
 * proportional to the data, and the way nodes are ordered. Keeping every feature's presorted
 * segments partitioned (in WebAssembly) costs rows × all features per depth level, whatever
 * the number of features examined; sorting only the drawn features inside each node (as
 * scikit-learn does) costs rows × drawn features × a much larger constant, but only for the
 * rows outside each column's longest run of equal values (a sparse column's zeros need no
 * sorting). Measured (CPU, forests of "sqrt" features, classification and regression alike):
 * dense 16,000 × 20 and 8,000 × 140 (ratio below 5 and 13): the segments 2× faster; the
 * 59-column model-choice table with one-hot columns (ratio 26): the segments 10–20% faster;
 * the 300-column TF-IDF set (ratio 160): the node sort 2× (regression) to 4× (classification)
 * faster. Hence the node sort above a ratio of 32.
 *
 * @example
 * const order = treeWorkspace(presortColumns(X), settings);
 */
export function treeWorkspace(pre: PresortedColumns, settings: GrowSettings): NodeOrder {
  return nodeSortRatio(pre, settings.maxFeatures) > NODE_SORT_RATIO ? new NodeSorter(pre) : new PresortedSegments(pre);
}

/** Above this `nodeSortRatio`, nodes sort their drawn features (see treeWorkspace). */
const NODE_SORT_RATIO = 32;

/** All features over the drawn ones' sortable rows: nCols / (maxFeatures × mean share of rows outside each column's longest tie run). */
function nodeSortRatio(pre: PresortedColumns, maxFeatures: number): number {
  const { nRows: n, nCols: p, tieStart, tieEnd } = pre;
  let outside = 0;
  for (let j = 0; j < p; j++) outside += n - (tieEnd[j] - tieStart[j]);
  const share = outside / (n * p);
  return share > 0 ? p / (maxFeatures * share) : 0;
}

/** A node waiting to be split, with the split already chosen. */
interface Frontier {
  node: number;
  start: number;
  end: number;
  depth: number;
  feature: number;
  threshold: number;
  missingLeft: boolean;
  nLeft: number;
  improvement: number;
  /** The split feature had missing rows in this node (else NaN goes to the heavier child). */
  sawMissing: boolean;
  /** Features that cannot split this node, hence none of its descendants: they are skipped there. */
  constants: Int32Array;
  /** Bounds on the values of the children's subtrees (monotone constraints; ±Infinity otherwise). */
  leftBounds: [number, number];
  rightBounds: [number, number];
}

const NONE = new Int32Array(0);
const UNBOUNDED: readonly [number, number] = [-Infinity, Infinity];

/**
 * Grows one CART tree on the rows with positive weight, exactly as scikit-learn's
 * BestSplitter does (midpoint thresholds, strict improvement, the same stopping rules and the
 * same treatment of missing values), reading each node's rows in feature order from `order`
 * (see `treeWorkspace`). Internal: the estimators call it.
 *
 * @example
 * const pre = presortColumns(X);
 * const tree = buildTree(pre, codes, weights, settings, new Random(0), treeWorkspace(pre, settings));
 */
export function buildTree(
  pre: PresortedColumns,
  target: Int32Array | Float64Array,
  weights: Float64Array,
  settings: GrowSettings,
  rng: Random,
  order: NodeOrder,
): TreeStructure {
  return new TreeGrower(pre.nCols, target, weights, settings, rng, order).grow();
}

class TreeGrower {
  private readonly p: number;
  private readonly m: number;
  private readonly target: Int32Array | Float64Array;
  private readonly weights: Float64Array;
  private readonly runsAsClasses: boolean;
  private readonly goLeft: Uint8Array;
  private readonly features: Int32Array;
  /** Scratch for findSplit: flags, and the list, of features that cannot split the node. */
  private readonly knownConstant: Uint8Array;
  private readonly constantList: Int32Array;
  private readonly K: number;
  private readonly nOut: number;
  private readonly entropy: boolean;
  private readonly totalWeight: number;
  // Scratch statistics (classification: per class weight; regression: [w, Σwy, Σwy²]).
  private readonly nodeStat: Float64Array;
  private readonly leftStat: Float64Array;
  private readonly missStat: Float64Array;
  private readonly rightStat: Float64Array;
  // Node arrays, grown by doubling.
  private cap = 0;
  private count = 0;
  private feature = new Int32Array(0);
  private threshold = new Float64Array(0);
  private left = new Int32Array(0);
  private right = new Int32Array(0);
  private missingLeft = new Uint8Array(0);
  private value = new Float64Array(0);
  private cover = new Float64Array(0);
  private nSamples = new Int32Array(0);
  private impurity = new Float64Array(0);
  // Best split of the node being evaluated.
  private bestProxy = -Infinity;
  private bestFeature = -1;
  private bestThreshold = 0;
  private bestMissingLeft = false;
  // Monotone constraints: the bounds of the node being split, and the constraint per feature.
  private readonly mono: Int8Array | undefined;
  private lower = -Infinity;
  private upper = Infinity;

  constructor(
    nCols: number,
    target: Int32Array | Float64Array,
    weights: Float64Array,
    private readonly s: GrowSettings,
    private readonly rng: Random,
    private readonly order: NodeOrder,
  ) {
    this.p = nCols;
    const n = weights.length;
    let total = 0;
    let integral = true;
    for (let i = 0; i < n; i++) {
      if (weights[i] > 0) {
        total += weights[i];
        if (!Number.isInteger(weights[i])) integral = false;
      }
    }
    this.totalWeight = total;
    // Integer weights (bootstrap counts) make class sums exact in any order, and with one-row
    // leaves allowed the leaf-size checks never bind: a run of tied rows may then be scanned
    // as one row per class (rows n + c), the same split search at a fraction of the rows.
    this.runsAsClasses = s.nClasses > 0 && s.minSamplesLeaf === 1 && integral && total < 2 ** 53;
    if (this.runsAsClasses) {
      const w = new Float64Array(n + s.nClasses);
      w.set(weights);
      const y = new Int32Array(n + s.nClasses);
      y.set(target);
      for (let c = 0; c < s.nClasses; c++) y[n + c] = c;
      this.weights = w;
      this.target = y;
    } else {
      this.weights = weights;
      this.target = target;
    }
    this.m = order.reset(this.weights, this.target);
    this.goLeft = order.goLeft;
    this.features = new Int32Array(this.p);
    for (let j = 0; j < this.p; j++) this.features[j] = j;
    this.knownConstant = new Uint8Array(this.p);
    this.constantList = new Int32Array(this.p);
    this.K = s.nClasses;
    this.nOut = s.nClasses > 0 ? s.nClasses : 1;
    this.entropy = s.criterion === "entropy";
    const statLen = s.nClasses > 0 ? s.nClasses : 3;
    this.nodeStat = new Float64Array(statLen);
    this.leftStat = new Float64Array(statLen);
    this.missStat = new Float64Array(statLen);
    this.rightStat = new Float64Array(statLen);
    this.mono = s.monotone && s.monotone.some((d) => d !== 0) ? s.monotone : undefined;
  }

  grow(): TreeStructure {
    const s = this.s;
    const rootSplit = this.addNode(0, this.m, 0, -1, false, NONE, UNBOUNDED);
    const frontier: Frontier[] = rootSplit ? [rootSplit] : [];
    const bestFirst = Number.isFinite(s.maxLeafNodes);
    let leaves = 1;
    while (frontier.length > 0) {
      if (bestFirst && leaves >= s.maxLeafNodes) break;
      const f = bestFirst ? popMax(frontier) : frontier.pop()!;
      this.feature[f.node] = f.feature;
      this.threshold[f.node] = f.threshold;
      this.missingLeft[f.node] = f.missingLeft ? 1 : 0;
      this.order.partition(f.start, f.end, f.nLeft);
      const mid = f.start + f.nLeft;
      const l = this.addNode(f.start, mid, f.depth + 1, f.node, true, f.constants, f.leftBounds);
      const r = this.addNode(mid, f.end, f.depth + 1, f.node, false, f.constants, f.rightBounds);
      leaves++;
      if (!f.sawMissing) this.missingLeft[f.node] = this.cover[this.left[f.node]] >= this.cover[this.right[f.node]] ? 1 : 0;
      // Depth-first: push right first so the left subtree is grown first.
      if (r) pushFrontier(frontier, r, bestFirst);
      if (l) pushFrontier(frontier, l, bestFirst);
    }
    return this.finish();
  }

  /** Adds a leaf for the segment, and returns its chosen split when it should be split. */
  private addNode(
    start: number,
    end: number,
    depth: number,
    parent: number,
    isLeft: boolean,
    constants: Int32Array,
    bounds: readonly [number, number],
  ): Frontier | undefined {
    const s = this.s;
    const node = this.newNode();
    if (parent >= 0) {
      if (isLeft) this.left[parent] = node;
      else this.right[parent] = node;
    }
    const stat = this.nodeStat;
    this.segmentStat(start, end, stat);
    const w = this.statWeight(stat);
    const imp = this.impurityOf(stat);
    this.cover[node] = w;
    this.nSamples[node] = end - start;
    this.impurity[node] = imp;
    const K = this.nOut;
    if (this.K > 0) for (let k = 0; k < K; k++) this.value[node * K + k] = stat[k] / w;
    else this.value[node] = stat[1] / w;
    [this.lower, this.upper] = bounds;
    if (this.mono) this.clampValue(node);

    const count = end - start;
    if (depth >= s.maxDepth || count < s.minSamplesSplit || count < 2 * s.minSamplesLeaf || imp <= EPSILON) {
      return undefined;
    }
    const nConstants = this.findSplit(start, end, w, constants);
    if (this.bestFeature < 0) return undefined;
    // Mark rows and measure the children to get scikit-learn's weighted impurity decrease.
    const f = this.bestFeature;
    const thr = this.bestThreshold;
    const missLeft = this.bestMissingLeft;
    const order = this.order;
    order.load(f, start, end);
    const { rows, vals } = order;
    const L = this.leftStat;
    const R = this.rightStat;
    L.fill(0);
    R.fill(0);
    let nLeft = 0;
    let sawMissing = false;
    for (let q = order.lo; q < order.hi; q++) {
      const row = rows[q];
      const v = vals[q];
      if (v !== v) sawMissing = true;
      const goes = v <= thr || (v !== v && missLeft);
      this.goLeft[row] = goes ? 1 : 0;
      if (goes) {
        nLeft++;
        this.addRow(L, row);
      } else this.addRow(R, row);
    }
    const wL = this.statWeight(L);
    const wR = this.statWeight(R);
    const improvement =
      (w / this.totalWeight) * (imp - (wR / w) * this.impurityOf(R) - (wL / w) * this.impurityOf(L));
    if (improvement + EPSILON < s.minImpurityDecrease) return undefined;
    const [leftBounds, rightBounds] = this.childBounds(f, thr, L, R);
    return {
      node,
      start,
      end,
      depth,
      feature: f,
      threshold: thr,
      missingLeft: missLeft,
      nLeft,
      improvement,
      sawMissing,
      // The list only grows from the inherited one: unchanged (most nodes), it is shared.
      constants: nConstants === constants.length ? constants : this.constantList.slice(0, nConstants),
      leftBounds,
      rightBounds,
    };
  }

  /** The constrained value of the rows summarised by `stat`: mean, or P(class 0). */
  private monotoneValue(stat: Float64Array): number {
    return this.K > 0 ? stat[0] / this.statWeight(stat) : stat[1] / stat[0];
  }

  /** Monotone splits: a split on a constrained feature is allowed only if its children's (bounded) values keep the order. */
  private allowed(j: number, left: number, right: number): boolean {
    const d = this.mono![j];
    if (d === 0) return true;
    const l = Math.min(Math.max(left, this.lower), this.upper);
    const r = Math.min(Math.max(right, this.lower), this.upper);
    return d > 0 ? l <= r : l >= r;
  }

  // A constrained split bounds each side's subtree by the midpoint of the children's values
  // (LightGBM / XGBoost); other splits pass the node's bounds down unchanged.
  private childBounds(f: number, thr: number, L: Float64Array, R: Float64Array): [[number, number], [number, number]] {
    const same: [number, number] = [this.lower, this.upper];
    const d = this.mono ? this.mono[f] : 0;
    if (d === 0 || thr === ALL_PRESENT) return [same, same];
    const clamp = (v: number) => Math.min(Math.max(v, this.lower), this.upper);
    const mid = (clamp(this.monotoneValue(L)) + clamp(this.monotoneValue(R))) / 2;
    return d > 0 ? [[this.lower, mid], [mid, this.upper]] : [[mid, this.upper], [this.lower, mid]];
  }

  // Leaf values within the node's bounds; a binary classifier's other class takes the rest.
  private clampValue(node: number): void {
    const K = this.nOut;
    const i = this.K > 0 ? node * K : node;
    const v = Math.min(Math.max(this.value[i], this.lower), this.upper);
    this.value[i] = v;
    if (this.K === 2) this.value[i + 1] = 1 - v;
  }

  /**
   * Scans a random order of features for the split with the best impurity proxy. Features
   * known to be constant in an ancestor are still drawn (the random draws must not change)
   * but not loaded: a constant or all-missing feature stays so in every subset of rows.
   * Returns how many features of `constantList` are known constant in this node.
   */
  private findSplit(start: number, end: number, nodeWeight: number, inherited: Int32Array): number {
    this.bestProxy = -Infinity;
    this.bestFeature = -1;
    const p = this.p;
    const feats = this.features;
    const order = this.order;
    const known = this.knownConstant;
    const list = this.constantList;
    list.set(inherited);
    let nConstants = inherited.length;
    for (let t = 0; t < nConstants; t++) known[list[t]] = 1;
    let visited = 0;
    let nonConstant = 0;
    for (let i = 0; i < p; i++) {
      if (visited >= this.s.maxFeatures && nonConstant > 0) break;
      const k = i + this.rng.int(p - i);
      const j = feats[k];
      feats[k] = feats[i];
      feats[i] = j;
      visited++;
      if (known[j] === 1) continue;
      let usable = order.load(j, start, end, this.runsAsClasses ? this.nodeStat : undefined);
      if (usable) {
        const { rows, vals, lo, hi } = order;
        usable = this.K > 0 ? this.scanClassification(j, rows, vals, lo, hi) : this.scanRegression(j, rows, vals, lo, hi, nodeWeight);
      }
      if (usable) nonConstant++;
      else {
        known[j] = 1;
        list[nConstants++] = j;
      }
    }
    for (let t = 0; t < nConstants; t++) known[list[t]] = 0;
    return nConstants;
  }

  /** Scans feature j's sorted rows `sorted[start ..< end]`; false when it is constant there (no split possible). */
  private scanClassification(j: number, sorted: Int32Array, vals: Float64Array, start: number, end: number): boolean {
    const K = this.K;
    const weights = this.weights;
    const y = this.target;
    const minLeaf = this.s.minSamplesLeaf;
    const entropy = this.entropy;
    const total = this.nodeStat;
    const L = this.leftStat;
    const M = this.missStat;
    let presentEnd = end;
    while (presentEnd > start && vals[presentEnd - 1] !== vals[presentEnd - 1]) {
      presentEnd--;
    }
    const nMissing = end - presentEnd;
    const count = end - start;
    if (presentEnd === start) return false;
    const first = vals[start];
    const last = vals[presentEnd - 1];
    const constantPresent = last <= first + FEATURE_THRESHOLD;
    if (constantPresent && nMissing === 0) return false;
    M.fill(0);
    let wM = 0;
    for (let q = presentEnd; q < end; q++) {
      const row = sorted[q];
      M[y[row]] += weights[row];
      wM += weights[row];
    }
    L.fill(0);
    let wL = 0;
    const wTotal = this.statWeight(total);
    const wPresent = wTotal - wM;
    let nL = 0;
    if (!entropy && nMissing === 0) {
      // Gini without missing values, the common case: Σ_k L_k² and Σ_k R_k² are updated per
      // row in O(1) instead of summed over classes at every candidate (exact for integer weights).
      let sqL = 0;
      let sqR = 0;
      for (let k = 0; k < K; k++) sqR += total[k] * total[k];
      for (let q = start; q < presentEnd - 1; q++) {
        const row = sorted[q];
        const w = weights[row];
        const c = y[row];
        const lc = L[c];
        sqL += w * (2 * lc + w);
        sqR += w * (w - 2 * (total[c] - lc));
        L[c] = lc + w;
        wL += w;
        nL++;
        const v = vals[q];
        const next = vals[q + 1];
        if (next <= v + FEATURE_THRESHOLD || nL < minLeaf || count - nL < minLeaf) continue;
        const proxy = sqL / wL + sqR / (wTotal - wL);
        if (proxy > this.bestProxy && (!this.mono || this.allowed(j, L[0] / wL, (total[0] - L[0]) / (wTotal - wL)))) this.setBest(proxy, j, v, next, false);
      }
      return true;
    }
    for (let q = start; q < presentEnd - 1; q++) {
      const row = sorted[q];
      const w = weights[row];
      L[y[row]] += w;
      wL += w;
      nL++;
      const v = vals[q];
      const next = vals[q + 1];
      if (next <= v + FEATURE_THRESHOLD) continue;
      // Missing rows right.
      if (nL >= minLeaf && count - nL >= minLeaf) {
        const proxy = classProxy(L, total, M, K, wL, wTotal - wL, 0, entropy);
        if (proxy > this.bestProxy && (!this.mono || this.allowed(j, L[0] / wL, (total[0] - L[0]) / (wTotal - wL)))) this.setBest(proxy, j, v, next, false);
      }
      // Missing rows left.
      if (nMissing > 0 && nL + nMissing >= minLeaf && count - nL - nMissing >= minLeaf) {
        const proxy = classProxy(L, total, M, K, wL + wM, wPresent - wL, 1, entropy);
        if (proxy > this.bestProxy && (!this.mono || this.allowed(j, (L[0] + M[0]) / (wL + wM), (total[0] - L[0] - M[0]) / (wPresent - wL)))) {
          this.setBest(proxy, j, v, next, true);
        }
      }
    }
    // Every present value left, every missing value right.
    if (nMissing > 0 && nMissing >= minLeaf && count - nMissing >= minLeaf) {
      for (let k = 0; k < K; k++) L[k] = total[k] - M[k];
      const proxy = classProxy(L, total, M, K, wPresent, wM, 0, entropy);
      if (proxy > this.bestProxy) {
        this.bestProxy = proxy;
        this.bestFeature = j;
        this.bestThreshold = ALL_PRESENT;
        this.bestMissingLeft = false;
      }
    }
    return true;
  }

  private scanRegression(j: number, sorted: Int32Array, vals: Float64Array, start: number, end: number, wTotal: number): boolean {
    const weights = this.weights;
    const y = this.target;
    const minLeaf = this.s.minSamplesLeaf;
    const sumTotal = this.nodeStat[1];
    let presentEnd = end;
    while (presentEnd > start && vals[presentEnd - 1] !== vals[presentEnd - 1]) {
      presentEnd--;
    }
    const nMissing = end - presentEnd;
    const count = end - start;
    if (presentEnd === start) return false;
    const first = vals[start];
    const last = vals[presentEnd - 1];
    if (last <= first + FEATURE_THRESHOLD && nMissing === 0) return false;
    let wM = 0;
    let sM = 0;
    for (let q = presentEnd; q < end; q++) {
      const row = sorted[q];
      wM += weights[row];
      sM += weights[row] * y[row];
    }
    let wL = 0;
    let sL = 0;
    let nL = 0;
    for (let q = start; q < presentEnd - 1; q++) {
      const row = sorted[q];
      const w = weights[row];
      wL += w;
      sL += w * y[row];
      nL++;
      const v = vals[q];
      const next = vals[q + 1];
      if (next <= v + FEATURE_THRESHOLD) continue;
      if (nL >= minLeaf && count - nL >= minLeaf) {
        const sR = sumTotal - sL;
        const proxy = (sL * sL) / wL + (sR * sR) / (wTotal - wL);
        if (proxy > this.bestProxy && (!this.mono || this.allowed(j, sL / wL, sR / (wTotal - wL)))) this.setBest(proxy, j, v, next, false);
      }
      if (nMissing > 0 && nL + nMissing >= minLeaf && count - nL - nMissing >= minLeaf) {
        const a = sL + sM;
        const sR = sumTotal - a;
        const proxy = (a * a) / (wL + wM) + (sR * sR) / (wTotal - wL - wM);
        if (proxy > this.bestProxy && (!this.mono || this.allowed(j, a / (wL + wM), sR / (wTotal - wL - wM)))) this.setBest(proxy, j, v, next, true);
      }
    }
    if (nMissing > 0 && nMissing >= minLeaf && count - nMissing >= minLeaf) {
      const a = sumTotal - sM;
      const proxy = (a * a) / (wTotal - wM) + (sM * sM) / wM;
      if (proxy > this.bestProxy) {
        this.bestProxy = proxy;
        this.bestFeature = j;
        this.bestThreshold = ALL_PRESENT;
        this.bestMissingLeft = false;
      }
    }
    return true;
  }

  private setBest(proxy: number, j: number, v: number, next: number, missingLeft: boolean): void {
    this.bestProxy = proxy;
    this.bestFeature = j;
    // Midpoint, unless rounding lands it on the upper value (scikit-learn does the same).
    let t = v / 2 + next / 2;
    if (t === next || t === Infinity || t === -Infinity || t !== t) t = v;
    this.bestThreshold = t;
    this.bestMissingLeft = missingLeft;
  }

  private segmentStat(start: number, end: number, stat: Float64Array): void {
    stat.fill(0);
    for (let q = start; q < end; q++) this.addRow(stat, this.order.nodeRows[q]);
  }

  private addRow(stat: Float64Array, row: number): void {
    const w = this.weights[row];
    if (this.K > 0) stat[this.target[row]] += w;
    else {
      const v = this.target[row];
      stat[0] += w;
      stat[1] += w * v;
      stat[2] += w * v * v;
    }
  }

  private statWeight(stat: Float64Array): number {
    if (this.K === 0) return stat[0];
    let w = 0;
    for (let k = 0; k < this.K; k++) w += stat[k];
    return w;
  }

  /** Gini, entropy (bits) or variance of the rows summarised by `stat`. */
  private impurityOf(stat: Float64Array): number {
    if (this.K === 0) {
      const w = stat[0];
      const mean = stat[1] / w;
      return Math.max(0, stat[2] / w - mean * mean);
    }
    const w = this.statWeight(stat);
    let acc = 0;
    if (this.entropy) {
      for (let k = 0; k < this.K; k++) {
        const c = stat[k] / w;
        if (c > 0) acc -= c * Math.log2(c);
      }
      return acc;
    }
    for (let k = 0; k < this.K; k++) {
      const c = stat[k] / w;
      acc += c * c;
    }
    return 1 - acc;
  }

  private newNode(): number {
    if (this.count === this.cap) this.resize(Math.max(64, this.cap * 2));
    const id = this.count++;
    this.feature[id] = -1;
    this.left[id] = -1;
    this.right[id] = -1;
    return id;
  }

  private resize(cap: number): void {
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.feature = grow(this.feature, cap);
    this.threshold = grow(this.threshold, cap);
    this.left = grow(this.left, cap);
    this.right = grow(this.right, cap);
    this.missingLeft = grow(this.missingLeft, cap);
    this.value = grow(this.value, cap * this.nOut);
    this.cover = grow(this.cover, cap);
    this.nSamples = grow(this.nSamples, cap);
    this.impurity = grow(this.impurity, cap);
    this.cap = cap;
  }

  private finish(): TreeStructure {
    const c = this.count;
    return {
      nodeCount: c,
      feature: this.feature.slice(0, c),
      threshold: this.threshold.slice(0, c),
      left: this.left.slice(0, c),
      right: this.right.slice(0, c),
      missingGoesLeft: this.missingLeft.slice(0, c),
      value: this.value.slice(0, c * this.nOut),
      nOutputs: this.nOut,
      cover: this.cover.slice(0, c),
      nSamples: this.nSamples.slice(0, c),
      impurity: this.impurity.slice(0, c),
    };
  }
}

function classProxy(
  L: Float64Array,
  total: Float64Array,
  M: Float64Array,
  K: number,
  wL: number,
  wR: number,
  missingLeft: number,
  entropy: boolean,
): number {
  // Left = present-left (+ missing when missingLeft); right = total − left.
  let a = 0;
  let b = 0;
  for (let k = 0; k < K; k++) {
    const l = L[k] + missingLeft * M[k];
    const r = total[k] - l;
    if (entropy) {
      if (l > 0) a += l * Math.log(l / wL);
      if (r > 0) b += r * Math.log(r / wR);
    } else {
      a += l * l;
      b += r * r;
    }
  }
  return entropy ? a + b : a / wL + b / wR;
}

function pushFrontier(frontier: Frontier[], f: Frontier, heap: boolean): void {
  frontier.push(f);
  if (!heap) return;
  let i = frontier.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (frontier[parent].improvement >= frontier[i].improvement) break;
    [frontier[parent], frontier[i]] = [frontier[i], frontier[parent]];
    i = parent;
  }
}

function popMax(heap: Frontier[]): Frontier {
  const top = heap[0];
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < heap.length && heap[l].improvement > heap[best].improvement) best = l;
      if (r < heap.length && heap[r].improvement > heap[best].improvement) best = r;
      if (best === i) break;
      [heap[best], heap[i]] = [heap[i], heap[best]];
      i = best;
    }
  }
  return top;
}
