/**
 * The losses an EBM boosts, each on raw scores (n × nOutputs, row-major): squared error
 * (regression, one output), logistic (binary: one output, the log-odds of classes[1]) and
 * softmax cross-entropy (one output per class). `gradients` writes the weighted first and
 * second derivatives the Newton steps use; `loss` is the weighted mean the early stopping reads.
 */
export interface EBMLoss {
  readonly name: "squared_error" | "logistic" | "softmax";
  readonly nOutputs: number;
  gradients(s: Float64Array, y: Float64Array, w: Float64Array, g: Float64Array, h: Float64Array): void;
  loss(s: Float64Array, y: Float64Array, w: Float64Array): number;
}

/**
 * The loss for a task: regression, or a classifier with `nClasses` classes.
 *
 * @example
 * ebmLoss(2).name; // "logistic"
 */
export function ebmLoss(nClasses: number | undefined): EBMLoss {
  if (nClasses === undefined) return squaredError;
  if (nClasses === 2) return logistic;
  return softmax(nClasses);
}

const squaredError: EBMLoss = {
  name: "squared_error",
  nOutputs: 1,
  gradients(s, y, w, g, h) {
    for (let i = 0; i < y.length; i++) {
      g[i] = w[i] * (s[i] - y[i]);
      h[i] = w[i];
    }
  },
  loss(s, y, w) {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const r = s[i] - y[i];
      sum += w[i] * r * r;
      total += w[i];
    }
    return sum / total;
  },
};

const logistic: EBMLoss = {
  name: "logistic",
  nOutputs: 1,
  gradients(s, y, w, g, h) {
    for (let i = 0; i < y.length; i++) {
      const p = sigmoid(s[i]);
      g[i] = w[i] * (p - y[i]);
      h[i] = w[i] * Math.max(p * (1 - p), 1e-16);
    }
  },
  loss(s, y, w) {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      // log(1 + e^-z) for the observed class's margin z, without overflow.
      const z = y[i] === 1 ? s[i] : -s[i];
      sum += w[i] * (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z)));
      total += w[i];
    }
    return sum / total;
  },
};

function softmax(K: number): EBMLoss {
  const p = new Float64Array(K);
  const probabilities = (s: Float64Array, i: number): void => {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, s[i * K + k]);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += p[k] = Math.exp(s[i * K + k] - max);
    for (let k = 0; k < K; k++) p[k] /= sum;
  };
  return {
    name: "softmax",
    nOutputs: K,
    gradients(s, y, w, g, h) {
      for (let i = 0; i < y.length; i++) {
        probabilities(s, i);
        for (let k = 0; k < K; k++) {
          g[i * K + k] = w[i] * (p[k] - (y[i] === k ? 1 : 0));
          h[i * K + k] = w[i] * Math.max(p[k] * (1 - p[k]), 1e-16);
        }
      }
    },
    loss(s, y, w) {
      let sum = 0;
      let total = 0;
      for (let i = 0; i < y.length; i++) {
        probabilities(s, i);
        sum -= w[i] * Math.log(Math.max(p[y[i]], 1e-300));
        total += w[i];
      }
      return sum / total;
    },
  };
}

/** 1 / (1 + e^-z), stable for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
