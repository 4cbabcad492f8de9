import { describe, expect, it } from "vitest";
import { damerauLevenshtein } from "../../src/core/damerau-levenshtein.ts";
import { nearestName } from "../../src/core/nearest-name.ts";

describe("damerauLevenshtein", () => {
  it("counts a swap of two adjacent characters as one edit", () => {
    expect(damerauLevenshtein("lables", "labels")).toBe(1);
    expect(damerauLevenshtein("modle", "model")).toBe(1);
    // Plain Levenshtein would need two substitutions for each of these.
    expect(damerauLevenshtein("ab", "ba")).toBe(1);
  });

  it("counts insertions, deletions and substitutions", () => {
    expect(damerauLevenshtein("", "abc")).toBe(3);
    expect(damerauLevenshtein("distil", "distill")).toBe(1);
    expect(damerauLevenshtein("kitten", "sitting")).toBe(3);
    expect(damerauLevenshtein("same", "same")).toBe(0);
  });
});

describe("nearestName", () => {
  const flags = ["--model", "--data", "--out", "--format", "--labels", "--target"];

  it("finds the flag a typo meant", () => {
    expect(nearestName("--lables", flags)).toBe("--labels");
    expect(nearestName("--modle", flags)).toBe("--model");
    expect(nearestName("--fromat", flags)).toBe("--format");
    expect(nearestName("--Target", flags)).toBe("--target");
  });

  it("suggests nothing when no name is close", () => {
    expect(nearestName("--verbose", flags)).toBeUndefined();
    expect(nearestName("xyz", ["demo", "sql"])).toBeUndefined();
    expect(nearestName("x", [])).toBeUndefined();
  });
});
