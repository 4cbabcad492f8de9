import type { Objective } from "./lbfgs.ts";

/** The data a logistic objective is built from (standardized features). */
export interface LogisticProblem {
  /** Standardized features, n × p row-major. */
  Z: Float64Array;
  n: number;
  p: number;
  /** Class code per row (0..nClasses-1). */
  codes: Int32Array;
  nClasses: number;
  /** Per-row weight (sample weight × class weight). */
  weights: Float64Array;
  /** Feature scales used to standardize; the penalty is mapped back to raw-scale coefficients. */
  scales: Float64Array;
  penalty: "l2" | "l1" | "none";
  C: number;
  fitIntercept: boolean;
}

/**
 * Builds the objective (mean weighted log loss + raw-scale penalty / (C·Σw)) over the
 * parameters θ = [W (K × p row-major), b (K)], where K = 1 for two classes (binary
 * logistic, one row for class 1) and K = nClasses for softmax. Its minimizer equals
 * scikit-learn's: coefficients on the raw scale are W[k][j] / scales[j]. Also returns the
 * L1 weights (per θ entry, 0 for intercepts) when penalty is "l1".
 *
 * @example
 * const { objective, size } = logisticObjective(problem);
 * minimizeLbfgs(objective, new Float64Array(size), { maxIter: 100, tol: 1e-4 });
 */
export function logisticObjective(problem: LogisticProblem): { objective: Objective; size: number; l1?: Float64Array } {
  const { Z, n, p, codes, nClasses, weights, scales, penalty, C, fitIntercept } = problem;
  const K = nClasses === 2 ? 1 : nClasses;
  const size = K * p + K;
  let wSum = 0;
  for (let i = 0; i < n; i++) wSum += weights[i];
  const reg = penalty === "none" ? 0 : 1 / (C * wSum);
  const invScale2 = new Float64Array(p);
  for (let j = 0; j < p; j++) invScale2[j] = 1 / (scales[j] * scales[j]);
  const z = new Float64Array(K);

  const objective: Objective = (theta, grad) => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (w === 0) continue;
      const o = i * p;
      for (let k = 0; k < K; k++) {
        let s = theta[K * p + k];
        const wo = k * p;
        for (let j = 0; j < p; j++) s += theta[wo + j] * Z[o + j];
        z[k] = s;
      }
      const y = codes[i];
      if (K === 1) {
        const t = z[0];
        // log(1 + e^t) without overflow.
        const softplus = t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
        loss += w * (softplus - (y === 1 ? t : 0));
        const prob = t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
        z[0] = w * (prob - y);
      } else {
        let max = -Infinity;
        for (let k = 0; k < K; k++) if (z[k] > max) max = z[k];
        let sum = 0;
        for (let k = 0; k < K; k++) sum += Math.exp(z[k] - max);
        const lse = max + Math.log(sum);
        loss += w * (lse - z[y]);
        for (let k = 0; k < K; k++) z[k] = w * (Math.exp(z[k] - lse) - (k === y ? 1 : 0));
      }
      for (let k = 0; k < K; k++) {
        const r = z[k];
        const wo = k * p;
        for (let j = 0; j < p; j++) grad[wo + j] += r * Z[o + j];
        grad[K * p + k] += r;
      }
    }
    const inv = 1 / wSum;
    loss *= inv;
    for (let q = 0; q < size; q++) grad[q] *= inv;
    if (!fitIntercept) for (let k = 0; k < K; k++) grad[K * p + k] = 0;
    if (penalty === "l2") {
      for (let k = 0; k < K; k++) {
        for (let j = 0; j < p; j++) {
          const c = theta[k * p + j];
          loss += 0.5 * reg * c * c * invScale2[j];
          grad[k * p + j] += reg * c * invScale2[j];
        }
      }
    }
    return loss;
  };

  if (penalty !== "l1") return { objective, size };
  const l1 = new Float64Array(size);
  for (let k = 0; k < K; k++) for (let j = 0; j < p; j++) l1[k * p + j] = reg / scales[j];
  return { objective, size, l1 };
}
