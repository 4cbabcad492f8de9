import { compileWasm } from "../../core/compile-wasm.ts";
import type { Matrix } from "../../data/matrix.ts";
import type { TreeStructure } from "../estimator.ts";
import { ThresholdRanks } from "./threshold-ranks.ts";
import { WASM_BASE64 } from "./wasm/forest-walk-bytes.ts";

/**
 * Bytes of row ranks per kernel call, which sets how many rows walk each tree before the next
 * tree's nodes are fetched: measured on 100 deep trees, 28 features, 20,000 rows, batch µs per
 * row: 256 rows 9.6–13.6, 1,024 rows 7.7–10, 4,096 rows 5.5, 16,384 rows 4.9, all 20,000 4.6;
 * with eight lanes, 18,724 rows (2 MiB) then 1,276: 4.25–4.29 min, all 20,000 (8 MiB allow
 * 74,898 rows of 28 features) 3.99–4.06. Bounded so that a wide matrix (TF-IDF) does not take a
 * huge buffer.
 */
const CHUNK_RANK_BYTES = 2 ** 23;
/** Fewer rows than this (a one-row call): eight trees of each row in lockstep; else eight rows of each tree. */
const ROWS_BY_TREE = 8;
/** The most WebAssembly memory one packed forest may take; larger forests walk a `FlatForest`. */
const MAX_MEMORY_BYTES = 2 ** 30;

interface ForestWalk {
  memory: WebAssembly.Memory;
  init(shift: number, k: number, leafValues: number, leafBase: number, roots: number): void;
  byTree(ranks: number, nRows: number, rowBytes: number, out: number, nTrees: number, missing: number): void;
  byRow(ranks: number, nRows: number, rowBytes: number, out: number, nTrees: number, missing: number): void;
}


/**
 * Every tree of an ensemble packed into 8 bytes a node and walked in WebAssembly
 * (wasm/forest-walk.wat). A node compares the row's threshold rank for its feature
 * ({@link ThresholdRanks}) with its own threshold's rank, so it needs no Float64 threshold:
 *
 * - code (Int32): `rank << shift | feature << 2 | missingGoesRight` for an inner node, where
 *   `shift` leaves room for the forest's highest feature; `0x80000000 | leafIndex << shift` for
 *   a leaf (negative: the walk's stop test; its rank field, read unsigned, above every rank).
 * - first child (Int32): the byte address of its left child, the right child next to it;
 *   sibling pairs depth-first as in `FlatForest`; a leaf's is its own address.
 *
 * Half FlatForest's 16 bytes a node, so twice the trees stay in cache; leaf values are dense,
 * K doubles per leaf numbered tree by tree, already times the tree's weight, and added in tree
 * order: sums identical bit for bit to `Σ_t weight_t · leafValue_t(x)` taken tree by tree.
 * Made by {@link RankedForest.pack}, which declines forests whose codes would not fit 31 bits.
 */
export class RankedForest {
  readonly nTrees: number;
  readonly nOutputs: number;
  private readonly ranks: ThresholdRanks;
  private readonly walk: ForestWalk;
  private readonly rankView: Int32Array;
  private readonly outView: Float64Array;
  private readonly ranksAt: number;
  private readonly outAt: number;
  /** Rows per kernel call. */
  private readonly chunkRows: number;

  private constructor(trees: readonly TreeStructure[], treeWeights: Float64Array, ranks: ThresholdRanks, shift: number, walk: ForestWalk, nodes: number, leaves: number) {
    this.nTrees = trees.length;
    this.nOutputs = trees[0].nOutputs;
    this.ranks = ranks;
    this.walk = walk;
    const K = this.nOutputs;
    const T = trees.length;
    this.chunkRows = chunkRows(ranks.width);
    const rows = this.chunkRows;
    const leafValuesAt = 8 * nodes;
    const leafBaseAt = leafValuesAt + 8 * leaves * K;
    const rootsAt = leafBaseAt + 4 * T;
    this.ranksAt = rootsAt + 4 * T;
    this.outAt = align8(this.ranksAt + 4 * rows * ranks.width);
    const bytes = this.outAt + 8 * rows * K;
    walk.memory.grow(Math.max(0, Math.ceil((bytes - walk.memory.buffer.byteLength) / 65536)));
    const buffer = walk.memory.buffer;
    const words = new Int32Array(buffer, 0, 2 * nodes);
    const leafValues = new Float64Array(buffer, leafValuesAt, leaves * K);
    const leafBase = new Int32Array(buffer, leafBaseAt, T);
    const roots = new Int32Array(buffer, rootsAt, T);
    let base = 0;
    let leaf = 0;
    for (let t = 0; t < T; t++) {
      roots[t] = 8 * base;
      leafBase[t] = leaf;
      const packed = packTree(trees[t], treeWeights[t], { words, leafValues, ranks, shift, base, leaf });
      base = packed.base;
      leaf = packed.leaf;
    }
    walk.init(shift, K, leafValuesAt, leafBaseAt, rootsAt);
    this.rankView = new Int32Array(buffer, this.ranksAt, rows * ranks.width);
    this.outView = new Float64Array(buffer, this.outAt, rows * K);
  }

  /**
   * Packs `trees`, each weighted by `treeWeights[t]`; undefined where WebAssembly is missing or
   * the forest does not fit the 8-byte code (ranks and leaves per tree below 2^(31 − shift), all
   * of it in 1 GiB): the caller then walks a `FlatForest` (same sums, slower).
   *
   * @example
   * const ranked = RankedForest.pack(forest.trees, forest.treeWeights);
   * ranked?.predictInto(X, new Float64Array(X.nRows * ranked.nOutputs));
   */
  static pack(trees: readonly TreeStructure[], treeWeights: Float64Array): RankedForest | undefined {
    const compiled = compileWasm(WASM_BASE64);
    if (compiled === null) return undefined;
    const ranks = new ThresholdRanks(trees);
    // Bits under the rank field: the feature (0 .. width − 1) times 4 — the byte offset of its
    // rank, so the walk need not shift it — over the missing-goes-right bit and a spare bit.
    const shift = 2 + Math.max(1, Math.ceil(Math.log2(ranks.width)));
    const rankLimit = 2 ** (31 - shift);
    let nodes = 0;
    let leaves = 0;
    let mostLeaves = 0;
    for (const tree of trees) {
      let treeLeaves = 0;
      for (let n = 0; n < tree.feature.length; n++) if (tree.feature[n] < 0) treeLeaves++;
      nodes += tree.feature.length;
      leaves += treeLeaves;
      mostLeaves = Math.max(mostLeaves, treeLeaves);
    }
    const bytes = 8 * nodes + 8 * leaves * trees[0].nOutputs + CHUNK_RANK_BYTES + 8 * chunkRows(ranks.width) * trees[0].nOutputs;
    if (ranks.maxRank >= rankLimit || mostLeaves > rankLimit || bytes > MAX_MEMORY_BYTES) return undefined;
    const walk = new WebAssembly.Instance(compiled).exports as unknown as ForestWalk;
    return new RankedForest(trees, treeWeights, ranks, shift, walk, nodes, leaves);
  }

  /**
   * Σ_t weight_t · leafValue_t(x) for every row of X into `out` (`nRows × nOutputs`, row-major,
   * overwritten); returns `out`. X's width is the caller's to check.
   *
   * @example
   * ranked.predictInto(X, new Float64Array(X.nRows * ranked.nOutputs));
   */
  predictInto(X: Matrix, out: Float64Array): Float64Array {
    const { ranks, walk, rankView, outView } = this;
    const K = this.nOutputs;
    for (let first = 0; first < X.nRows; first += this.chunkRows) {
      const end = Math.min(X.nRows, first + this.chunkRows);
      const missing = ranks.rankRows(X.data, X.nCols, first, end, rankView, 0);
      outView.fill(0, 0, (end - first) * K);
      // Few rows (a one-row call): eight trees of the row in lockstep. Many: eight rows of one
      // tree in lockstep, tree by tree, so the tree's nodes stay in cache while the rows walk it.
      const pass = end - first < ROWS_BY_TREE ? walk.byRow : walk.byTree;
      pass(this.ranksAt, end - first, 4 * ranks.width, this.outAt, this.nTrees, missing ? 1 : 0);
      out.set(outView.subarray(0, (end - first) * K), first * K);
    }
    return out;
  }
}

/** x rounded up to a multiple of 8, where a Float64Array may start. */
function align8(x: number): number {
  return (x + 7) & ~7;
}

/** Rows whose ranks fill CHUNK_RANK_BYTES (at least one group of eight). */
function chunkRows(width: number): number {
  return Math.max(ROWS_BY_TREE, Math.floor(CHUNK_RANK_BYTES / (4 * width)));
}

interface Packing {
  words: Int32Array;
  leafValues: Float64Array;
  ranks: ThresholdRanks;
  shift: number;
  /** The next free node and leaf indices. */
  base: number;
  leaf: number;
}

/** Lays one tree out from node `at.base` and leaf `at.leaf`, sibling pairs depth-first; returns the indices after it. */
function packTree(tree: TreeStructure, weight: number, at: Packing): { base: number; leaf: number } {
  const { feature, threshold, left, right, missingGoesLeft, value } = tree;
  const { words, leafValues, ranks, shift, base } = at;
  const K = tree.nOutputs;
  const slot = new Int32Array(feature.length);
  const stack = [0];
  let tail = 1;
  let leaf = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    const n = base + slot[node];
    if (feature[node] < 0) {
      words[2 * n] = 0x80000000 | (leaf << shift);
      words[2 * n + 1] = 8 * n;
      for (let k = 0; k < K; k++) leafValues[(at.leaf + leaf) * K + k] = weight * value[node * K + k];
      leaf++;
    } else {
      const f = feature[node];
      words[2 * n] = (ranks.rankOf(f, threshold[node]) << shift) | (f << 2) | (missingGoesLeft[node] === 1 ? 0 : 1);
      words[2 * n + 1] = 8 * (base + tail);
      slot[left[node]] = tail;
      slot[right[node]] = tail + 1;
      tail += 2;
      stack.push(right[node], left[node]);
    }
  }
  return { base: base + tail, leaf: at.leaf + leaf };
}
