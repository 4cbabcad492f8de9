import { describe, expect, it } from "vitest";
import { UnderstudyError } from "../../src/core/errors.ts";
import { messages } from "../../src/core/messages/index.ts";
import { forwardFolds } from "../../src/evaluate/forward-folds.ts";

describe("forwardFolds (out-of-time, expanding window)", () => {
  it("cuts 12 rows in time order into 4 blocks and validates each block on the blocks before it", () => {
    // Rows given out of order: row i has time 11 − i, so the earliest rows are the last indices.
    const times = Array.from({ length: 12 }, (_, i) => 11 - i);
    expect(forwardFolds(times, 3)).toEqual([
      { train: [9, 10, 11], test: [6, 7, 8] },
      { train: [6, 7, 8, 9, 10, 11], test: [3, 4, 5] },
      { train: [3, 4, 5, 6, 7, 8, 9, 10, 11], test: [0, 1, 2] },
    ]);
  });

  it("keeps equal times in one block: a cut moves forward past a tie", () => {
    // Cuts at 2 and 4 of 6 rows; times 1,1,1 straddle the first cut, so it moves to row 4.
    const folds = forwardFolds([0, 1, 1, 1, 2, 3], 2);
    expect(folds).toEqual([
      { train: [0, 1, 2, 3], test: [4] },
      { train: [0, 1, 2, 3, 4], test: [5] },
    ]);
  });

  it("trains every fold only on rows strictly earlier than all the rows it validates", () => {
    const times = Array.from({ length: 200 }, (_, i) => (i * 37) % 23);
    for (const f of forwardFolds(times, 5)) {
      const lastTrained = Math.max(...f.train.map((i) => times[i]));
      const firstValidated = Math.min(...f.test.map((i) => times[i]));
      expect(lastTrained).toBeLessThan(firstValidated);
    }
  });

  it("drops a block a long tie emptied, so there are fewer folds", () => {
    // Cuts at rows 2, 5 and 7 of 9: the first moves past the six 1s to row 7, the second to row 8, the third falls off the end.
    expect(forwardFolds([0, 1, 1, 1, 1, 1, 1, 2, 3], 3)).toEqual([
      { train: [0, 1, 2, 3, 4, 5, 6], test: [7] },
      { train: [0, 1, 2, 3, 4, 5, 6, 7], test: [8] },
    ]);
  });

  it("refuses more folds than distinct times allow, naming the range", () => {
    expect(() => forwardFolds([0, 0, 1], 2)).toThrow(new UnderstudyError("bad_option", messages.evaluate.forwardFoldCount(2, 2)));
    expect(() => forwardFolds([5, 5, 5], 1)).toThrow(messages.evaluate.forwardFoldCount(1, 1));
  });
});
