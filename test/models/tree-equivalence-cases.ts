import { Random } from "../../src/core/random.ts";
import { DecisionTreeClassifier } from "../../src/models/decision-tree-classifier.ts";
import { DecisionTreeRegressor } from "../../src/models/decision-tree-regressor.ts";
import type { ModelJSON } from "../../src/models/estimator.ts";
import { RandomForestClassifier } from "../../src/models/random-forest-classifier.ts";
import { RandomForestRegressor } from "../../src/models/random-forest-regressor.ts";

/**
 * Awkward data for the tree builder: mostly-zero columns (TF-IDF-like, so many ties and many
 * columns constant inside a node), rounded values (ties), -0 beside 0, NaN in some columns,
 * one constant column and one all-NaN column, non-integer regression targets (so the order in
 * which rows are summed shows in the last bits).
 */
export function awkwardData(seed: number, n: number, p: number, nClasses: number) {
  const rng = new Random(seed);
  const X: number[][] = [];
  const yClass: number[] = [];
  const yReg: number[] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < p; j++) {
      let v: number;
      if (j === 0) v = 5; // constant
      else if (j === 1) v = NaN; // all missing
      else if (j % 5 === 2) v = rng.int(4) - 1.5; // few distinct values
      else if (j % 7 === 3) v = rng.next() < 0.15 ? NaN : Math.round(rng.normal() * 100) / 100;
      else if (j % 11 === 4) v = rng.next() < 0.5 ? -0 : rng.next() < 0.5 ? 0 : 1e-8 * rng.int(3);
      else v = rng.next() < 0.8 ? 0 : Math.round(rng.next() * 1000) / 1000; // sparse
      row.push(v);
    }
    X.push(row);
    const z = (v: number) => (Number.isNaN(v) ? 0.3 : v);
    const signal = z(row[3]) + 2 * z(row[5]) + z(row[2]) - 3 * z(row[p - 1]) + 0.5 * rng.normal();
    yClass.push(signal > 0.6 ? 0 : signal > -0.4 ? 1 : nClasses > 2 ? 2 : 0);
    yReg.push(signal * 1.1 + rng.next() / 3);
  }
  // Non-integer, uneven sample weights.
  const sampleWeight = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0.3 : i % 3 === 1 ? 1.7 : 1) + (i % 10 === 0 ? 0.01 : 0));
  return { X, yClass, yReg, sampleWeight };
}

export interface EquivalenceCase {
  name: string;
  fit: () => ModelJSON;
}

/**
 * Trees and forests across seeds and options on three data sets (small wide, small narrow,
 * and one large enough for the presort's radix path). Their toJSON output was recorded in
 * test/fixtures/trees/builder-equivalence.json before the builder was changed to sort only the
 * sampled features inside each node, so any change of split, threshold, tie-break, missing-value
 * routing, cover or value shows up as a difference.
 */
export function equivalenceCases(): EquivalenceCase[] {
  const sets = {
    wide: awkwardData(1, 160, 45, 3),
    narrow: awkwardData(2, 240, 8, 2),
    large: awkwardData(3, 1300, 60, 3),
  };
  const cases: EquivalenceCase[] = [];
  const clfForest: [string, Record<string, unknown>][] = [
    ["sqrt", {}],
    ["entropy-log2", { criterion: "entropy", maxFeatures: "log2" }],
    ["fraction-leaf3-depth6", { maxFeatures: { fraction: 0.3 }, minSamplesLeaf: 3, maxDepth: 6 }],
    ["best-first", { maxLeafNodes: 12 }],
    ["no-bootstrap", { bootstrap: false, minSamplesSplit: 5 }],
    ["balanced-half-sample", { classWeight: "balanced", maxSamples: { fraction: 0.5 } }],
    ["all-features", { maxFeatures: "all", maxDepth: 5 }],
    ["min-decrease", { minImpurityDecrease: 0.002 }],
  ];
  for (const [setName, d] of Object.entries(sets)) {
    const seeds = setName === "large" ? [0] : [0, 3, 11];
    const opts = setName === "large" ? clfForest.slice(0, 3) : clfForest;
    for (const seed of seeds) {
      for (const [optName, o] of opts) {
        cases.push({
          name: `${setName} RandomForestClassifier ${optName} seed ${seed}`,
          fit: () => new RandomForestClassifier({ nEstimators: 4, seed, ...o }).fit(d.X, d.yClass).toJSON(),
        });
        cases.push({
          name: `${setName} RandomForestRegressor ${optName} seed ${seed}`,
          fit: () => {
            const { criterion: _c, classWeight: _w, ...r } = o;
            return new RandomForestRegressor({ nEstimators: 4, seed, maxFeatures: "sqrt", ...r }).fit(d.X, d.yReg).toJSON();
          },
        });
      }
      cases.push({
        name: `${setName} RandomForestClassifier sample weights seed ${seed}`,
        fit: () => new RandomForestClassifier({ nEstimators: 3, seed }).fit(d.X, d.yClass, { sampleWeight: d.sampleWeight }).toJSON(),
      });
      cases.push({
        name: `${setName} RandomForestRegressor sample weights seed ${seed}`,
        fit: () => new RandomForestRegressor({ nEstimators: 3, seed, maxFeatures: "sqrt" }).fit(d.X, d.yReg, { sampleWeight: d.sampleWeight }).toJSON(),
      });
      for (const maxFeatures of ["sqrt", "all", { fraction: 0.5 }] as const) {
        const tag = typeof maxFeatures === "string" ? maxFeatures : "half";
        cases.push({
          name: `${setName} DecisionTreeClassifier ${tag} seed ${seed}`,
          fit: () => new DecisionTreeClassifier({ maxFeatures, seed }).fit(d.X, d.yClass).toJSON(),
        });
        cases.push({
          name: `${setName} DecisionTreeRegressor ${tag} seed ${seed}`,
          fit: () => new DecisionTreeRegressor({ maxFeatures, seed, maxDepth: 10 }).fit(d.X, d.yReg).toJSON(),
        });
        cases.push({
          name: `${setName} DecisionTreeRegressor ${tag} weighted best-first seed ${seed}`,
          fit: () =>
            new DecisionTreeRegressor({ maxFeatures, seed, maxLeafNodes: 20 }).fit(d.X, d.yReg, { sampleWeight: d.sampleWeight }).toJSON(),
        });
      }
    }
  }
  return cases;
}
