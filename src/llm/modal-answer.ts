import { canonicalJSON } from "./canonical-json.ts";

/**
 * Self-consistency over k samples: the most frequent answer (compared as canonical JSON; ties
 * go to the one seen first) and the share of samples that agree with it.
 *
 * @example
 * modalAnswer([{ label: "spam" }, { label: "ham" }, { label: "spam" }]);
 * // { answer: { label: "spam" }, agreement: 2 / 3, index: 0 }
 */
export function modalAnswer<T>(samples: T[]): { answer: T; agreement: number; index: number } {
  if (samples.length === 0) throw new RangeError("modalAnswer needs at least one sample");
  const counts = new Map<string, { count: number; index: number }>();
  samples.forEach((sample, index) => {
    const key = canonicalJSON(sample);
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { count: 1, index });
  });
  let best = { count: 0, index: 0 };
  for (const entry of counts.values()) if (entry.count > best.count) best = entry;
  return { answer: samples[best.index], agreement: best.count / samples.length, index: best.index };
}
