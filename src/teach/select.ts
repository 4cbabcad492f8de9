import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { ProgressCallback } from "../core/progress.ts";
import { Random } from "../core/random.ts";
import { Matrix } from "../data/matrix.ts";
import type { MatrixLike } from "../data/matrix.ts";
import type { Estimator } from "../models/estimator.ts";
import { LogisticRegression } from "../models/logistic-regression.ts";

/** Options for {@link activeLearning}. */
export interface ActiveLearningOptions {
  /** Features of the pool of unlabeled rows (fitted on the pool only; no labels needed). */
  X: MatrixLike;
  /** Teacher labels to spend, in all. */
  budget: number;
  /** Asks the teacher for these pool rows; null for a row the teacher could not label. */
  label: (indices: number[]) => Promise<readonly (string | null)[]>;
  /** A fresh small classifier with predictProba. Default: logistic regression (L2, C = 1). */
  makeModel?: () => Estimator<string>;
  /** Rows labeled at random before the first model. Default min(budget, 20). */
  initial?: number;
  /** Rows chosen per round. Default max(5, budget / 10). */
  batchSize?: number;
  /** How uncertainty is scored from predictProba. Default "margin" (1 − (p₁ − p₂)). */
  uncertainty?: "margin" | "entropy";
  /** The batch is chosen by k-center greedy among this many times batchSize most uncertain rows. Default 5. */
  candidateFactor?: number;
  /** "uncertainty" (default) or "random" (the baseline: a seeded random sample of the same size). */
  strategy?: "uncertainty" | "random";
  /** Seed for the initial and the random picks. Default 0. */
  seed?: number;
  /** Called as labels are spent. */
  onProgress?: ProgressCallback;
  /** Called after every round with the labels so far and the model fitted on them (a learning curve). */
  onRound?: (round: ActiveLearningRound) => void;
}

/** The state after one round. */
export interface ActiveLearningRound {
  round: number;
  /** Pool indices sent to the teacher so far (labels spent). */
  indices: number[];
  labels: (string | null)[];
  /** The model fitted on the usable labels so far (undefined while fewer than two classes are seen). */
  model?: Estimator<string>;
}

/** What {@link activeLearning} returns. */
export interface ActiveLearningResult {
  indices: number[];
  labels: (string | null)[];
  rounds: number;
  model?: Estimator<string>;
}

/**
 * Spends a budget of teacher labels on the rows that teach the small model most, in rounds:
 * fit the model on the labels so far, score every unlabeled row's uncertainty (margin or
 * entropy of predictProba), take the most uncertain `candidateFactor × batchSize` rows, and
 * among them pick `batchSize` spread-out rows by k-center greedy (Euclidean, against rows
 * already labeled) so one round does not spend its labels on near-duplicates. Seeded: the
 * same inputs choose the same rows. `strategy: "random"` is the baseline.
 *
 * @example
 * const X = new TfidfVectorizer().fitTransform(texts);
 * const r = await activeLearning({ X, budget: 200, label: async (ix) => (await labelRows({ teacher, task, labels, rows: ix.map((i) => texts[i]) })).labels });
 * r.model?.predict(X);
 */
export async function activeLearning(options: ActiveLearningOptions): Promise<ActiveLearningResult> {
  const X = Matrix.from(options.X);
  const n = X.nRows;
  const budget = Math.min(options.budget, n);
  if (!Number.isInteger(options.budget) || options.budget < 1) throw new UnderstudyError("bad_option", messages.teach.activeLearningBudget(options.budget));
  if (typeof options.label !== "function") throw new UnderstudyError("bad_option", messages.teach.activeLearningLabel());
  const batchSize = options.batchSize ?? Math.max(5, Math.floor(budget / 10));
  const initial = Math.min(budget, options.initial ?? 20);
  const factor = options.candidateFactor ?? 5;
  const makeModel = options.makeModel ?? (() => new LogisticRegression({ penalty: "l2", C: 1 }) as Estimator<string>);
  const rng = new Random(options.seed ?? 0);
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i)) as number[];
  const indices: number[] = [];
  const labels: (string | null)[] = [];
  const taken = new Uint8Array(n);
  let model: Estimator<string> | undefined;
  let round = 0;

  const spend = async (chosen: number[]): Promise<void> => {
    const got = await options.label(chosen);
    if (got.length !== chosen.length) throw new UnderstudyError("length_mismatch", messages.teach.activeLearningLabelCount(got.length, chosen.length));
    chosen.forEach((i, k) => { indices.push(i); labels.push(got[k]); taken[i] = 1; });
    const usable = indices.filter((_, k) => labels[k] !== null);
    const y = labels.filter((l): l is string => l !== null);
    model = new Set(y).size >= 2 ? makeModel().fit(X.selectRows(usable), y) : undefined;
    round++;
    options.onRound?.({ round, indices: [...indices], labels: [...labels], model });
    options.onProgress?.({ phase: "active-learning", done: indices.length, total: budget, message: `round ${round}: ${indices.length}/${budget} labels` });
  };

  await spend(order.slice(0, initial));
  let cursor = initial;
  while (indices.length < budget) {
    const size = Math.min(batchSize, budget - indices.length);
    let chosen: number[];
    if (options.strategy === "random" || !model?.predictProba) {
      chosen = [];
      while (chosen.length < size && cursor < n) { const i = order[cursor++]; if (!taken[i]) chosen.push(i); }
    } else {
      chosen = chooseBatch(X, model, taken, size, factor, options.uncertainty ?? "margin");
    }
    if (chosen.length === 0) break;
    await spend(chosen);
  }
  return { indices, labels, rounds: round, model };
}

function chooseBatch(X: Matrix, model: Estimator<string>, taken: Uint8Array, size: number, factor: number, kind: "margin" | "entropy"): number[] {
  const pool: number[] = [];
  for (let i = 0; i < X.nRows; i++) if (!taken[i]) pool.push(i);
  const proba = model.predictProba!(X.selectRows(pool));
  const score = proba.map((p) => {
    if (kind === "entropy") return -p.reduce((s, q) => s + (q > 0 ? q * Math.log(q) : 0), 0);
    const sorted = [...p].sort((a, b) => b - a);
    return 1 - (sorted[0] - (sorted[1] ?? 0));
  });
  // Ties (equal scores) resolve by pool position, so the choice is deterministic.
  const ranked = pool.map((_, k) => k).sort((a, b) => score[b] - score[a] || a - b).slice(0, size * factor).map((k) => pool[k]);
  const labeled: number[] = [];
  for (let i = 0; i < X.nRows; i++) if (taken[i]) labeled.push(i);
  const dist = (a: number, b: number): number => {
    const ra = X.row(a), rb = X.row(b);
    let s = 0;
    for (let j = 0; j < ra.length; j++) { const d = ra[j] - rb[j]; s += d * d; }
    return s;
  };
  const nearest = ranked.map((c) => labeled.reduce((m, l) => Math.min(m, dist(c, l)), Infinity));
  const chosen: number[] = [];
  while (chosen.length < Math.min(size, ranked.length)) {
    let best = -1;
    for (let k = 0; k < ranked.length; k++) if (nearest[k] >= 0 && (best < 0 || nearest[k] > nearest[best])) best = k;
    chosen.push(ranked[best]);
    nearest[best] = -1;
    ranked.forEach((c, k) => { if (nearest[k] >= 0) nearest[k] = Math.min(nearest[k], dist(c, ranked[best])); });
  }
  return chosen;
}
