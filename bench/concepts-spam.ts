// Concept detectors + a small model vs TF-IDF alone, on real e-mails (SpamAssassin).
// The LLM is replaced by stand-ins: gold labels for the labels, and transparent keyword
// heuristics (test/features/spam-concepts.ts) for proposing and answering the concept questions.
// Run: npx tsx bench/concepts-spam.ts [trainSize=1500] [testSize=1000]
import { setLogger } from "../src/core/logger.ts";
import { Matrix } from "../src/data/matrix.ts";
import { ConceptDetectors } from "../src/features/concept-detectors.ts";
import { TfidfVectorizer } from "../src/features/tfidf.ts";
import { functionTeacher } from "../src/llm/function-teacher.ts";
import { DecisionTreeClassifier } from "../src/models/decision-tree-classifier.ts";
import { LogisticRegression } from "../src/models/logistic-regression.ts";
import { answerConcepts } from "../src/teach/answer-concepts.ts";
import { proposeConcepts } from "../src/teach/propose-concepts.ts";
import { heuristicAnswers, spamConceptHeuristics } from "../test/features/spam-concepts.ts";
import { spamSample } from "../test/features/spam-sample.ts";
import { promptRows } from "../test/teach/prompt-rows.ts";

setLogger({ warn: () => {} });
const trainSize = Number(process.argv[2] ?? 1500);
const testSize = Number(process.argv[3] ?? 1000);
const emails = spamSample(trainSize + testSize, 7, 2000);
const train = emails.slice(0, trainSize);
const test = emails.slice(trainSize);
const t0 = performance.now();

// Stand-in concept teacher: proposes the heuristic questions, answers them with the regexes.
const conceptTeacher = functionTeacher((req) => {
  if (req.schemaName === "concepts") return { concepts: spamConceptHeuristics.map((c) => ({ question: c.question })) };
  const questions = [...req.messages[0].content.matchAll(/^- (c\d+): (.*)$/gm)].map((m) => [m[1], m[2]]);
  return heuristicAnswers(promptRows(req.messages)[0].content, questions.map((q) => q[0]), questions.map((q) => q[1]));
}, { model: "keyword-heuristics (stand-in for an LLM)" });

const proposed = await proposeConcepts({ teacher: conceptTeacher, task: "Is this email spam?", labels: ["spam", "ham"], rows: train.map((e) => e.text), rowLabels: train.map((e) => e.label), k: 10 });
const answered = await answerConcepts({ teacher: conceptTeacher, concepts: proposed.concepts, rows: train.map((e) => e.text) });
const detectors = new ConceptDetectors({ column: "text", seed: 0 }).fit(train.map((e) => e.text), proposed.concepts, answered.answers);

const accuracy = (pred: string[]) => pred.filter((p, i) => p === test[i].label).length / test.length;
const hstack = (a: Matrix, b: Matrix) => Matrix.fromRows(a.toRows().map((r, i) => [...r, ...b.row(i)]));
const fit = (name: string, Xtr: Matrix, Xte: Matrix, model: "logistic" | "tree", nTrain = trainSize) => {
  const ytr = train.slice(0, nTrain).map((e) => e.label);
  const Xn = Xtr.selectRows(Array.from({ length: nTrain }, (_, i) => i));
  const m = model === "logistic" ? new LogisticRegression({ penalty: "l2", C: 10 }) : new DecisionTreeClassifier({ maxDepth: 4, minSamplesLeaf: 5, seed: 0 });
  m.fit(Xn, ytr);
  return { name, nTrain, features: Xtr.nCols, accuracy: accuracy(m.predict(Xte) as string[]) };
};

const tfidf = new TfidfVectorizer({ column: "text", ngramRange: [1, 2], minDf: 3, maxFeatures: 1000, sublinearTf: true }).fit(train.map((e) => e.text));
const Ttr = tfidf.transform(train.map((e) => e.text));
const Tte = tfidf.transform(test.map((e) => e.text));
const Ctr = detectors.transform(train.map((e) => e.text));
const Cte = detectors.transform(test.map((e) => e.text));
// The heuristics' own answers on test rows: what the concepts are worth if computed by the "LLM" itself.
const oracle = (rows: typeof test) => Matrix.fromRows(rows.map((e) => spamConceptHeuristics.map((c) => (c.pattern.test(e.text) ? 1 : 0))));

const results = [];
for (const n of [50, 200, trainSize]) {
  results.push(fit("TF-IDF alone → logistic", Ttr, Tte, "logistic", n));
  results.push(fit("concept detectors → logistic", Ctr, Cte, "logistic", n));
  results.push(fit("concept detectors → tree (depth 4)", Ctr, Cte, "tree", n));
  results.push(fit("TF-IDF + concepts → logistic", hstack(Ttr, Ctr), hstack(Tte, Cte), "logistic", n));
  results.push(fit("teacher's concept answers → logistic (needs the teacher at inference)", oracle(train), oracle(test), "logistic", n));
}
const seconds = (performance.now() - t0) / 1000;

console.log(`Concepts vs TF-IDF — SpamAssassin, ${trainSize} training / ${testSize} held-out e-mails (seeded sample), accuracy against the gold labels.`);
console.log("STAND-IN TEACHER: labels = gold labels; concept questions proposed and answered by transparent keyword heuristics, NOT an LLM.");
console.log("");
console.log("Detector agreement with the teacher's answers (held-out 25% of training rows):");
console.log("kept | detector | agreement | bal. acc. | yes-rate | question");
for (const q of detectors.quality) {
  console.log(`${q.kept ? "yes " : "no  "} | ${q.detector.padEnd(8)} | ${q.agreement.toFixed(3).padStart(9)} | ${q.balancedAccuracy.toFixed(3).padStart(9)} | ${q.positiveRate.toFixed(2).padStart(8)} | ${q.question}${q.reason ? ` (dropped: ${q.reason})` : ""}`);
}
console.log("");
console.log("Small models (held-out accuracy vs gold). 'training labels' = labeled rows the final model is fitted on; the concept");
console.log(`detectors are always trained on the teacher's concept answers for all ${trainSize} training rows (no labels needed for that).`);
console.log("training labels | features | accuracy | model");
for (const r of results) console.log(`${String(r.nTrain).padStart(15)} | ${String(r.features).padStart(8)} | ${r.accuracy.toFixed(3).padStart(8)} | ${r.name}`);
console.log("");
console.log(`Teacher calls: ${conceptTeacher.stats.teacherCalls} (1 proposal + one per training row for all ${proposed.concepts.length} questions at once). ${seconds.toFixed(1)} s.`);
