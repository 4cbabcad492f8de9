// Synthetic loan applicants (not a test file): income (some missing), debt ratio and region,
// labelled good/bad by a logistic rule with seeded noise, so every run sees the same rows.
import { Random } from "../../src/core/random.ts";

export function creditRows(n: number, seed: number): Record<string, unknown>[] {
  const rng = new Random(seed);
  const regions = ["north", "south", "west"];
  return Array.from({ length: n }, (_, i) => {
    const income = Math.round(20 + 80 * rng.next());
    const debt = Math.round(100 * rng.next()) / 100;
    const region = regions[Math.floor(rng.next() * 3)];
    const missing = rng.next() < 0.08;
    const logit = 0.05 * (income - 60) - 3 * (debt - 0.5) + (region === "south" ? -0.8 : region === "north" ? 0.5 : 0);
    const label = rng.next() < 1 / (1 + Math.exp(-logit)) ? "good" : "bad";
    return { id: `a${seed}-${i}`, income: missing ? null : income, debt_ratio: debt, region, label };
  });
}
