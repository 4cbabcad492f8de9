import { describe, expect, it } from "vitest";
import { candidateModels, selectCandidates } from "../../src/understudy/choose-model.ts";

describe("selectCandidates on a big sample", () => {
  const features = { nCols: 3, featureNames: ["a", "b", "c"], origins: [] };
  const all = candidateModels("classification", "auto", 0);

  it("leaves k-NN out of \"auto\" above 50,000 labelled rows, with the reason", () => {
    const { kept, leftOut } = selectCandidates(all, { features, family: "auto", nRows: 50_001 });
    expect(kept.map((c) => c.name)).toEqual(["logistic", "tree", "ebm", "forest"]);
    expect(leftOut).toEqual([{
      name: "knn", type: "k-nearest neighbors",
      reason: "50001 labelled rows: k-NN compares every row with every stored row, so the search leaves it out above 50000 (model: \"knn\" fits it anyway)",
    }]);
  });

  it("keeps k-NN at 50,000 rows, and whenever it is asked for by name", () => {
    expect(selectCandidates(all, { features, family: "auto", nRows: 50_000 }).kept.map((c) => c.name)).toContain("knn");
    const knn = candidateModels("classification", "knn", 0);
    expect(selectCandidates(knn, { features, family: "knn", nRows: 200_000 }).kept.map((c) => c.name)).toEqual(["knn"]);
  });
});
