// Distill from a file bigger than memory through DuckDB (sample: 200,000 rows, model "tree"),
// and score the whole file with `understudy score`. Make the file first (never commit it):
//   npx tsx bench/big-file-make.ts                     # /tmp/understudy-big/big.csv (1.5 GB, 12M rows) + big.parquet
// Then, for peak memory and time:
//   /usr/bin/time -v node --import tsx bench/big-file.ts distill /tmp/understudy-big/big.csv
//   /usr/bin/time -v node --import tsx bin/understudy.js score --model /tmp/understudy-big/model.json \
//       --data /tmp/understudy-big/big.csv --out /tmp/understudy-big/scored.parquet
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { distill } from "../src/index.ts";

const [what = "distill", data = "/tmp/understudy-big/big.csv", sample = "200000"] = process.argv.slice(2);
if (what !== "distill") throw new Error(`unknown step ${what}: use distill`);
const started = performance.now();
const u = await distill({
  data,
  sample: Number(sample),
  task: "Will this customer default?",
  labels: ["default", "repaid"],
  target: "outcome",
  teacher: false,
  model: "tree",
  seed: 0,
  onProgress: (e) => { if (e.done === e.total) console.error(`${((performance.now() - started) / 1000).toFixed(1)} s  ${e.phase}: ${e.message ?? ""}`); },
});
const seconds = (performance.now() - started) / 1000;
const out = join(dirname(data), "model.json");
writeFileSync(out, JSON.stringify(u.toJSON()));
console.log(`distilled from a ${sample}-row sample of ${data} in ${seconds.toFixed(1)} s; test accuracy ${(u.metrics.vsGold?.accuracy ?? NaN).toFixed(4)}; wrote ${out}`);
