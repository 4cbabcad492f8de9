import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Random } from "../core/random.ts";
import { TfidfVectorizer } from "../features/tfidf.ts";
import type { SparseRow } from "../features/tfidf.ts";

/** How few-shot examples are chosen from the labeled pool. */
export type ExampleStrategy = "similarity" | "diversity" | "random";

// labelRows asks once per batch with the same pool array: fit its TF-IDF once.
const cache = new WeakMap<readonly string[], { tfidf: TfidfVectorizer; P: SparseRow[] }>();

function poolVectors(pool: readonly string[]): { tfidf: TfidfVectorizer; P: SparseRow[] } {
  let entry = cache.get(pool);
  if (!entry) {
    const tfidf = new TfidfVectorizer({ maxFeatures: 5000 }).fit(pool.map((t) => t || " "));
    entry = { tfidf, P: tfidf.transformSparse(pool) };
    cache.set(pool, entry);
  }
  return entry;
}

function cosine(a: SparseRow, b: SparseRow): number {
  let s = 0;
  let i = 0;
  let j = 0;
  while (i < a.indices.length && j < b.indices.length) {
    if (a.indices[i] === b.indices[j]) s += a.values[i++] * b.values[j++];
    else if (a.indices[i] < b.indices[j]) i++;
    else j++;
  }
  return s;
}

/**
 * Chooses `k` few-shot examples (indices into `pool`) for labeling `queries`.
 * "similarity": the pool texts with the highest TF-IDF cosine to any query (the nearest
 * neighbors of what is being labeled). "diversity": k-center greedy on TF-IDF cosine
 * distance from a seeded start, so the examples cover the pool. "random": a seeded sample.
 * TF-IDF (unigrams, stemmed) is fitted on the pool once per pool array and reused, so do
 * not modify the pool array between calls.
 *
 * @example
 * pickExamples(["cheap pills", "meeting at 3", "win money"], ["win cash now"], 1, "similarity"); // [2]
 */
export function pickExamples(
  pool: readonly string[],
  queries: readonly string[],
  k: number,
  strategy: ExampleStrategy = "similarity",
  seed = 0,
): number[] {
  if (!Number.isInteger(k) || k < 0) throw new UnderstudyError("bad_option", messages.teach.fewShotCount(k));
  const n = pool.length;
  if (k === 0 || n === 0) return [];
  if (k >= n) return pool.map((_, i) => i);
  const rng = new Random(seed);
  if (strategy === "random") return (rng.shuffle(pool.map((_, i) => i)) as number[]).slice(0, k).sort((a, b) => a - b);
  const { tfidf, P } = poolVectors(pool);
  if (strategy === "similarity") {
    const Q = tfidf.transformSparse(queries);
    const score = P.map((p) => Math.max(0, ...Q.map((q) => cosine(p, q))));
    return pool.map((_, i) => i).sort((a, b) => score[b] - score[a] || a - b).slice(0, k);
  }
  if (strategy !== "diversity") throw new UnderstudyError("bad_option", messages.teach.fewShotStrategy(strategy));
  const chosen = [rng.int(n)];
  const nearest = P.map((p) => 1 - cosine(p, P[chosen[0]]));
  while (chosen.length < k) {
    let best = -1;
    for (let i = 0; i < n; i++) if (best < 0 || nearest[i] > nearest[best]) best = i;
    chosen.push(best);
    P.forEach((p, i) => (nearest[i] = Math.min(nearest[i], 1 - cosine(p, P[best]))));
  }
  return chosen;
}
