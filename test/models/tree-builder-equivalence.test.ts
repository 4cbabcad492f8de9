import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { setSegmentKernel } from "../../src/models/tree/segment-arrays.ts";
import { equivalenceCases } from "./tree-equivalence-cases.ts";

// SHA-256 of JSON.stringify(model.toJSON()) for every case, recorded with the tree builder as it
// was before it learned to sort only the sampled features inside each node (commit 42443c2, which
// partitioned every feature's presorted rows at every split). The builder must still grow the
// same trees, bit for bit: same splits, thresholds, tie-breaks, missing-value routing, covers,
// values and impurities, and the same random feature draws for a seed.
const expected: Record<string, string> = JSON.parse(
  readFileSync(new URL("../fixtures/trees/builder-equivalence.json", import.meta.url), "utf8"),
);

describe("tree builder", () => {
  const cases = equivalenceCases();

  it("covers every recorded case", () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(expected).sort());
  });

  const hashOf = (c: (typeof cases)[number]) => createHash("sha256").update(JSON.stringify(withoutLaterDefaults(c.fit()))).digest("hex");

  it("grows the recorded trees and forests (wide sparse, narrow, 1,300-row sets; several seeds and options)", () => {
    const mismatched = cases.filter((c) => hashOf(c) !== expected[c.name]);
    expect(mismatched.map((c) => c.name)).toEqual([]);
  });

  it("grows the same trees with the presorted segments partitioned in JavaScript instead of WebAssembly", () => {
    const before = setSegmentKernel(false);
    try {
      const mismatched = cases.filter((c) => hashOf(c) !== expected[c.name]);
      expect(mismatched.map((c) => c.name)).toEqual([]);
    } finally {
      setSegmentKernel(before);
    }
  });
});

// Options added after the recording (monotone, default {}) are left out when at their default,
// so the recorded hashes still certify the trees themselves.
function withoutLaterDefaults(json: unknown): unknown {
  const j = json as { options?: Record<string, unknown> };
  if (!j.options || typeof j.options.monotone !== "object" || Object.keys(j.options.monotone as object).length > 0) return json;
  const { monotone: _, ...options } = j.options;
  return { ...j, options };
}
