import type { Matrix } from "../../data/matrix.ts";
import type { TreeStructure } from "../estimator.ts";

/**
 * Bytes per node in the packed node buffer: a Float64 threshold, then two Int32 words — the split
 * code and the first child's address. One node is a quarter of a cache line, so a step reads
 * one line instead of the five separate arrays of a TreeStructure.
 */
const NODE_BYTES = 16;
/** The most packed bytes a forest may take to be walked row by row: the per-core L2 cache of the machine measured. */
const CACHED_FOREST_BYTES = 2 ** 20;

/**
 * Every tree of an ensemble packed into one buffer, walked without a data-dependent branch, for
 * predicting fast. Built once per fitted ensemble; read-only afterwards. A forest moves here
 * from its fitted arrays (unpacked-walk.ts) once packing pays; a large classification forest in
 * steady use moves on to `RankedForest` (ranked-forest.ts: half the bytes a node, walked in
 * WebAssembly, about twice as fast), see predict-trees.ts.
 *
 * Layout, per node `n` (global index over all trees, one tree after another), addressed by its
 * word address `a = 4n`:
 * - `threshold[a >> 1]`: the split threshold; NaN marks a leaf (no real threshold is NaN).
 * - `words[a + 2]`: the split code, `feature · 2 + nanRight` (1 when a missing value goes right).
 * - `words[a + 3]`: the first child's address: the left child is there and the right child
 *   next to it. Sibling pairs are laid out depth-first (a node's pair, then its left subtree's
 *   pairs, then its right subtree's), so a path that goes left stays within nearby cache lines.
 *   Measured against breadth-first order (where every level is a jump past the whole level):
 *   one row over 100 deep trees went from 49–62 to 31–39 µs, the batch unchanged.
 *
 * A step is `a = first + 4 · ((v > thr) | (isNaN(v) & nanRight))`: `v ≤ thr` goes left, `v > thr`
 * right, NaN where the node sends it — the routing of `TreeStructure.missingGoesLeft` — with no
 * branch on the comparison for the processor to mispredict. A leaf loops on itself (threshold NaN,
 * code 0, first child itself: `v > NaN` is false for every v, ±Infinity and NaN included), so
 * four walks step in lockstep until all four have reached leaves. Four walks are independent
 * chains of memory reads, which the processor overlaps: that, not fewer instructions, is the
 * speed-up (one walk alone waits on every read in turn).
 *
 * Leaf outputs are stored already multiplied by their tree's weight (the product the plain
 * sum forms, so the same double), and are added in tree order for every row: sums identical
 * bit for bit to `Σ_t weight_t · leafValue_t(x)` taken tree by tree.
 */
export class FlatForest {
  readonly nTrees: number;
  readonly nOutputs: number;
  private readonly threshold: Float64Array;
  private readonly words: Int32Array;
  /** Word address of each tree's root. */
  private readonly roots: Int32Array;
  /** Weighted outputs of node n at `leafValues[n · nOutputs ..]` (leaves only; inner nodes 0). */
  private readonly leafValues: Float64Array;
  /** The four leaves `walkFour` reached (a reused scratch, not state). */
  private readonly lanes = new Int32Array(4);

  /**
   * Packs `trees`, each weighted by `treeWeights[t]`.
   *
   * @example
   * const flat = new FlatForest(forest.trees, forest.treeWeights);
   * flat.predictInto(X, new Float64Array(X.nRows * flat.nOutputs));
   */
  constructor(trees: readonly TreeStructure[], treeWeights: Float64Array) {
    this.nTrees = trees.length;
    this.nOutputs = trees[0].nOutputs;
    let nodes = 0;
    for (const tree of trees) nodes += tree.feature.length;
    const buffer = new ArrayBuffer(nodes * NODE_BYTES);
    this.threshold = new Float64Array(buffer);
    this.words = new Int32Array(buffer);
    this.roots = new Int32Array(trees.length);
    this.leafValues = new Float64Array(nodes * this.nOutputs);
    let base = 0;
    for (let t = 0; t < trees.length; t++) {
      this.roots[t] = 4 * base;
      base = this.packTree(trees[t], treeWeights[t], base);
    }
  }

  /** Lays one tree out from global index `base`, sibling pairs depth-first; returns the index after it. */
  private packTree(tree: TreeStructure, weight: number, base: number): number {
    const { feature, threshold, left, right, missingGoesLeft, value } = tree;
    const K = this.nOutputs;
    const at = new Int32Array(feature.length);
    const stack = [0];
    let tail = 1;
    while (stack.length > 0) {
      const node = stack.pop()!;
      const n = base + at[node];
      if (feature[node] < 0) {
        this.threshold[2 * n] = NaN;
        this.words[4 * n + 2] = 0;
        this.words[4 * n + 3] = 4 * n;
        for (let k = 0; k < K; k++) this.leafValues[n * K + k] = weight * value[node * K + k];
      } else {
        this.threshold[2 * n] = threshold[node];
        this.words[4 * n + 2] = feature[node] * 2 + (missingGoesLeft[node] === 1 ? 0 : 1);
        this.words[4 * n + 3] = 4 * (base + tail);
        at[left[node]] = tail;
        at[right[node]] = tail + 1;
        tail += 2;
        stack.push(right[node], left[node]);
      }
    }
    return base + tail;
  }

  /**
   * Σ_t weight_t · leafValue_t(x) for every row of X into `out` (`nRows × nOutputs`, row-major,
   * overwritten); returns `out`. X's width is the caller's to check.
   *
   * @example
   * flat.predictInto(X, new Float64Array(X.nRows * flat.nOutputs));
   */
  predictInto(X: Matrix, out: Float64Array): Float64Array {
    out.fill(0, 0, X.nRows * this.nOutputs);
    // Few rows (a one-row call), or a forest that fits in cache and takes fewer bytes than the
    // rows: four trees of the same row in lockstep, row by row, so the forest stays in cache
    // and the rows are read once. Else four rows of the same tree in lockstep, tree by tree
    // over all rows, so one tree's nodes stay in cache while every row walks it (blocks of rows
    // measured slower: a deep tree's nodes are mostly different for every row, so a block
    // re-reads nearly the whole tree). Measured on spam (1,512 rows of 300 features, 3.6 MB;
    // 100 trees, 870 KB): tree by tree 45–53 ms, row by row 25.5–28.4, as every tree re-read
    // the wide rows.
    const forestBytes = this.threshold.byteLength;
    const byRow = X.nRows < 4 || (forestBytes <= CACHED_FOREST_BYTES && forestBytes < 8 * X.nRows * X.nCols);
    if (byRow) for (let i = 0; i < X.nRows; i++) this.addRowByTreeLanes(X.data, i * X.nCols, i * this.nOutputs, out);
    else for (let t = 0; t < this.nTrees; t++) this.addTreeByRowLanes(t, X, out);
    return out;
  }

  /** Adds every tree's leaf for the row at `r` into `out[o ..]`, four trees walked at a time. */
  private addRowByTreeLanes(data: Float64Array, r: number, o: number, out: Float64Array): void {
    const { roots, lanes } = this;
    const T4 = this.nTrees - (this.nTrees % 4);
    for (let t = 0; t < T4; t += 4) {
      this.walkFour(data, r, roots[t], r, roots[t + 1], r, roots[t + 2], r, roots[t + 3]);
      for (let j = 0; j < 4; j++) this.addLeaf(lanes[j], o, out);
    }
    for (let t = T4; t < this.nTrees; t++) this.addLeaf(this.walk(data, r, roots[t]), o, out);
  }

  /** Adds tree t's leaf for every row of X, four rows walked at a time. */
  private addTreeByRowLanes(t: number, X: Matrix, out: Float64Array): void {
    const { lanes } = this;
    const root = this.roots[t];
    const data = X.data;
    const p = X.nCols;
    const K = this.nOutputs;
    const n4 = X.nRows - (X.nRows % 4);
    for (let i = 0; i < n4; i += 4) {
      const r = i * p;
      this.walkFour(data, r, root, r + p, root, r + 2 * p, root, r + 3 * p, root);
      for (let j = 0; j < 4; j++) this.addLeaf(lanes[j], (i + j) * K, out);
    }
    for (let i = n4; i < X.nRows; i++) this.addLeaf(this.walk(data, i * p, root), i * K, out);
  }

  /** out[o + k] += the leaf's weighted output k. */
  private addLeaf(leaf: number, o: number, out: Float64Array): void {
    const K = this.nOutputs;
    const at = (leaf >> 2) * K;
    for (let k = 0; k < K; k++) out[o + k] += this.leafValues[at + k];
  }

  /** The leaf (its word address) reached from the node at word address `a` by the row at `data[r ..]`. */
  private walk(data: Float64Array, r: number, a: number): number {
    const { threshold, words } = this;
    let thr = threshold[a >> 1];
    while (thr === thr) {
      const code = words[a + 2];
      const v = data[r + (code >> 1)];
      a = words[a + 3] + ((+(v > thr) | (+(v !== v) & code)) << 2);
      thr = threshold[a >> 1];
    }
    return a;
  }

  /**
   * Four walks (row offset, start address) in lockstep; their leaves land in `lanes`. Four
   * independent chains of reads, which the processor overlaps (a walk alone waits on each
   * read in turn); a lane at its leaf steps onto itself until all four are done.
   */
  private walkFour(data: Float64Array, r0: number, a: number, r1: number, b: number, r2: number, c: number, r3: number, d: number): void {
    const { threshold, words } = this;
    let ta = threshold[a >> 1];
    let tb = threshold[b >> 1];
    let tc = threshold[c >> 1];
    let td = threshold[d >> 1];
    while (ta === ta || tb === tb || tc === tc || td === td) {
      let code = words[a + 2];
      let v = data[r0 + (code >> 1)];
      a = words[a + 3] + ((+(v > ta) | (+(v !== v) & code)) << 2);
      ta = threshold[a >> 1];
      code = words[b + 2];
      v = data[r1 + (code >> 1)];
      b = words[b + 3] + ((+(v > tb) | (+(v !== v) & code)) << 2);
      tb = threshold[b >> 1];
      code = words[c + 2];
      v = data[r2 + (code >> 1)];
      c = words[c + 3] + ((+(v > tc) | (+(v !== v) & code)) << 2);
      tc = threshold[c >> 1];
      code = words[d + 2];
      v = data[r3 + (code >> 1)];
      d = words[d + 3] + ((+(v > td) | (+(v !== v) & code)) << 2);
      td = threshold[d >> 1];
    }
    const lanes = this.lanes;
    lanes[0] = a;
    lanes[1] = b;
    lanes[2] = c;
    lanes[3] = d;
  }
}
