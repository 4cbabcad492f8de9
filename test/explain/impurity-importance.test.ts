import { describe, expect, it } from "vitest";
import { impurityImportance } from "../../src/explain/impurity-importance.ts";
import { treeShap } from "../../src/explain/tree-shap.ts";
import { HandTreeModel, buildTree } from "./tree-fixtures.ts";
import { fixture, fromSklearn } from "./sklearn-trees.ts";

const iris = ["sepal length", "sepal width", "petal length", "petal width"];

describe("impurityImportance", () => {
  it("matches scikit-learn's feature_importances_ for a fitted tree and a forest", () => {
    const tree = new HandTreeModel([fromSklearn(fixture.irisTree.tree)], iris, [0, 1, 2]);
    impurityImportance(tree).forEach((r, j) => expect(r.importance).toBeCloseTo(fixture.irisTree.importances[j], 12));
    const forest = new HandTreeModel(fixture.irisForest.trees.map(fromSklearn), iris, [0, 1, 2]);
    impurityImportance(forest).forEach((r, j) => expect(r.importance).toBeCloseTo(fixture.irisForest.importances[j], 12));
    const names = fixture.diabetesTree.importances.map((_: number, j: number) => `x${j}`);
    const reg = new HandTreeModel([fromSklearn(fixture.diabetesTree.tree)], names);
    impurityImportance(reg).forEach((r, j) => expect(r.importance).toBeCloseTo(fixture.diabetesTree.importances[j], 12));
  });

  it("matches a hand computation and gives unused features zero", () => {
    // Root gini 0.5 over 4 rows splits into two pure leaves: the whole decrease goes to feature 1.
    const t = buildTree({ feature: 1, threshold: 0, left: { value: [1, 0], cover: 2 }, right: { value: [0, 1], cover: 2 } });
    expect(impurityImportance(new HandTreeModel([t], ["a", "b", "c"], ["x", "y"])).map((r) => r.importance)).toEqual([0, 1, 0]);
  });
});

describe("treeShap on scikit-learn trees", () => {
  it("adds up to scikit-learn's predict_proba for the tree and the forest", () => {
    for (const [trees, proba] of [
      [[fixture.irisTree.tree], fixture.irisTree.proba],
      [fixture.irisForest.trees, fixture.irisForest.proba],
    ]) {
      const model = new HandTreeModel(trees.map(fromSklearn), iris, [0, 1, 2]);
      const res = treeShap(model, fixture.irisTree.rows);
      (proba as number[][]).forEach((p, i) =>
        p.forEach((v, k) => expect(res.expected[k] + res.values[i].reduce((s, f) => s + f[k], 0)).toBeCloseTo(v, 10)),
      );
    }
  });
});
