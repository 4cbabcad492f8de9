// Pins fitted EBMs bit for bit: the SHA-256 of each model's JSON was computed on the code
// before the fit was sped up (commit 6a3e013). A faster fit must reproduce every term's
// scores exactly, so any change to these hashes is a change of the model, not of its speed.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/random.ts";
import { ExplainableBoostingClassifier, ExplainableBoostingRegressor } from "../../src/models/index.ts";

/** 6,000 rows × 6: a main effect, a bump, an interaction, a categorical-like column, 4% missing; more rows than FAST ranks on. */
function data(n = 6000): { X: number[][]; binary: string[]; three: string[]; value: number[]; weights: number[] } {
  const rng = new Random(11);
  const X: number[][] = [];
  const binary: string[] = [];
  const three: string[] = [];
  const value: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = [rng.normal(), rng.normal(), rng.normal(), rng.normal(), Math.floor(rng.next() * 5), rng.normal()];
    const z = r[0] + Math.sin(2 * r[1]) + r[2] * r[3] + 0.3 * r[4] + 0.5 * rng.normal();
    if (i % 25 === 3) r[1] = NaN;
    if (i % 40 === 7) r[5] = NaN;
    X.push(r);
    binary.push(z > 0.4 ? "yes" : "no");
    three.push(z > 1.2 ? "high" : z > -0.3 ? "mid" : "low");
    value.push(z);
    weights.push(1 + (i % 3));
  }
  return { X, binary, three, value, weights };
}

function hashOf(json: unknown): string {
  return createHash("sha256").update(JSON.stringify(json)).digest("hex").slice(0, 16);
}

describe("EBM fits are pinned bit for bit", () => {
  const { X, binary, three, value, weights } = data();
  const small = { maxRounds: 300, outerBags: 2, interactions: 3 };

  it("binary, with pairs, missing values and weights", () => {
    const m = new ExplainableBoostingClassifier(small).fit(X, binary, { sampleWeight: weights });
    expect(hashOf(m.toJSON())).toBe("77671953fed79232");
  });

  it("binary with a monotone constraint and another seed", () => {
    const m = new ExplainableBoostingClassifier({ ...small, seed: 3, monotone: { 0: "decreasing" } }).fit(X, binary);
    expect(hashOf(m.toJSON())).toBe("fb7f2b54fa27628c");
  });

  it("multiclass", () => {
    const m = new ExplainableBoostingClassifier({ ...small, maxRounds: 100 }).fit(X, three);
    expect(hashOf(m.toJSON())).toBe("981bfabd020674b8");
  });

  it("regression", () => {
    const m = new ExplainableBoostingRegressor({ ...small, maxBins: 64 }).fit(X, value, { sampleWeight: weights });
    expect(hashOf(m.toJSON())).toBe("513d8776e131de5d");
  });
});
