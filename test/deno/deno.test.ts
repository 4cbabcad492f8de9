import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  DecisionTreeClassifier,
  LogisticRegression,
  RandomForestClassifier,
  TableEncoder,
  toTable,
} from "../../src/index.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const deno = `${root}node_modules/.bin/deno`;

describe("Deno 2 imports src/index.ts directly", () => {
  it("fits and predicts the same as Node", () => {
    expect(existsSync(deno), "the deno npm package is a devDependency; run npm install").toBe(true);
    const stdout = execFileSync(deno, ["run", "--allow-all", "--quiet", "test/deno/smoke.ts"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 120_000,
    });
    const fromDeno = JSON.parse(stdout.trim().split("\n").at(-1)!);

    const X = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 2], [3, 2], [2, 3], [3, 3]];
    const y = ["a", "a", "a", "a", "b", "b", "b", "b"];
    const query = [[0.5, 0.5], [2.5, 2.5]];
    expect(fromDeno.tree).toEqual(["a", "b"]);
    expect(fromDeno.tree).toEqual(new DecisionTreeClassifier({ maxDepth: 2, seed: 0 }).fit(X, y).predict(query));
    expect(fromDeno.forest).toEqual(new RandomForestClassifier({ nEstimators: 5, seed: 0 }).fit(X, y).predict(query));
    const proba = new LogisticRegression().fit(X, y).predictProba(query);
    const table = toTable([{ size: 1, colour: "red" }, { size: NaN, colour: "blue" }, { size: 3, colour: "red" }]);
    const encoded = new TableEncoder().fit(table).transform(table);
    expect(fromDeno.encoded).toEqual({ names: encoded.featureNames, rows: encoded.toRows() });
    // Half the training rows are "a": the tree's expected output is [0.5, 0.5].
    expect(fromDeno.shapExpected).toEqual([0.5, 0.5]);
    fromDeno.logistic.forEach((row: number[], i: number) =>
      row.forEach((p, k) => expect(p).toBeCloseTo(proba[i][k], 12)),
    );
  });
});
