// Times fit and predict of the linear and k-NN estimators, and (run directly) compares them
// with scikit-learn on the same data, single-threaded:
//   npx tsx bench/linear-knn.ts [nRows=16000] [nCols=20]
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Random } from "../src/core/random.ts";
import { Matrix } from "../src/data/matrix.ts";
import type { Estimator, Label } from "../src/models/estimator.ts";
import { KNNClassifier } from "../src/models/knn-classifier.ts";
import { KNNRegressor } from "../src/models/knn-regressor.ts";
import { LinearRegression } from "../src/models/linear-regression.ts";
import { LogisticRegression } from "../src/models/logistic-regression.ts";

/**
 * One timed model: median CPU milliseconds of this process over the repeats. CPU time, not
 * wall time, so a busy shared machine distorts the comparison less (both sides measure alike).
 */
export interface LinearKnnTiming {
  model: string;
  fitMs: number;
  predictMs: number;
}

/** The data to time on: training rows with class and numeric targets, and rows to predict. */
export interface LinearKnnBenchData {
  X: Matrix;
  yClass: Label[];
  yReg: number[];
  Xtest: Matrix;
}

/** The models timed, by name; the same names and settings as the scikit-learn side below. */
export const linearKnnModels: Record<string, { task: "classification" | "regression"; make: () => Estimator }> = {
  "logistic l2": { task: "classification", make: () => new LogisticRegression() },
  "logistic l1": { task: "classification", make: () => new LogisticRegression({ penalty: "l1" }) },
  "linear ols": { task: "regression", make: () => new LinearRegression() },
  "ridge": { task: "regression", make: () => new LinearRegression({ penalty: "l2" }) },
  "lasso": { task: "regression", make: () => new LinearRegression({ penalty: "l1", alpha: 0.1 }) },
  "knn classifier k=5": { task: "classification", make: () => new KNNClassifier() },
  "knn regressor k=5": { task: "regression", make: () => new KNNRegressor() },
};

/**
 * Times fit and predict (probabilities for classifiers) of each model in `linearKnnModels`
 * on `data` after one untimed warm-up run; reports the median of `repeats` runs in CPU milliseconds.
 *
 * @example
 * const data = syntheticBenchData(16_000, 20, 0);
 * console.table(timeLinearKnn(data, { repeats: 3 }));
 */
export function timeLinearKnn(data: LinearKnnBenchData, { repeats = 3, models = Object.keys(linearKnnModels) } = {}): LinearKnnTiming[] {
  const out: LinearKnnTiming[] = [];
  for (const name of models) {
    const entry = linearKnnModels[name];
    const fits: number[] = [];
    const predicts: number[] = [];
    const y = entry.task === "classification" ? data.yClass : data.yReg;
    // One untimed run on a slice first, so the JIT has compiled the hot loops (a long-running
    // service sees warm code; a one-shot script pays roughly 2–4× on its first fit).
    const warm = entry.make().fit(data.X.selectRows(Int32Array.from({ length: Math.min(2000, data.X.nRows) }, (_, i) => i)), y.slice(0, 2000) as Label[]);
    warm.predict(data.Xtest.selectRows([0]));
    for (let r = 0; r < repeats; r++) {
      const m = entry.make();
      let t = cpuMs();
      m.fit(data.X, y as Label[]);
      fits.push(cpuMs() - t);
      t = cpuMs();
      if (m.predictProba) m.predictProba(data.Xtest);
      else m.predict(data.Xtest);
      predicts.push(cpuMs() - t);
    }
    out.push({ model: name, fitMs: median(fits), predictMs: median(predicts) });
  }
  return out;
}

/**
 * Seeded synthetic data: Gaussian features, on scales from 0.01 to 100 like raw columns
 * ("mixed", default) or all of scale 1 ("unit"); a binary label from a noisy linear score and
 * a numeric target from a sparse linear model plus noise.
 *
 * @example
 * const { X, yClass } = syntheticBenchData(1000, 5, 1);
 */
export function syntheticBenchData(
  nRows: number,
  nCols: number,
  seed: number,
  { nTest = nRows, scales: scaleKind = "mixed" }: { nTest?: number; scales?: "mixed" | "unit" } = {},
): LinearKnnBenchData {
  const rng = new Random(seed);
  const weights = Array.from({ length: nCols }, (_, j) => (j % 3 === 0 ? rng.normal() : 0));
  const scales = Array.from({ length: nCols }, (_, j) => (scaleKind === "unit" ? 1 : 10 ** ((j % 5) - 2)));
  const make = (n: number): { X: Matrix; yClass: Label[]; yReg: number[] } => {
    const data = new Float64Array(n * nCols);
    const yClass: Label[] = [];
    const yReg: number[] = [];
    for (let i = 0; i < n; i++) {
      let score = 0;
      for (let j = 0; j < nCols; j++) {
        const z = rng.normal();
        data[i * nCols + j] = z * scales[j];
        score += weights[j] * z;
      }
      yClass.push(score + rng.normal() > 0 ? 1 : 0);
      yReg.push(3 * score + rng.normal());
    }
    return { X: new Matrix(data, n, nCols), yClass, yReg };
  };
  const train = make(nRows);
  return { ...train, Xtest: make(nTest).X };
}

const SKLEARN = String.raw`
import json, sys, time, warnings
warnings.filterwarnings("ignore")  # convergence warnings: sklearn runs with its defaults, like ours
import numpy as np
from sklearn.linear_model import LogisticRegression, LinearRegression, Ridge, Lasso
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
d = json.load(open(sys.argv[1]))
X = np.array(d["X"]); Xt = np.array(d["Xtest"]); yc = np.array(d["yClass"]); yr = np.array(d["yReg"])
models = {
  "logistic l2": (lambda: LogisticRegression(), yc),
  "logistic l1": (lambda: LogisticRegression(penalty="l1", solver="saga"), yc),
  "linear ols": (lambda: LinearRegression(), yr),
  "ridge": (lambda: Ridge(alpha=1.0), yr),
  "lasso": (lambda: Lasso(alpha=0.1), yr),
  "knn classifier k=5": (lambda: KNeighborsClassifier(algorithm="brute", n_jobs=1), yc),
  "knn regressor k=5": (lambda: KNeighborsRegressor(algorithm="brute", n_jobs=1), yr),
}
out = []
for name, (make, y) in models.items():
    fits, preds = [], []
    for _ in range(int(sys.argv[2])):
        m = make(); t = time.process_time(); m.fit(X, y); fits.append(time.process_time() - t)
        t = time.process_time(); (m.predict_proba if hasattr(m, "predict_proba") else m.predict)(Xt); preds.append(time.process_time() - t)
    out.append({"model": name, "fitMs": 1000 * float(np.median(fits)), "predictMs": 1000 * float(np.median(preds))})
print(json.dumps(out))
`;

/** Runs the scikit-learn side on the same data with one thread (needs /usr/bin/python3 with sklearn). */
export function timeSklearn(data: LinearKnnBenchData, repeats = 3): LinearKnnTiming[] {
  const dir = mkdtempSync(join(tmpdir(), "understudy-bench-"));
  try {
    const file = join(dir, "data.json");
    writeFileSync(file, JSON.stringify({ X: data.X.toRows(), Xtest: data.Xtest.toRows(), yClass: data.yClass, yReg: data.yReg }));
    const script = join(dir, "bench.py");
    writeFileSync(script, SKLEARN);
    const env = { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
    return JSON.parse(execFileSync("/usr/bin/python3", [script, file, String(repeats)], { env, encoding: "utf8" }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const nRows = Number(process.argv[2] ?? 16_000);
  const nCols = Number(process.argv[3] ?? 20);
  for (const scales of ["mixed", "unit"] as const) {
    const data = syntheticBenchData(nRows, nCols, 0, { scales });
    const ours = timeLinearKnn(data);
    const theirs = timeSklearn(data);
    console.log(`${nRows} × ${nCols}, ${scales} scales, predict on ${data.Xtest.nRows} rows, median of 3, CPU milliseconds`);
    console.table(ours.map((o) => {
      const s = theirs.find((t) => t.model === o.model)!;
      return {
        model: o.model,
        fit: +o.fitMs.toFixed(1), "sklearn fit": +s.fitMs.toFixed(1), "fit ratio": +(o.fitMs / s.fitMs).toFixed(2),
        predict: +o.predictMs.toFixed(1), "sklearn predict": +s.predictMs.toFixed(1), "predict ratio": +(o.predictMs / s.predictMs).toFixed(2),
      };
    }));
  }
}
