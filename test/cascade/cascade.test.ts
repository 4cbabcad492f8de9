import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { cascadeFrontier } from "../../src/cascade/cascade-frontier.ts";
import { chooseCascadeThreshold } from "../../src/cascade/choose-cascade-threshold.ts";
import { UnderstudyError } from "../../src/core/errors.ts";

// Five validation rows worked out by hand, sorted by confidence:
//   conf 0.95 agree, 0.9 agree, 0.8 DISAGREE, 0.8 agree, 0.6 DISAGREE
const rows = {
  confidence: [0.8, 0.95, 0.6, 0.9, 0.8],
  student: ["b", "a", "a", "a", "a"],
  teacher: ["a", "a", "b", "a", "a"],
  gold: ["a", "a", "a", "a", "b"],
};

describe("cascadeFrontier", () => {
  it("lists every operating point with hand-computed coverage, agreement and accuracy", () => {
    const f = cascadeFrontier(rows);
    expect(f.map((p) => p.threshold)).toEqual([Infinity, 0.95, 0.9, 0.8, 0.6]);
    expect(f.map((p) => p.coverage)).toEqual([0, 0.2, 0.4, 0.8, 1]);
    // Teacher answers the rest and agrees with itself.
    expect(f.map((p) => p.agreement)).toEqual([1, 1, 1, 0.8, 0.6]);
    expect(f.map((p) => p.coveredAgreement)).toEqual([1, 1, 1, 0.75, 0.6]);
    // Gold: the teacher is right on rows 0,1,3 (of 0..4); the student on rows 1,2,3.
    // threshold 0.8 admits rows 1,3,0,4 → student right on 1,3; row 2 by teacher (wrong) → 2/5.
    expect(f.map((p) => p.accuracy)).toEqual([0.6, 0.6, 0.6, 0.4, 0.6]);
  });

  it("rejects mismatched lengths and empty input with clear errors", () => {
    expect(() => cascadeFrontier({ ...rows, teacher: ["a"] })).toThrow(messages.cascade.rowsLength(5, 5, 1, 5));
    expect(() => cascadeFrontier({ confidence: [], student: [], teacher: [] })).toThrow(UnderstudyError);
    expect(() => cascadeFrontier({ confidence: [], student: [], teacher: [] })).toThrow(messages.cascade.noRows());
  });
});

describe("chooseCascadeThreshold", () => {
  it("takes the largest coverage that meets the target agreement", () => {
    const c = chooseCascadeThreshold(rows, { targetAgreement: 0.8 });
    expect(c.threshold).toBe(0.8);
    expect(c.coverage).toBe(0.8);
    expect(c.met).toBe(true);
    expect(chooseCascadeThreshold(rows, { targetAgreement: 0.99 }).threshold).toBe(0.9);
  });

  it("sends everything to the teacher when no threshold meets the target", () => {
    const c = chooseCascadeThreshold(
      { confidence: [0.9, 0.8], student: ["a", "a"], teacher: ["b", "b"] },
      { targetAgreement: 0.9 },
    );
    expect(c.threshold).toBe(Infinity);
    expect(c.coverage).toBe(0);
    expect(c.met).toBe(false);
  });

  it("rejects a target outside (0, 1]", () => {
    expect(() => chooseCascadeThreshold(rows, { targetAgreement: 99 })).toThrow(messages.cascade.targetAgreement(99));
  });
});
