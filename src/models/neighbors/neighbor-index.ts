import { UnderstudyError } from "../../core/errors.ts";
import { messages } from "../../core/messages/index.ts";
import { Matrix } from "../../data/matrix.ts";
import { buildKdTree, kdTreeNeighbors, type KdTree } from "./kd-tree.ts";
import { nearestNeighbors, prepareRows, type NeighborMetric, type PreparedRows } from "./nearest-neighbors.ts";

/**
 * A k-d tree pays off only when rows have very few columns. Measured against the dot-product
 * search (SIMD kernel) on 16,000 unit-Gaussian rows (4,000 queries, k = 5): 2.9× faster at 2
 * columns, 1.8× at 3, even at 4, 1.8× slower at 5 and 3× at 6; on 1,000–4,000 rows even at 3.
 */
const KD_TREE_MAX_COLUMNS = 3;
const KD_TREE_MIN_ROWS = 256;

/**
 * A private copy of the training rows plus the metric, answering exact k-nearest queries with
 * a k-d tree (euclidean or manhattan, few columns) or `nearestNeighbors` (brute force, or dot
 * products with exact re-ranking). All give identical answers. Shared by the k-NN classifier
 * and regressor. Nothing but the copy is made up front: the search layout (reordered columns
 * or unit rows) and the k-d tree are built on the first query, so a fit costs one copy.
 *
 * @example
 * const index = new NeighborIndex(Matrix.fromRows([[0], [1], [5]]), "euclidean");
 * index.query(Matrix.fromRows([[0.9]]), 2, "KNNRegressor").indices; // Int32Array [1, 0]
 */
export class NeighborIndex {
  readonly X: Matrix;
  readonly metric: NeighborMetric;
  private readonly useTree: boolean;
  private search?: { prepared: PreparedRows; tree: KdTree | undefined };

  /**
   * Copies `X` so later changes to the caller's array cannot change the model; `owned: true`
   * says X's array is already private to the model (made by the fit's input check, or read
   * from JSON), so it is kept without a second copy.
   */
  constructor(X: Matrix, metric: NeighborMetric, { useTree, owned = false }: { useTree?: boolean; owned?: boolean } = {}) {
    this.X = new Matrix(owned ? X.data : Float64Array.from(X.data), X.nRows, X.nCols, [...X.featureNames], X.origins);
    this.metric = metric;
    const treeFits = X.nCols <= KD_TREE_MAX_COLUMNS && X.nRows >= KD_TREE_MIN_ROWS;
    this.useTree = (useTree ?? treeFits) && metric !== "cosine";
  }

  /** The search layout and tree, built on the first query. */
  private prepared(): { prepared: PreparedRows; tree: KdTree | undefined } {
    if (!this.search) {
      const prepared = prepareRows(this.X.data, this.X.nRows, this.X.nCols, this.metric);
      this.search = { prepared, tree: this.useTree ? buildKdTree(prepared) : undefined };
    }
    return this.search;
  }

  /** Flat nQuery × k indices and distances, nearest first (ties: lower training index first). */
  query(Q: Matrix, k: number, kind: string): { indices: Int32Array; distances: Float64Array } {
    if (!Number.isInteger(k) || k < 1 || k > this.X.nRows) {
      throw new UnderstudyError("bad_option", messages.models.badQueryK(kind, k, this.X.nRows));
    }
    const { prepared, tree } = this.prepared();
    return tree ? kdTreeNeighbors(tree, Q.data, Q.nRows, k) : nearestNeighbors(prepared, Q.data, Q.nRows, k);
  }

  /** `query` as one array per query row: the shape both k-NN estimators' `kneighbors` return. */
  queryRows(Q: Matrix, k: number, kind: string): { indices: number[][]; distances: number[][] } {
    const { indices, distances } = this.query(Q, k, kind);
    const outI: number[][] = [];
    const outD: number[][] = [];
    for (let i = 0; i < Q.nRows; i++) {
      outI.push(Array.from(indices.subarray(i * k, (i + 1) * k)));
      outD.push(Array.from(distances.subarray(i * k, (i + 1) * k)));
    }
    return { indices: outI, distances: outD };
  }
}
