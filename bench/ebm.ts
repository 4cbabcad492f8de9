// EBM vs scikit-learn's HistGradientBoostingClassifier on the same rows: accuracy and fit time.
// Run: npx tsx bench/ebm.ts (needs /usr/bin/python3 with scikit-learn; sklearn runs on one thread).
// CPU seconds are reported beside wall seconds: on a shared machine they are the fair comparison.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Random } from "../src/core/random.ts";
import { ExplainableBoostingClassifier } from "../src/models/index.ts";

interface Split { name: string; Xtr: number[][]; ytr: string[]; Xte: number[][]; yte: string[] }

function synthetic(): Split {
  const rng = new Random(1);
  const X: number[][] = [];
  const y: string[] = [];
  for (let i = 0; i < 16000; i++) {
    const r = Array.from({ length: 20 }, () => rng.normal());
    const z = r[0] + Math.sin(2 * r[1]) + r[2] * r[3] - 0.5 * r[4] ** 2;
    X.push(r);
    y.push(rng.next() < 1 / (1 + Math.exp(-2 * z)) ? "b" : "a");
  }
  return { name: "synthetic 16000×20", Xtr: X.slice(0, 12000), ytr: y.slice(0, 12000), Xte: X.slice(12000), yte: y.slice(12000) };
}

function penguins(): Split {
  const rows = JSON.parse(readFileSync("node_modules/vega-datasets/data/penguins.json", "utf8")) as Record<string, unknown>[];
  const cols = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"];
  const order = new Random(0).shuffle(rows.map((_, i) => i)) as number[];
  const X = order.map((i) => cols.map((c) => (typeof rows[i][c] === "number" ? (rows[i][c] as number) : NaN)));
  const y = order.map((i) => String(rows[i].Species));
  const n = Math.floor(X.length * 0.75);
  return { name: `penguins ${X.length}×4`, Xtr: X.slice(0, n), ytr: y.slice(0, n), Xte: X.slice(n), yte: y.slice(n) };
}

const dir = mkdtempSync(join(tmpdir(), "ebm-bench-"));
try {
  console.log("| data | model | test accuracy | fit s (wall) | fit s (CPU) |\n|---|---|---|---|---|");
  for (const split of [synthetic(), penguins()]) {
    const file = join(dir, "data.json");
    writeFileSync(file, JSON.stringify(split, (_, v) => (typeof v === "number" && Number.isNaN(v) ? null : v)));
    const sk = JSON.parse(execFileSync("/usr/bin/python3", ["bench/ebm_sklearn.py", file], { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "1" } }));
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const m = new ExplainableBoostingClassifier({ seed: 0 }).fit(split.Xtr, split.ytr);
    const fit = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0).user / 1e6;
    const acc = m.predict(split.Xte).filter((p, i) => p === split.yte[i]).length / split.yte.length;
    console.log(`| ${split.name} | EBM (understudy, defaults) | ${acc.toFixed(3)} | ${fit.toFixed(2)} | ${cpu.toFixed(2)} |`);
    console.log(`| ${split.name} | HistGradientBoosting (sklearn ${sk.version}, 1 thread) | ${sk.accuracy.toFixed(3)} | ${sk.fit.toFixed(2)} | ${sk.cpu.toFixed(2)} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
