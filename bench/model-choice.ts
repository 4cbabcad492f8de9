// The model choice (stage 6, fitCandidates) timed: wall, CPU of the whole process (every
// thread), and of the main thread alone (Linux: /proc/thread-self/stat); with one worker the
// busiest thread is the larger of the main thread's and the rest. Each family's line says when
// (wall) its tuning finished: the families' fits run together, longest first.
// Run: npx tsx bench/model-choice.ts [rows=10000] [model=auto] [repeats=1] [workers=default]
//   npx tsx bench/model-choice.ts 10000 auto 3 0   # every fit on the main thread (the sequential path)
//   npx tsx bench/model-choice.ts 10000 auto 3     # 10,000 × 20, every family (issue 14: < 30 s)
//   npx tsx bench/model-choice.ts 100000 auto      # what "auto" costs on 100,000 rows
//   npx tsx bench/model-choice.ts 160000 tree      # the tree family on the 1.5 GB file's 160,000 labelled rows
// The rows are a seeded synthetic credit table shaped like bench/big-file-make.ts's (14 numeric
// columns, 6 categorical, 2% missing in one), labelled by a noisy rule; the same arguments give
// the same rows. Timed from the data in memory: featurizing inside each fold, every family's
// grid over the folds, the refit of the chosen model and of the runner-up.
import { readFileSync } from "node:fs";
import { Random } from "../src/core/random.ts";
import { inferSchema } from "../src/data/infer-schema.ts";
import { fitCandidates } from "../src/distill/fit-candidates.ts";
import { foldFeaturizer } from "../src/distill/fold-featurizer.ts";
import { Featurizer } from "../src/features/featurizer.ts";
import type { ModelChoice } from "../src/understudy/choose-model.ts";

const [rowsArg = "10000", modelArg = "auto", repeatsArg = "1", workersArg] = process.argv.slice(2);
const n = Number(rowsArg);
const model = modelArg as ModelChoice;
const repeats = Number(repeatsArg);
const workers = workersArg === undefined ? undefined : Number(workersArg);

type Row = Record<string, unknown>;

function creditRows(count: number, seed: number): { rows: Row[]; y: string[] } {
  const rng = new Random(seed);
  const pick = <T>(xs: readonly T[]) => xs[rng.int(xs.length)];
  const rows: Row[] = [];
  const y: string[] = [];
  for (let i = 0; i < count; i++) {
    const debt = rng.next() * 0.9;
    const late = Math.floor(rng.next() * rng.next() * 9);
    const income = 15000 + rng.next() * 135000;
    const region = pick(["north", "south", "east", "west", "central", "coast", "hills", "islands"]);
    const row: Row = {
      age: 18 + rng.int(60), income: Math.round(income * 100) / 100, debt_ratio: Math.round(debt * 1e4) / 1e4,
      region, plan: pick(["basic", "plus", "premium"]), tenure_months: rng.int(240), late_payments: late,
      score_a: Math.round(rng.next() * 1e5) / 1e3, score_b: rng.next() < 0.02 ? null : Math.round((rng.next() * 50 - 25) * 1e3) / 1e3,
      has_card: rng.next() < 0.4, city: `city_${rng.int(12)}`, channel: pick(["branch", "online", "phone", "partner"]),
      email_domain: `mail${rng.int(6)}.example.org`, segment: pick(["a", "b", "c", "d", "e"]),
    };
    for (let k = 0; k < 6; k++) row[`x${k}`] = Math.round(rng.normal() * 1e4) / 1e4;
    const risky = (debt > 0.55 && late >= 2) || (income < 28500 && debt > 0.5) || (region === "islands" && (row.x0 as number) > 1) || rng.next() < 0.05;
    rows.push(row);
    y.push(risky ? "default" : "repaid");
  }
  return { rows, y };
}

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
/** CPU seconds of the calling thread: utime + stime (fields 14, 15 of /proc/thread-self/stat, in clock ticks of 1/100 s). */
const threadCpu = () => {
  const fields = readFileSync("/proc/thread-self/stat", "utf8").replace(/^.*\) /, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const { rows, y } = creditRows(n, 7);
const schema = inferSchema(rows);
const features = schema.columns.map((c) => c.name);
console.log(`${n} rows × ${features.length} columns (${schema.columns.map((c) => c.role).join(",")}), model "${model}"`);

// Warm-up on a slice, untimed, so V8 has compiled the hot code.
await run(rows.slice(0, 1000), y.slice(0, 1000), true);
for (let r = 0; r < repeats; r++) await run(rows, y, false);

async function run(rs: Row[], ys: string[], quiet: boolean): Promise<void> {
  const fitted = new Featurizer({ schema, features, text: [] }).fit(rs);
  const start = cpu();
  const mainStart = threadCpu();
  const wall = performance.now();
  const seconds = () => ((performance.now() - wall) / 1000).toFixed(2);
  const { choice } = await fitCandidates({
    kind: "classification", model, seed: 0, labelled: { rows: rs, y: ys },
    featurizerOn: foldFeaturizer(fitted, rs, []),
    ...(workers === undefined ? {} : { workers }),
    onProgress: (done, total, message) => {
      if (!quiet && done > 0) console.log(`  ${seconds()} s: ${message.slice(0, 90)}`);
    },
  });
  if (quiet) return;
  const nFeatures = fitted.transform(rs.slice(0, 1)).nCols;
  const total = cpu() - start;
  const main = threadCpu() - mainStart;
  console.log(`CPU ${total.toFixed(2)} s (main thread ${main.toFixed(2)}, other threads ${(total - main).toFixed(2)}), wall ${seconds()} s; ${nFeatures} features; chose ${choice.chosen} (${choice.candidates.find((c) => c.chosen)!.folds} folds)`);
  for (const c of choice.candidates) console.log(`  ${c.name}: ${c.score.toFixed(4)} ± ${c.standardError.toFixed(4)} ${JSON.stringify(c.settings)}`);
}
