// TreeSHAP timing: a random forest of 100 trees of depth 8 explains 1,000 rows.
// Run: npx tsx bench/tree-shap.ts
import { Random } from "../src/core/random.ts";
import { Matrix } from "../src/data/matrix.ts";
import { RandomForestClassifier } from "../src/models/random-forest-classifier.ts";
import { treeShap } from "../src/explain/tree-shap.ts";

const nRows = 5000;
const nFeatures = 20;
const rng = new Random(0);
const data = new Float64Array(nRows * nFeatures);
const y: string[] = [];
for (let i = 0; i < nRows; i++) {
  for (let j = 0; j < nFeatures; j++) data[i * nFeatures + j] = rng.normal();
  const r = data.subarray(i * nFeatures, (i + 1) * nFeatures);
  // A noisy non-linear rule so the trees grow to full depth.
  y.push(r[0] * r[1] + Math.sin(3 * r[2]) + 0.5 * r[3] + 0.3 * rng.normal() > 0 ? "yes" : "no");
}
const X = new Matrix(data, nRows, nFeatures);
const t0 = performance.now();
const forest = new RandomForestClassifier({ nEstimators: 100, maxDepth: 8, seed: 0 }).fit(X, y);
const fitMs = performance.now() - t0;
const rows = X.selectRows(Int32Array.from({ length: 1000 }, (_, i) => i));
const leaves = forest.trees.reduce((a, t) => a + t.left.filter((v) => v === -1).length, 0);

treeShap(forest, rows.selectRows([0, 1, 2])); // warm-up
const cpu0 = process.cpuUsage();
const times: number[] = [];
let result = treeShap(forest, rows);
for (let rep = 0; rep < 3; rep++) {
  const s = performance.now();
  result = treeShap(forest, rows);
  times.push(performance.now() - s);
}
const cpuMs = process.cpuUsage(cpu0).user / 1000 / 4;
times.sort((a, b) => a - b);
// Additivity check on the benchmark itself.
const proba = forest.predictProba(rows);
let maxErr = 0;
for (let i = 0; i < rows.nRows; i++) {
  for (let k = 0; k < 2; k++) {
    let s = result.expected[k];
    for (let f = 0; f < nFeatures; f++) s += result.values[i][f][k];
    maxErr = Math.max(maxErr, Math.abs(s - proba[i][k]));
  }
}
console.log(`forest: 100 trees, maxDepth 8, ${leaves} leaves in all, fitted on ${nRows} × ${nFeatures} in ${fitMs.toFixed(0)} ms`);
console.log(`treeShap: 1,000 rows explained in ${times[1].toFixed(0)} ms (median of 3; min ${times[0].toFixed(0)}, max ${times[2].toFixed(0)})`);
console.log(`treeShap CPU time per run: ${cpuMs.toFixed(0)} ms (mean of 4; wall time suffers on a loaded machine, CPU time less)`);
console.log(`additivity: max |expected + Σφ − predictProba| = ${maxErr.toExponential(2)}`);
console.log(`node ${process.version}`);
