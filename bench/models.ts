/**
 * Every estimator beside scikit-learn (single thread) and ml.js, on the same data files.
 *
 *   /usr/bin/python3 bench/sklearn_models.py make-data bench/out   # once: writes the data sets
 *   npx tsx bench/models.ts [--data a,b] [--repeats 3]             # runs, then prints the tables
 *   npx tsx bench/models.ts --data a --models logistic,knn         # only the rows whose name has one of these
 *   npx tsx bench/models.ts --tables                               # prints the saved results
 *
 * Both sides read bench/out/<name>.{X,y}.f64 (made once by sklearn_models.py with fixed seeds).
 * Times are CPU milliseconds of this process (Python: time.process_time), medians over the
 * repeats — steadier than wall time on a shared, noisy machine; wall times are in the JSON.
 * ml.js is far slower (ml-cart's split search is quadratic in the rows of a node), so it fits
 * a capped number of training rows (and forests fewer trees); its ratio compares it with ours
 * fitted on exactly the same rows with the same settings. Each side first fits a small slice
 * untimed (V8 compiles hot code lazily), so times are steady state. Results:
 * bench/out/models-results.json.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { DecisionTreeClassifier as MlTreeClassifier, DecisionTreeRegression as MlTreeRegression } from "ml-cart";
import MlKnn from "ml-knn";
import MlLogisticRegression from "ml-logistic-regression";
import { Matrix as MlMatrix } from "ml-matrix";
import { RandomForestClassifier as MlForest, RandomForestRegression as MlForestRegression } from "ml-random-forest";
import { setLogger } from "../src/core/logger.ts";
import { Matrix } from "../src/data/matrix.ts";
import type { Estimator, Label } from "../src/models/estimator.ts";
import { DecisionTreeClassifier } from "../src/models/decision-tree-classifier.ts";
import { DecisionTreeRegressor } from "../src/models/decision-tree-regressor.ts";
import { RandomForestClassifier } from "../src/models/random-forest-classifier.ts";
import { RandomForestRegressor } from "../src/models/random-forest-regressor.ts";
import { linearKnnModels } from "./linear-knn.ts";

const OUT = "bench/out";

/** One data set as written by sklearn_models.py. */
interface BenchData {
  name: string;
  task: "classification" | "regression";
  nTrain: number;
  nCols: number;
  description: string;
  Xtrain: Matrix;
  ytrain: number[];
  Xtest: Matrix;
  ytest: number[];
}

/** An ml.js model behind one small interface, fitted on plain arrays. */
interface MlModel {
  fit(X: number[][], y: number[]): void;
  predict(X: number[][]): number[];
}

/** One row of the table: our estimator, the same settings in scikit-learn, and ml.js. */
interface BenchModel {
  name: string;
  task: "classification" | "regression";
  ours: () => Estimator;
  sklearn: { cls: string; params: Record<string, unknown> };
  /** ml.js: training rows it fits (capped), the model, and ours with the same settings. */
  mljs?: { rows: number; settings: string; make: () => MlModel; ours: () => Estimator };
}

/** Median time and score of one side. */
interface Timing {
  rows: number;
  fitCpuMs: number;
  fitWallMs: number;
  predictCpuMs: number;
  predictWallMs: number;
  score: number;
  repeats: number;
}

/** ml-cart options that match a scikit-learn tree of this depth: split down to 2 rows, no gain floor. */
const cartOptions = (maxDepth: number) => ({ maxDepth, minNumSamples: 1, gainThreshold: 0 });

/**
 * The models, with the same hyper-parameters on every side. `forestTrees` lets the 200k-row
 * set use fewer trees (on both sides alike).
 *
 * @example
 * benchModels({ forestTrees: 100 }).map((m) => m.name);
 */
export function benchModels({ forestTrees = 100 } = {}): BenchModel[] {
  const linear = (name: string, cls: string, params: Record<string, unknown>): BenchModel => ({
    name,
    task: linearKnnModels[name].task,
    ours: linearKnnModels[name].make,
    sklearn: { cls, params },
  });
  return [
    {
      name: "decision tree (maxDepth 8)",
      task: "classification",
      ours: () => new DecisionTreeClassifier({ maxDepth: 8 }),
      sklearn: { cls: "DecisionTreeClassifier", params: { max_depth: 8, random_state: 0 } },
      mljs: {
        rows: 1000,
        settings: "ml-cart maxDepth 8, minNumSamples 1, gainThreshold 0",
        make: () => wrapCart(new MlTreeClassifier(cartOptions(8))),
        ours: () => new DecisionTreeClassifier({ maxDepth: 8 }),
      },
    },
    {
      name: `random forest (${forestTrees} trees, sqrt)`,
      task: "classification",
      ours: () => new RandomForestClassifier({ nEstimators: forestTrees, maxFeatures: "sqrt", seed: 0 }),
      sklearn: { cls: "RandomForestClassifier", params: { n_estimators: forestTrees, max_features: "sqrt", n_jobs: 1, random_state: 0 } },
      mljs: {
        rows: 1000,
        settings: "10 trees, maxDepth 8; ml.js samples features per tree, so both sides use all features",
        make: () => wrapForest(new MlForest({ nEstimators: 10, maxFeatures: 1.0, seed: 0, noOOB: true, treeOptions: cartOptions(8) })),
        ours: () => new RandomForestClassifier({ nEstimators: 10, maxDepth: 8, maxFeatures: "all", seed: 0 }),
      },
    },
    {
      ...linear("logistic l2", "LogisticRegression", { C: 1.0, max_iter: 100 }),
      mljs: {
        rows: 2000,
        settings: "ml-logistic-regression 1,000 gradient steps, learning rate 1e-4, ones column for the intercept; ours: defaults",
        make: () => wrapLogistic(new MlLogisticRegression({ numSteps: 1000, learningRate: 1e-4 })),
        ours: linearKnnModels["logistic l2"].make,
      },
    },
    linear("logistic l1", "LogisticRegression", { penalty: "l1", solver: "saga", C: 1.0 }),
    {
      ...linear("knn classifier k=5", "KNeighborsClassifier", { n_neighbors: 5, n_jobs: 1 }),
      mljs: {
        rows: 2000,
        settings: "ml-knn k 5 (k-d tree)",
        make: () => wrapKnn(5),
        ours: linearKnnModels["knn classifier k=5"].make,
      },
    },
    {
      name: "decision tree (maxDepth 8)",
      task: "regression",
      ours: () => new DecisionTreeRegressor({ maxDepth: 8 }),
      sklearn: { cls: "DecisionTreeRegressor", params: { max_depth: 8, random_state: 0 } },
      mljs: {
        rows: 1000,
        settings: "ml-cart maxDepth 8, minNumSamples 1",
        make: () => wrapCart(new MlTreeRegression(cartOptions(8))),
        ours: () => new DecisionTreeRegressor({ maxDepth: 8 }),
      },
    },
    {
      name: `random forest (${forestTrees} trees, sqrt)`,
      task: "regression",
      ours: () => new RandomForestRegressor({ nEstimators: forestTrees, maxFeatures: "sqrt", seed: 0 }),
      sklearn: { cls: "RandomForestRegressor", params: { n_estimators: forestTrees, max_features: "sqrt", n_jobs: 1, random_state: 0 } },
      mljs: {
        rows: 1000,
        settings: "10 trees, maxDepth 8, all features (as above)",
        make: () => wrapForest(new MlForestRegression({ nEstimators: 10, maxFeatures: 1.0, seed: 0, noOOB: true, treeOptions: cartOptions(8) })),
        ours: () => new RandomForestRegressor({ nEstimators: 10, maxDepth: 8, maxFeatures: "all", seed: 0 }),
      },
    },
    linear("linear ols", "LinearRegression", {}),
    linear("ridge", "Ridge", { alpha: 1.0 }),
    linear("lasso", "Lasso", { alpha: 0.1 }),
    linear("knn regressor k=5", "KNeighborsRegressor", { n_neighbors: 5, n_jobs: 1 }),
  ];
}

function wrapCart(m: MlTreeClassifier | MlTreeRegression): MlModel {
  return { fit: (X, y) => m.train(X, y), predict: (X) => m.predict(X) };
}

function wrapForest(m: MlForest | MlForestRegression): MlModel {
  return { fit: (X, y) => m.train(X, y), predict: (X) => m.predict(X) };
}

function wrapLogistic(m: MlLogisticRegression): MlModel {
  const withOnes = (X: number[][]) => new MlMatrix(X.map((r) => [1, ...r]));
  return { fit: (X, y) => m.train(withOnes(X), MlMatrix.columnVector(y)), predict: (X) => m.predict(withOnes(X)) };
}

function wrapKnn(k: number): MlModel {
  let knn: MlKnn | undefined;
  return { fit: (X, y) => void (knn = new MlKnn(X, y, { k })), predict: (X) => knn!.predict(X) };
}

/**
 * Reads one data set written by `sklearn_models.py make-data`.
 *
 * @example
 * const d = readBenchData("synthetic-classification");   // d.Xtrain: 16,000 × 20
 */
export function readBenchData(name: string): BenchData {
  const meta = JSON.parse(readFileSync(`${OUT}/${name}.json`, "utf8"));
  const floats = (file: string) => {
    const b = readFileSync(file);
    return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  const X = floats(`${OUT}/${name}.X.f64`);
  const y = Array.from(floats(`${OUT}/${name}.y.f64`));
  const n = meta.nTrain;
  const p = meta.nCols;
  return {
    name,
    task: meta.task,
    nTrain: n,
    nCols: p,
    description: meta.description,
    Xtrain: new Matrix(X.subarray(0, n * p), n, p),
    ytrain: y.slice(0, n),
    Xtest: new Matrix(X.subarray(n * p), meta.nRows - n, p),
    ytest: y.slice(n),
  };
}

function score(task: "classification" | "regression", predicted: ArrayLike<unknown>, truth: number[]): number {
  if (task === "classification") {
    let correct = 0;
    for (let i = 0; i < truth.length; i++) if (predicted[i] === truth[i]) correct++;
    return correct / truth.length;
  }
  const mean = truth.reduce((s, v) => s + v, 0) / truth.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < truth.length; i++) {
    ssRes += ((predicted[i] as number) - truth[i]) ** 2;
    ssTot += (truth[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Up to this many training rows, each side's untimed warm-up is one full-size fit and predict. */
const FULL_WARM_UP_ROWS = 20_000;

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/**
 * Times fit and predict `repeats` times (once when a run takes over 20 s of CPU). `warm` runs
 * first, untimed, so V8's compiler has seen the code: the table shows steady-state times.
 */
function timeSide(
  task: BenchData["task"],
  rows: number,
  repeats: number,
  truth: number[],
  run: () => { fit: () => void; predict: () => ArrayLike<unknown> },
  warm: () => void,
): Timing {
  warm();
  const fc: number[] = [], fw: number[] = [], pc: number[] = [], pw: number[] = [], sc: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const m = run();
    let c = cpuMs();
    let w = performance.now();
    m.fit();
    fc.push(cpuMs() - c);
    fw.push(performance.now() - w);
    c = cpuMs();
    w = performance.now();
    const predicted = m.predict();
    pc.push(cpuMs() - c);
    pw.push(performance.now() - w);
    sc.push(score(task, predicted, truth));
    if (fc[fc.length - 1] + pc[pc.length - 1] > 20_000) break;
  }
  return { rows, fitCpuMs: median(fc), fitWallMs: median(fw), predictCpuMs: median(pc), predictWallMs: median(pw), score: median(sc), repeats: fc.length };
}

function timeOurs(d: BenchData, make: () => Estimator, rows: number, repeats: number): Timing {
  const X = rows === d.nTrain ? d.Xtrain : new Matrix(d.Xtrain.data.subarray(0, rows * d.nCols), rows, d.nCols);
  const y = d.ytrain.slice(0, rows) as Label[];
  // Both sides warm up on the full-size fit and predict where that is affordable (the same rule
  // in sklearn_models.py): a 500-row warm-up left V8 still compiling during the first timed fits.
  const nWarm = rows <= FULL_WARM_UP_ROWS ? rows : Math.min(500, rows);
  const warmX = new Matrix(d.Xtrain.data.subarray(0, nWarm * d.nCols), nWarm, d.nCols);
  return timeSide(d.task, rows, repeats, d.ytest, () => {
    const m = make();
    return { fit: () => m.fit(X, y), predict: () => m.predict(d.Xtest) };
  }, () => make().fit(warmX, y.slice(0, nWarm)).predict(nWarm === rows ? d.Xtest : warmX));
}

function timeMl(d: BenchData, make: () => MlModel, rows: number, repeats: number): Timing {
  const X = new Matrix(d.Xtrain.data.subarray(0, rows * d.nCols), rows, d.nCols).toRows();
  const y = d.ytrain.slice(0, rows);
  const test = d.Xtest.toRows();
  const warmRows = X.slice(0, Math.min(200, rows));
  return timeSide(d.task, rows, repeats, d.ytest, () => {
    const m = make();
    return { fit: () => m.fit(X, y), predict: () => m.predict(test) };
  }, () => {
    const m = make();
    m.fit(warmRows, y.slice(0, warmRows.length));
    m.predict(warmRows);
  });
}

function timeSklearn(d: BenchData, models: BenchModel[], repeats: number): Timing[] {
  const specs = models.map((m) => ({ name: m.name, sklearn: m.sklearn }));
  const file = `${OUT}/models-${d.name}.json`;
  writeFileSync(file, JSON.stringify(specs));
  const env = { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
  const out = execFileSync("/usr/bin/python3", ["bench/sklearn_models.py", "run", `${OUT}/${d.name}.json`, file, String(repeats)], {
    env,
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out);
}

/** One model's results on one data set. */
export interface BenchRow {
  data: string;
  model: string;
  ours: Timing;
  sklearn: Timing;
  mljs?: { settings: string; ml: Timing; ours: Timing };
}

/**
 * Runs every model of the data set's task on all three sides.
 *
 * @example
 * const rows = benchDataSet(readBenchData("weather-regression"), { repeats: 3 });
 */
export function benchDataSet(
  d: BenchData,
  { repeats = 3, forestTrees = 100, mlRows = Infinity, mljs = true, only }: { repeats?: number; forestTrees?: number; mlRows?: number; mljs?: boolean; only?: string[] } = {},
): BenchRow[] {
  const models = benchModels({ forestTrees }).filter((m) => m.task === d.task && (!only || only.some((part) => m.name.includes(part))));
  const sk = timeSklearn(d, models, repeats);
  return models.map((m, i) => {
    const ours = timeOurs(d, m.ours, d.nTrain, repeats);
    let ml: BenchRow["mljs"];
    if (m.mljs && mljs) {
      const rows = Math.min(m.mljs.rows, mlRows, d.nTrain);
      ml = { settings: m.mljs.settings, ml: timeMl(d, m.mljs.make, rows, repeats), ours: timeOurs(d, m.mljs.ours, rows, repeats) };
    }
    const row: BenchRow = { data: d.name, model: m.name, ours, sklearn: sk[i], mljs: ml };
    process.stderr.write(`${d.name} · ${m.name}: fit ${ours.fitCpuMs.toFixed(0)} ms (sklearn ${sk[i].fitCpuMs.toFixed(0)} ms)\n`);
    return row;
  });
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const ratio = (a: number, b: number) => (b > 0 ? (a / b >= 0.1 ? (a / b).toFixed(2) : (a / b).toPrecision(2)) : "—");
const pct = (s: number, task: string) => (task === "classification" ? (100 * s).toFixed(1) : s.toFixed(3));

/**
 * The results as Markdown tables (one per data set), as pasted into bench/README.md.
 *
 * @example
 * console.log(markdownTables(rows, datasets));
 */
export function markdownTables(rows: BenchRow[], data: BenchData[]): string {
  const out: string[] = [];
  for (const d of data) {
    const mine = rows.filter((r) => r.data === d.name);
    if (mine.length === 0) continue;
    const metric = d.task === "classification" ? "accuracy %" : "R²";
    out.push(`#### ${d.name} — ${d.nTrain.toLocaleString("en")} train × ${d.nCols}, ${d.Xtest.nRows.toLocaleString("en")} test rows (${d.task})`, "");
    out.push(
      `| model | fit ours ms | fit sklearn ms | **fit ratio** | predict ours ms | predict sklearn ms | predict ratio | ${metric} ours | ${metric} sklearn | ml.js rows | fit ours ms (same rows) | fit ml.js ms | **ours / ml.js** | ${metric} ml.js (ours) |`,
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const r of mine) {
      const m = r.mljs;
      out.push(
        `| ${r.model} | ${fmt(r.ours.fitCpuMs)} | ${fmt(r.sklearn.fitCpuMs)} | **${ratio(r.ours.fitCpuMs, r.sklearn.fitCpuMs)}** | ` +
          `${fmt(r.ours.predictCpuMs)} | ${fmt(r.sklearn.predictCpuMs)} | ${ratio(r.ours.predictCpuMs, r.sklearn.predictCpuMs)} | ` +
          `${pct(r.ours.score, d.task)} | ${pct(r.sklearn.score, d.task)} | ` +
          (m
            ? `${m.ml.rows.toLocaleString("en")} | ${fmt(m.ours.fitCpuMs)} | ${fmt(m.ml.fitCpuMs)} | **${ratio(m.ours.fitCpuMs, m.ml.fitCpuMs)}** | ${pct(m.ml.score, d.task)} (${pct(m.ours.score, d.task)}) |`
            : "n/a | | | | |"),
      );
    }
    out.push("", `Data: ${d.description}.`, "");
  }
  return out.join("\n");
}

/**
 * The data sets, and where they need smaller work: fewer forest trees on 160,000 rows (both
 * sides), and fewer ml.js rows on 300 TF-IDF columns (ml-cart's cost grows with columns × rows²).
 */
const DATASETS: { name: string; forestTrees?: number; mlRows?: number }[] = [
  { name: "synthetic-classification" },
  { name: "synthetic-regression" },
  { name: "spam-tfidf", mlRows: 300 },
  { name: "weather-classification" },
  { name: "weather-regression" },
  { name: "flights-late", forestTrees: 10 },
];

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (flag: string) => {
    const i = process.argv.indexOf(flag);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  if (!existsSync(`${OUT}/synthetic-classification.json`)) {
    console.error(`No data in ${OUT}: run  /usr/bin/python3 bench/sklearn_models.py make-data ${OUT}  first.`);
    process.exit(1);
  }
  setLogger({ warn: () => {} }); // convergence warnings: both sides run with the settings given
  const only = arg("--data")?.split(",");
  const repeats = Number(arg("--repeats") ?? 3);
  const onlyModels = arg("--models")?.split(",");
  const chosen = DATASETS.filter((d) => !only || only.includes(d.name));
  // Results accumulate in one file, data set by data set, so a long run can be resumed.
  const file = `${OUT}/models-results.json`;
  let rows: BenchRow[] = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : [];
  if (!process.argv.includes("--tables")) {
    for (const d of chosen) {
      const fresh = benchDataSet(readBenchData(d.name), { repeats, forestTrees: d.forestTrees, mlRows: d.mlRows, only: onlyModels });
      const replaced = (r: BenchRow) => r.data === d.name && (!onlyModels || fresh.some((f) => f.model === r.model));
      rows = [...rows.filter((r) => !replaced(r)), ...fresh];
      writeFileSync(file, JSON.stringify(rows, null, 1));
    }
  }
  console.log(markdownTables(rows, DATASETS.map((d) => readBenchData(d.name))));
}
