import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { Random } from "../core/random.ts";
import { Matrix } from "../data/matrix.ts";
import { inputRow, modelOutputs, outputNames, type FittedModel } from "./model-access.ts";

/** Model-agnostic Shapley values of one row against a baseline row. */
export interface ShapleyValues {
  outputs: string[];
  /** The model's outputs at the baseline row. */
  base: number[];
  /** `values[feature][k]`; base[k] + Σ_f values[f][k] equals the row's output k. */
  values: number[][];
  /** "exact" (every subset) or "sampled" (random permutations). */
  method: "exact" | "sampled";
}

/**
 * Baseline Shapley values for any model (Sundararajan & Najmi 2020): a feature "absent" from
 * a coalition takes the baseline row's value. Exact over all subsets up to `exactUpTo` (10)
 * features, else estimated from `nPermutations` (64) random orders seeded by `seed` (0)
 * (Štrumbelj & Kononenko 2014). Either way the values add up exactly to
 * output(x) − output(baseline). The baseline is required: there is no neutral default row.
 *
 * @example
 * shapleyValues(knn, row, { baseline: medians }).values.map((v) => v[1]);
 */
export function shapleyValues(
  model: FittedModel,
  x: ArrayLike<number>,
  options: { baseline: ArrayLike<number>; exactUpTo?: number; nPermutations?: number; seed?: number },
): ShapleyValues {
  const row = inputRow(model, x, "shapleyValues");
  if (!options?.baseline) throw new UnderstudyError("bad_option", messages.explain.noBaseline("shapleyValues"));
  const base = inputRow(model, options.baseline, "shapleyValues baseline");
  const F = row.length;
  const outputs = outputNames(model);
  if (F <= (options.exactUpTo ?? 10)) return exact(model, row, base, outputs);
  return sampled(model, row, base, outputs, options.nPermutations ?? 64, options.seed ?? 0);
}

function exact(model: FittedModel, row: Float64Array, base: Float64Array, outputs: string[]): ShapleyValues {
  const F = row.length;
  const S = 1 << F;
  const data = new Float64Array(S * F);
  for (let mask = 0; mask < S; mask++) for (let j = 0; j < F; j++) data[mask * F + j] = mask & (1 << j) ? row[j] : base[j];
  const out = modelOutputs(model, new Matrix(data, S, F));
  const K = out[0].length;
  // Shapley weight |S|!(F−|S|−1)!/F! for each coalition size.
  const fact = [1];
  for (let i = 1; i <= F; i++) fact.push(fact[i - 1] * i);
  const weight = Array.from({ length: F }, (_, s) => (fact[s] * fact[F - s - 1]) / fact[F]);
  const values = Array.from({ length: F }, () => new Array<number>(K).fill(0));
  for (let mask = 0; mask < S; mask++) {
    const size = popcount(mask);
    for (let j = 0; j < F; j++) {
      if (mask & (1 << j)) continue;
      const w = weight[size];
      const withJ = out[mask | (1 << j)];
      for (let k = 0; k < K; k++) values[j][k] += w * (withJ[k] - out[mask][k]);
    }
  }
  return { outputs, base: out[0], values, method: "exact" };
}

function sampled(model: FittedModel, row: Float64Array, base: Float64Array, outputs: string[], nPermutations: number, seed: number): ShapleyValues {
  const F = row.length;
  const rng = new Random(seed);
  // Each permutation walks from the baseline to x one feature at a time: F + 1 rows.
  const data = new Float64Array(nPermutations * (F + 1) * F);
  const orders: number[][] = [];
  for (let p = 0; p < nPermutations; p++) {
    const order = rng.shuffle(Array.from({ length: F }, (_, j) => j)) as number[];
    orders.push(order);
    const cur = Float64Array.from(base);
    data.set(cur, p * (F + 1) * F);
    order.forEach((j, step) => {
      cur[j] = row[j];
      data.set(cur, (p * (F + 1) + step + 1) * F);
    });
  }
  const out = modelOutputs(model, new Matrix(data, nPermutations * (F + 1), F));
  const K = out[0].length;
  const values = Array.from({ length: F }, () => new Array<number>(K).fill(0));
  orders.forEach((order, p) => {
    order.forEach((j, step) => {
      const before = out[p * (F + 1) + step];
      const after = out[p * (F + 1) + step + 1];
      for (let k = 0; k < K; k++) values[j][k] += (after[k] - before[k]) / nPermutations;
    });
  });
  return { outputs, base: out[0], values, method: "sampled" };
}

function popcount(v: number): number {
  let c = 0;
  while (v) {
    v &= v - 1;
    c++;
  }
  return c;
}
