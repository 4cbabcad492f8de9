// Active learning vs random sampling on real e-mails (SpamAssassin), with the gold labels
// standing in for the LLM teacher through a functionTeacher and labelRows.
// Run: npx tsx bench/active-learning.ts [poolSize=2000] [budget=400] [seeds=3]
import { setLogger } from "../src/core/logger.ts";
import { LogisticRegression } from "../src/models/logistic-regression.ts";
import { TfidfVectorizer } from "../src/features/tfidf.ts";
import { functionTeacher } from "../src/llm/function-teacher.ts";
import { labelRows } from "../src/teach/label-rows.ts";
import { activeLearning } from "../src/teach/select.ts";
import { promptRows } from "../test/teach/prompt-rows.ts";
import { spamSample } from "../test/features/spam-sample.ts";

setLogger({ warn: () => {} }); // solver iteration warnings would flood the table
const poolSize = Number(process.argv[2] ?? 2000);
const budget = Number(process.argv[3] ?? 400);
const seeds = Number(process.argv[4] ?? 3);
const testSize = 1000;
const emails = spamSample(poolSize + testSize, 42, 1500);
const pool = emails.slice(0, poolSize);
const test = emails.slice(poolSize);
const gold = new Map(emails.map((e) => [e.text, e.label]));

// The stand-in teacher: reads the delimited rows out of the prompt and answers with gold labels.
const teacher = functionTeacher((req) => ({
  answers: promptRows(req.messages).filter((r) => r.label === undefined).map((r) => ({ id: r.id, label: gold.get(r.content) ?? "unsure", confidence: 1 })),
}));

const tfidf = new TfidfVectorizer({ maxFeatures: 1000, minDf: 3, sublinearTf: true }).fit(pool.map((e) => e.text));
const X = tfidf.transform(pool.map((e) => e.text));
const Xtest = tfidf.transform(test.map((e) => e.text));
const testGold = test.map((e) => e.label);

const batchSize = 20;
const curve = (strategy: "uncertainty" | "random") => {
  const runs: Map<number, number>[] = [];
  return {
    runs,
    async run(seed: number) {
      const points = new Map<number, number>();
      await activeLearning({
        X, budget, initial: 20, batchSize, seed, strategy, makeModel: () => new LogisticRegression({ penalty: "l2", C: 10 }),
        label: async (ix) => (await labelRows({ teacher, task: "Is this email spam?", labels: ["spam", "ham"], rows: ix.map((i) => pool[i].text), batchSize: 10 })).labels,
        onRound: ({ indices, model }) => {
          if (!model) return;
          const p = model.predict(Xtest);
          points.set(indices.length, p.filter((y, i) => y === testGold[i]).length / p.length);
        },
      });
      runs.push(points);
    },
    mean(labels: number) {
      return runs.reduce((s, r) => s + (r.get(labels) ?? NaN), 0) / runs.length;
    },
  };
};

const t0 = performance.now();
const active = curve("uncertainty");
const random = curve("random");
for (let s = 0; s < seeds; s++) { await active.run(s); await random.run(s); }
const seconds = (performance.now() - t0) / 1000;

console.log(`Active learning vs random sampling — SpamAssassin, pool ${poolSize}, held-out ${testSize}, TF-IDF ${X.nCols} terms, logistic regression (C = 10)`);
console.log(`Teacher: functionTeacher answering with the gold labels (stand-in for an LLM). Agreement = share of held-out e-mails where the small model matches the teacher. Mean of ${seeds} seeds.`);
console.log("");
console.log("labels | random | active (margin + k-center)");
console.log("------ | ------ | --------------------------");
const grid = [...active.runs[0].keys()].sort((a, b) => a - b);
for (const n of grid) console.log(`${String(n).padStart(6)} | ${random.mean(n).toFixed(3)}  | ${active.mean(n).toFixed(3)}`);
console.log("");
console.log("Labels saved at equal agreement (fewest labels at which active reaches random's agreement):");
for (const n of grid.filter((g) => g >= 100 && (g % 100 === 0 || g === grid.at(-1)))) {
  const target = random.mean(n);
  const needed = grid.find((m) => active.mean(m) >= target);
  console.log(`  random with ${n} labels: ${target.toFixed(3)} → active needs ${needed ?? "> " + budget} (${needed ? `${n - needed} saved, ${(100 * (n - needed) / n).toFixed(0)}%` : "not reached"})`);
}

// Calls saved by asking several rows per call (same rows, same answers).
const rows = pool.slice(0, 200).map((e) => e.text);
const one = await labelRows({ teacher, task: "Is this email spam?", labels: ["spam", "ham"], rows, batchSize: 1 });
const ten = await labelRows({ teacher, task: "Is this email spam?", labels: ["spam", "ham"], rows, batchSize: 10 });
const same = one.labels.every((l, i) => l === ten.labels[i]);
console.log("");
console.log(`Batching: 200 rows → ${one.calls} calls at 1 row/call, ${ten.calls} calls at 10 rows/call (${(100 * (1 - ten.calls / one.calls)).toFixed(0)}% fewer; identical labels: ${same}).`);
console.log(`(${seconds.toFixed(1)} s for the curves)`);
