/**
 * Whether the first `count` values are all finite (no NaN, no ±∞). Why it is a sum: v·0 is 0
 * for a finite v and NaN otherwise, so one sum answers without a branch per value, in four
 * independent partial sums so the adds do not wait on each other.
 *
 * @example
 * allFinite(new Float64Array([1, 2, NaN])); // false
 */
export function allFinite(values: ArrayLike<number>, count = values.length): boolean {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < count; i += 4) {
    s0 += values[i] * 0; s1 += values[i + 1] * 0; s2 += values[i + 2] * 0; s3 += values[i + 3] * 0;
  }
  for (; i < count; i++) s0 += values[i] * 0;
  return s0 + s1 + s2 + s3 === 0;
}
