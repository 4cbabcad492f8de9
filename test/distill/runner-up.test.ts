import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { Random } from "../../src/core/random.ts";
import { distill } from "../../src/distill.ts";
import { functionTeacher } from "../../src/llm/function-teacher.ts";
import type { ChatMessage } from "../../src/llm/teacher.ts";
import type { Understudy } from "../../src/understudy/understudy.ts";
import { promptRows } from "../teach/prompt-rows.ts";

// Gold follows a diagonal boundary in (x1, x2); the teacher copies gold except one row in 9, so
// gold exists and did not teach: the runner-up comparison gets a teacher block and a gold block.
const rng = new Random(4);
const rows = Array.from({ length: 300 }, () => {
  const x1 = Math.round(rng.next() * 1e6) / 1e4, x2 = Math.round(rng.next() * 1e6) / 1e4;
  return { x1, x2, outcome: x1 + x2 + 20 * (rng.next() - 0.5) > 100 ? "yes" : "no" };
});
const indexOf = new Map(rows.map((r, i) => [r.x1, i]));
const teacherLabel = (i: number) => (i % 9 === 4 ? (rows[i].outcome === "yes" ? "no" : "yes") : rows[i].outcome);

describe("the chosen model against the runner-up on the test rows", () => {
  let u: Understudy;
  let again: Understudy;
  let restore: ReturnType<typeof setLogger>;
  beforeAll(async () => {
    restore = setLogger({ warn: () => {} });
    const teacher = () => functionTeacher((req) => ({
      answers: promptRows(req.messages as ChatMessage[]).map((r) => ({ id: r.id, label: teacherLabel(indexOf.get(JSON.parse(r.content).x1)!), confidence: 0.9 })),
    }));
    const options = { task: "Is this a yes?", labels: ["yes", "no"], target: "outcome", expressions: false as const };
    u = await distill({ ...options, data: rows, teacher: teacher() });
    again = await distill({ ...options, data: rows, teacher: teacher() });
  });
  afterAll(() => { setLogger(restore); });

  it("compares with the best-scoring other family, on the test rows the chosen model's figures use", () => {
    const r = u.metrics.binary!.runnerUp;
    if (!r.measured) throw new Error(`not measured: ${r.reason}`);
    const others = u.metadata.modelChoice.candidates.filter((c) => !c.chosen);
    const best = Math.max(...others.map((c) => c.score));
    expect(others.filter((c) => c.score === best).map((c) => c.name)).toContain(r.name);
    expect(r).toMatchObject({ against: "teacher", rows: "test", n: u.metrics.vsTeacher.n, resamples: 1000, level: 0.95 });
    expect(r.chosen).toBeCloseTo(u.metrics.vsTeacher.agreement, 12);
    expect(r.difference).toBeCloseTo(r.chosen - r.runnerUp, 12);
    expect(r.interval[0]).toBeLessThanOrEqual(r.interval[1]);
    expect(r.vsGold).toMatchObject({ against: "gold", rows: "test", n: u.metrics.vsGold!.n });
    expect(r.vsGold!.chosen).toBeCloseTo(u.metrics.vsGold!.accuracy, 12);
  });

  it("is the same on a second run with the same data and seed", () => {
    expect(again.metrics.binary!.runnerUp).toEqual(u.metrics.binary!.runnerUp);
  });

  it("the report's validation section prints the difference and its interval for both label sets", async () => {
    const md = await u.report({ format: "md" });
    const validation = md.slice(md.indexOf('<a id="validation">'), md.indexOf('<a id="explanations">'));
    expect(validation).toContain("Chosen model minus the runner-up");
    expect(validation).toContain("Agreement with the teacher (test rows");
    expect(validation).toContain("Accuracy against gold (test rows");
  });
});
