/**
 * Fit/predict timings of our trees and forests beside scikit-learn's, on the same data.
 *
 *   npx tsx bench/trees.ts            # 16,000 × 20 tree and forest, 1,000,000 × 10 tree
 *   npx tsx bench/trees.ts --quick    # 16,000 × 20 only
 *
 * The data are made by scikit-learn's make_classification (seeded) and written to /tmp as raw
 * float64, so both sides fit exactly the same rows. scikit-learn runs single-threaded
 * (n_jobs=1) with /usr/bin/python3.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { Matrix } from "../src/data/matrix.ts";
import type { Estimator, Label } from "../src/models/estimator.ts";
import { DecisionTreeClassifier } from "../src/models/decision-tree-classifier.ts";
import { RandomForestClassifier } from "../src/models/random-forest-classifier.ts";

/** One model's timing on one data set. */
export interface TreeTiming {
  model: string;
  /** Wall-clock fit time. */
  fitMs: number;
  /** CPU time of fit (user + system), steadier than wall time on a shared machine. */
  fitCpuMs: number;
  predictMs: number;
  accuracy: number;
}

/**
 * Times `fit` on the training rows and `predict` on the test rows, and scores accuracy.
 * Re-usable by the full benchmark table: pass any classifier.
 *
 * @example
 * timeClassifier("tree", new DecisionTreeClassifier(), Xtrain, ytrain, Xtest, ytest);
 */
export function timeClassifier<Y extends Label>(
  model: string,
  estimator: Estimator<Y>,
  Xtrain: Matrix,
  ytrain: ArrayLike<Y>,
  Xtest: Matrix,
  ytest: ArrayLike<Y>,
): TreeTiming {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  estimator.fit(Xtrain, ytrain);
  const t1 = performance.now();
  const cpu = process.cpuUsage(c0);
  const predicted = estimator.predict(Xtest);
  const t2 = performance.now();
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === ytest[i]) correct++;
  return { model, fitMs: t1 - t0, fitCpuMs: (cpu.user + cpu.system) / 1000, predictMs: t2 - t1, accuracy: correct / predicted.length };
}

const SKLEARN = `
import json, sys, time
import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier
n, p, n_test, path, models = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5].split(",")
X, y = make_classification(n_samples=n + n_test, n_features=p, n_informative=p // 2, n_redundant=p // 4,
                           n_classes=2, flip_y=0.05, random_state=0)
X.astype("<f8").tofile(path + ".X")
y.astype("<i4").tofile(path + ".y")
out = []
for name in models:
    m = DecisionTreeClassifier(random_state=0) if name == "tree" else RandomForestClassifier(n_estimators=100, n_jobs=1, random_state=0)
    c0 = time.process_time(); t0 = time.perf_counter(); m.fit(X[:n], y[:n]); t1 = time.perf_counter(); c1 = time.process_time()
    pred = m.predict(X[n:]); t2 = time.perf_counter()
    out.append({"model": name, "fitMs": (t1 - t0) * 1000, "fitCpuMs": (c1 - c0) * 1000, "predictMs": (t2 - t1) * 1000, "accuracy": float((pred == y[n:]).mean())})
print(json.dumps(out))
`;

/**
 * Makes the data with scikit-learn, times scikit-learn, then times ours on the same rows.
 *
 * @example
 * compareWithSklearn(16000, 20, ["tree", "forest"]);
 */
export function compareWithSklearn(n: number, p: number, models: ("tree" | "forest")[]): void {
  const nTest = Math.min(4000, Math.round(n / 4));
  mkdirSync("/tmp/understudy-bench-trees", { recursive: true });
  const path = `/tmp/understudy-bench-trees/${n}x${p}`;
  const sk = JSON.parse(
    execFileSync("/usr/bin/python3", ["-c", SKLEARN, String(n), String(p), String(nTest), path, models.join(",")], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    }),
  ) as TreeTiming[];
  const xb = readFileSync(path + ".X");
  const yb = readFileSync(path + ".y");
  const data = new Float64Array(xb.buffer.slice(xb.byteOffset, xb.byteOffset + xb.byteLength));
  const labels = Array.from(new Int32Array(yb.buffer.slice(yb.byteOffset, yb.byteOffset + yb.byteLength)));
  const Xtrain = new Matrix(data.subarray(0, n * p), n, p);
  const Xtest = new Matrix(data.subarray(n * p), nTest, p);
  for (const s of sk) {
    const est = s.model === "tree" ? new DecisionTreeClassifier({ seed: 0 }) : new RandomForestClassifier({ seed: 0 });
    const ours = timeClassifier(s.model, est, Xtrain, labels.slice(0, n), Xtest, labels.slice(n));
    console.log(
      `${n} × ${p} ${s.model.padEnd(6)} fit CPU ours ${ours.fitCpuMs.toFixed(0)} ms, sklearn ${s.fitCpuMs.toFixed(0)} ms ` +
        `(ratio ${(ours.fitCpuMs / s.fitCpuMs).toFixed(2)}; wall ${ours.fitMs.toFixed(0)} / ${s.fitMs.toFixed(0)} ms); predict ${ours.predictMs.toFixed(0)} / ${s.predictMs.toFixed(0)} ms; ` +
        `accuracy ${ours.accuracy.toFixed(4)} / ${s.accuracy.toFixed(4)}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  compareWithSklearn(16000, 20, ["tree", "forest"]);
  if (!process.argv.includes("--quick")) compareWithSklearn(1_000_000, 10, ["tree"]);
}
