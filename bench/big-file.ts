// Distill from a file bigger than memory through DuckDB (sample: 200,000 rows, model "tree"),
// and score the whole file with `understudy score`. Make the file first (never commit it):
//   npx tsx bench/big-file-make.ts                     # /tmp/understudy-big/big.csv (1.5 GB, 12M rows) + big.parquet
// Then, for peak memory and time:
//   /usr/bin/time -v node --import tsx bench/big-file.ts read /tmp/understudy-big/big.csv      # readBigFile alone (+ the SHA-256 beside it)
//   /usr/bin/time -v node --import tsx bench/big-file.ts distill /tmp/understudy-big/big.csv
//   /usr/bin/time -v node --import tsx bench/big-file.ts distill /tmp/understudy-big/big.csv 200000 auto   # every family (writes model-auto.json)
//   /usr/bin/time -v node --import tsx bin/understudy.js score --model /tmp/understudy-big/model.json \
//       --data /tmp/understudy-big/big.csv --out /tmp/understudy-big/scored.parquet
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileSha256 } from "../src/data/file-sha256.ts";
import { readBigFile } from "../src/data/read-big-file.ts";
import { distill } from "../src/index.ts";

const [what = "distill", data = "/tmp/understudy-big/big.csv", sample = "200000", model = "tree"] = process.argv.slice(2);
if (model !== "tree" && model !== "auto") throw new Error(`unknown model ${model}: use tree or auto`);
if (what !== "distill" && what !== "read") throw new Error(`unknown step ${what}: use distill or read`);
const started = performance.now();
if (what === "read") {
  // What `understudy distill --sample` does before fitting: the sample and the file's SHA-256, side by side.
  const [table, sha256] = await Promise.all([readBigFile(data, { sample: Number(sample), seed: 0 }), fileSha256(data)]);
  const cpu = process.cpuUsage();
  const ids = table.array(table.columnNames()[0]) as ArrayLike<unknown>;
  console.log(`read a ${table.numRows()}-row sample of ${data} in ${((performance.now() - started) / 1000).toFixed(1)} s wall, ` +
    `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU; first column's first values ${Array.from(ids).slice(0, 5).join(", ")}; sha256 ${sha256.slice(0, 12)}…`);
  process.exit(0);
}
const u = await distill({
  data,
  sample: Number(sample),
  task: "Will this customer default?",
  labels: ["default", "repaid"],
  target: "outcome",
  teacher: false,
  model,
  seed: 0,
  onProgress: (e) => { if (e.done === e.total) console.error(`${((performance.now() - started) / 1000).toFixed(1)} s  ${e.phase}: ${e.message ?? ""}`); },
});
const seconds = (performance.now() - started) / 1000;
const out = join(dirname(data), model === "tree" ? "model.json" : `model-${model}.json`);
writeFileSync(out, JSON.stringify(u.toJSON()));
console.log(`distilled from a ${sample}-row sample of ${data} in ${seconds.toFixed(1)} s; test accuracy ${(u.metrics.vsGold?.accuracy ?? NaN).toFixed(4)}; wrote ${out}`);
