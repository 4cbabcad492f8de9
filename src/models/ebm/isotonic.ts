/**
 * Weighted isotonic regression (pool adjacent violators): the non-decreasing sequence
 * closest to `values` in weighted squared error. Used to make a shape function monotone.
 *
 * @example
 * isotonic(Float64Array.from([1, 3, 2, 4]), Float64Array.from([1, 1, 1, 1])); // Float64Array [1, 2.5, 2.5, 4]
 */
export function isotonic(values: Float64Array, weights: Float64Array): Float64Array {
  const n = values.length;
  const mean: number[] = [];
  const weight: number[] = [];
  const size: number[] = [];
  for (let i = 0; i < n; i++) {
    mean.push(values[i]);
    weight.push(weights[i]);
    size.push(1);
    // Merge the last two blocks while they are out of order.
    while (mean.length > 1 && mean[mean.length - 2] > mean[mean.length - 1]) {
      const w = weight[weight.length - 2] + weight[weight.length - 1];
      const m = w > 0
        ? (mean[mean.length - 2] * weight[weight.length - 2] + mean[mean.length - 1] * weight[weight.length - 1]) / w
        : (mean[mean.length - 2] + mean[mean.length - 1]) / 2;
      const s = size[size.length - 2] + size[size.length - 1];
      mean.length -= 1; weight.length -= 1; size.length -= 1;
      mean[mean.length - 1] = m;
      weight[weight.length - 1] = w;
      size[size.length - 1] = s;
    }
  }
  const out = new Float64Array(n);
  let i = 0;
  mean.forEach((m, b) => {
    for (let r = 0; r < size[b]; r++) out[i++] = m;
  });
  return out;
}
