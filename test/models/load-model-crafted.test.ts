import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import {
  DecisionTreeClassifier, KNNClassifier, KNNRegressor, LinearRegression, loadModel, LogisticRegression, RandomForestRegressor,
} from "../../src/index.ts";
import { MODEL_JSON_LIMITS } from "../../src/models/check-saved-model.ts";
import { estimatorRegistry } from "../../src/models/registry.ts";

// A saved model is untrusted input: every crafted structure is refused on load with
// bad_model_json and a message naming the problem, instead of hanging or mispredicting.
const X = [[1, 5], [2, 4], [3, 9], [8, 1], [9, 2], [7, 3], [1, 1], [9, 9]];
const y = ["a", "a", "a", "b", "b", "b", "c", "c"];
const tree = JSON.parse(JSON.stringify(new DecisionTreeClassifier({ seed: 0 }).fit(X, y).toJSON()));
const kind = "DecisionTreeClassifier";

function crafted(edit: (t: Record<string, any>, json: Record<string, any>) => void): Record<string, any> {
  const json = structuredClone(tree);
  edit(json.state.trees[0], json);
  return json;
}
const damagedTree = (problem: string) => messages.models.damagedTree(kind, 0, problem);

describe("loadModel refuses crafted trees", () => {
  it("the untouched tree loads and predicts like the original", () => {
    expect(loadModel(tree).predict(X)).toEqual(y);
    expect(tree.state.trees[0].nodeCount).toBeGreaterThan(3);
  });

  it("a cycle (a child pointing back at the root) instead of hanging in predict", () => {
    const json = crafted((t) => { t.right[0] = 0; });
    expect(() => loadModel(json)).toThrow(damagedTree(`node 0 must have two distinct children after it (left ${json.state.trees[0].left[0]}, right 0)`));
  });

  it("a child index out of range instead of predicting empty values", () => {
    const json = crafted((t) => { t.left[0] = t.nodeCount + 5; });
    expect(() => loadModel(json)).toThrow(damagedTree("left children must be node indices in range"));
  });

  it("a feature index out of range instead of reading another column", () => {
    expect(() => loadModel(crafted((t) => { t.feature[0] = 2; }))).toThrow(damagedTree("feature indices must be −1 (leaf) or from 0 to 1 (nFeatures − 1)"));
  });

  it("a node with two parents, a leaf with children, a non-finite threshold, a short value array", () => {
    const twoParents = crafted((t) => { const inner = t.feature.findIndex((f: number, i: number) => i > 0 && f >= 0); t.left[inner] = t.left[0] > inner ? t.left[0] : t.right[0]; });
    expect(() => loadModel(twoParents)).toThrow(/* code only: which node is named depends on the fitted shape */ expect.objectContaining({ code: "bad_model_json" }));
    const leaf = tree.state.trees[0].feature.indexOf(-1);
    expect(() => loadModel(crafted((t) => { t.left[leaf] = leaf + 1; }))).toThrow(damagedTree(`node ${leaf} is a leaf (feature −1) but has children`));
    expect(() => loadModel(crafted((t) => { t.threshold[0] = null; }))).toThrow(damagedTree(`field threshold must hold ${tree.state.trees[0].nodeCount} finite numbers`));
    expect(() => loadModel(crafted((t) => { t.value.pop(); }))).toThrow(damagedTree(`field value must hold ${tree.state.trees[0].nodeCount * 3} finite numbers`));
  });

  it("duplicate classes, which would leave one class unpredictable", () => {
    expect(() => loadModel(crafted((_, j) => { j.classes = ["a", "b", "a"]; }))).toThrow(
      messages.models.damagedJSON(kind, "classes holds a label twice (a, b, a), so one class could never be predicted"),
    );
  });

  it("more nodes or trees than the caps, before allocating them", () => {
    expect(() => loadModel(crafted((t) => { t.nodeCount = MODEL_JSON_LIMITS.nodesPerTree + 1; }))).toThrow(
      damagedTree(`nodeCount must be an integer from 1 to ${MODEL_JSON_LIMITS.nodesPerTree}`),
    );
    const forest = JSON.parse(JSON.stringify(new RandomForestRegressor({ nEstimators: 2, seed: 0 }).fit(X, [1, 2, 3, 4, 5, 6, 7, 8]).toJSON()));
    forest.state.trees = new Array(MODEL_JSON_LIMITS.trees + 1).fill(forest.state.trees[0]);
    expect(() => loadModel(forest)).toThrow(messages.models.damagedJSON("RandomForestRegressor", `${MODEL_JSON_LIMITS.trees + 1} trees is over the cap of ${MODEL_JSON_LIMITS.trees}`));
  });

  it("kinds are own properties of the registry: constructor and __proto__ are unknown kinds", () => {
    for (const k of ["constructor", "__proto__", "toString"]) {
      expect(() => loadModel({ ...tree, kind: k })).toThrow(messages.models.unknownModelKind(k, Object.keys(estimatorRegistry)));
    }
  });
});

describe("loadModel refuses linear and k-NN state whose lengths do not match", () => {
  it("logistic and linear coefficients", () => {
    const logistic = new LogisticRegression().fit(X, y).toJSON();
    const short = structuredClone(logistic);
    (short.state.coefficients as number[][])[1].pop();
    expect(() => loadModel(short)).toThrow(messages.models.damagedJSON("LogisticRegression", "state.coefficients[1] must hold 2 finite numbers, one per feature"));
    const linear = new LinearRegression().fit(X, [1, 2, 3, 4, 5, 6, 7, 8]).toJSON();
    (linear.state.intercepts as number[]).push(0);
    expect(() => loadModel(linear)).toThrow(messages.models.damagedJSON("LinearRegression", "state.intercepts must hold 1 finite numbers"));
  });

  it("k-NN data, labels and targets", () => {
    const knn = new KNNClassifier({ k: 3 }).fit(X, y).toJSON();
    (knn.state.labels as string[])[0] = "z";
    expect(() => loadModel(knn)).toThrow(messages.models.damagedJSON("KNNClassifier", "state.labels must hold 8 labels, one per row, each one of classes"));
    const reg = new KNNRegressor({ k: 3 }).fit(X, [1, 2, 3, 4, 5, 6, 7, 8]).toJSON();
    (reg.state.data as number[]).pop();
    expect(() => loadModel(reg)).toThrow(messages.models.damagedJSON("KNNRegressor", "state.data must hold nRows × features = 16 finite numbers"));
  });
});
