import { Random } from "../core/random.ts";

/**
 * A seeded sample of row indices with the labels as balanced as the data allow (round-robin
 * over labels), for the examples shown when asking the teacher to propose features.
 *
 * @example
 * sampleByLabel(["spam", "ham", "ham", "ham"], 2, 0); // one spam row and one ham row
 */
export function sampleByLabel(labels: readonly (string | null)[], size: number, seed = 0): number[] {
  const rng = new Random(seed);
  const groups = new Map<string, number[]>();
  labels.forEach((l, i) => { if (l !== null) groups.set(l, [...(groups.get(l) ?? []), i]); });
  const queues = [...groups.keys()].sort().map((k) => rng.shuffle(groups.get(k)!) as number[]);
  const out: number[] = [];
  for (let round = 0; out.length < size && queues.some((q) => round < q.length); round++) {
    for (const q of queues) if (round < q.length && out.length < size) out.push(q[round]);
  }
  return out;
}
