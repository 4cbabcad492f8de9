import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { distill } from "../../src/distill.ts";
import type { Understudy } from "../../src/understudy/understudy.ts";
import { penguins, PENGUIN_LABELS } from "./datasets.ts";

// Same data and seed: the same bundle byte for byte (but the creation time) and the same
// predictions; one changed cell: another data hash.
const rows = penguins();
const options = { task: "Which species is this penguin?", labels: PENGUIN_LABELS, target: "Species", teacher: false as const, seed: 4 };
const withoutTime = (u: Understudy) => {
  const json = u.toJSON();
  const { createdAt: _, ...metadata } = json.metadata;
  const { metadata: _m, ...hashes } = json.hashes;
  return JSON.stringify({ ...json, metadata, hashes });
};

describe("reproducibility", () => {
  let a: Understudy;
  let b: Understudy;
  let restore: ReturnType<typeof setLogger>;
  beforeAll(async () => {
    restore = setLogger({ warn: () => {}, info: () => {} });
    a = await distill({ ...options, data: rows });
    b = await distill({ ...options, data: rows.map((r) => ({ ...r })) });
  }, 60_000);
  afterAll(() => { setLogger(restore); });

  it("same data and seed give the same bundle (creation time aside), hashes and predictions", () => {
    expect(withoutTime(b)).toBe(withoutTime(a));
    expect(b.hashes).toEqual(a.hashes);
    expect(b.predict(rows)).toEqual(a.predict(rows));
    expect(b.predictProba(rows)).toEqual(a.predictProba(rows));
  });

  it("one changed cell changes the data hash", async () => {
    const changed = rows.map((r, i) => (i === 10 ? { ...r, "Body Mass (g)": 4000 } : r));
    expect(rows[10]["Body Mass (g)"]).not.toBe(4000);
    const c = await distill({ ...options, data: changed });
    expect(c.hashes.data).not.toBe(a.hashes.data);
    expect(c.hashes.data).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
