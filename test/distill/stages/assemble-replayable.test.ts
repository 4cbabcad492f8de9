import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../../src/core/logger.ts";
import { messages } from "../../../src/core/messages/index.ts";
import { distill } from "../../../src/distill.ts";
import { functionTeacher } from "../../../src/llm/function-teacher.ts";
import type { Teacher } from "../../../src/llm/teacher.ts";
import { promptRows } from "../../teach/prompt-rows.ts";
import { penguins, PENGUIN_LABELS } from "../datasets.ts";

// A run whose teacher could not write some paid answers to its cache (a full or read-only disk
// mid-run; test/llm/cache-failures.test.ts shows openaiTeacher counting them) cannot be replayed
// exactly: the bundle and the warnings say so, so the report does not promise a replay.
let previousLogger: ReturnType<typeof setLogger>;
beforeAll(() => { previousLogger = setLogger({ warn: () => {}, info: () => {} }); });
afterAll(() => { setLogger(previousLogger); });

function teacherLosing(unsaved: number): Teacher {
  // Labels by the row's text length, two classes; the answers themselves do not matter here.
  const inner = functionTeacher((req) => ({
    answers: promptRows(req.messages).filter((r) => r.label === undefined)
      .map((r) => ({ id: r.id, label: r.content.length % 2 ? "Gentoo" : "Adelie", confidence: 1 })),
  }));
  return { kind: "function", model: "lossy", ask: (r) => inner.ask(r), get stats() { return { ...inner.stats, unsavedAnswers: unsaved }; } };
}

describe("a run with answers the cache could not keep", () => {
  const rows = penguins();
  it("is marked not replayable, with the count and a warning", async () => {
    const u = await distill({ data: rows, task: "Which species?", labels: PENGUIN_LABELS, target: "Species", teacher: teacherLosing(3), concepts: false, expressions: false });
    expect(u.metadata.teacher.replayable).toBe(false);
    expect(u.metadata.teacher.unsavedAnswers).toBe(3);
    expect(u.metadata.warnings).toContain(messages.distill.notReplayable(3));
  });
  it("says nothing when every answer was kept", async () => {
    const u = await distill({ data: rows, task: "Which species?", labels: PENGUIN_LABELS, target: "Species", teacher: teacherLosing(0), concepts: false, expressions: false });
    expect(u.metadata.teacher.replayable).toBeUndefined();
    expect(u.metadata.warnings).not.toContain(messages.distill.notReplayable(0));
  });
});
