import { describe, expect, it } from "vitest";
import { DecisionTreeClassifier } from "../../src/models/decision-tree-classifier.ts";
import { KNNRegressor } from "../../src/models/knn-regressor.ts";
import { LinearRegression } from "../../src/models/linear-regression.ts";
import { isLinearModel, isNeighborModel, isTreeModel } from "../../src/models/model-kinds.ts";
import { nearestName } from "../../src/core/nearest-name.ts";

describe("model kind guards", () => {
  it("read capabilities, so each model answers exactly one of tree, linear, neighbor", () => {
    const X = [[0], [1], [2], [3]];
    const tree = new DecisionTreeClassifier().fit(X, ["a", "a", "b", "b"]);
    const linear = new LinearRegression().fit(X, [1, 3, 5, 7]);
    const knn = new KNNRegressor({ k: 2 }).fit(X, [1, 3, 5, 7]);
    expect([tree, linear, knn].map((m) => [isTreeModel(m), isLinearModel(m), isNeighborModel(m)])).toEqual([
      [true, false, false],
      [false, true, false],
      [false, false, true],
    ]);
    if (isTreeModel(tree)) expect(tree.trees).toHaveLength(1);
    if (isLinearModel(linear)) expect(linear.coefficients[0][0]).toBeCloseTo(2, 12);
    if (isNeighborModel(knn)) expect(knn.kneighbors([[2.9]], 1).indices).toEqual([[3]]);
  });
});

describe("nearestName", () => {
  it("finds the option a typo meant, ignoring case", () => {
    expect(nearestName("maxDepht", ["maxDepth", "minSamplesLeaf", "maxFeatures"])).toBe("maxDepth");
    expect(nearestName("NESTIMATORS", ["seed", "nEstimators"])).toBe("nEstimators");
    expect(nearestName("x", [])).toBeUndefined();
  });
});
