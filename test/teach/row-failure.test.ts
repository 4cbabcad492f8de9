import { describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import type { Teacher, TeacherFailureCode, TeacherRequest, TeacherResult } from "../../src/llm/teacher.ts";
import { answerConcepts } from "../../src/teach/answer-concepts.ts";
import { labelRows } from "../../src/teach/label-rows.ts";
import { labelValues } from "../../src/teach/label-values.ts";
import { proposeConcepts } from "../../src/teach/propose-concepts.ts";
import { synthesizeRows } from "../../src/teach/synthesize-rows.ts";
import { promptRows } from "./prompt-rows.ts";

// Rows 1 and 3 hit the spending cap, row 4 gets an HTTP error; the rest are answered.
const rows = ["free prize", "blocked: lunch on friday", "cheap meds", "blocked: minutes of the call", "http: build is green"];
const FAILURES: [string, TeacherFailureCode][] = [["blocked", "budget_exceeded"], ["http", "http_error"]];

/**
 * A teacher scripted by row text: rows marked "blocked" fail as a spending cap does, "http" as
 * a server error does. The reasons say nothing about budgets, so only `code` can tell them apart.
 */
function scriptedTeacher(answer: (content: string, req: TeacherRequest<unknown>) => unknown): Teacher {
  return {
    kind: "function",
    model: "scripted",
    stats: { teacherCalls: 0, cacheHits: 0, failures: 0, retries: 0, promptTokens: 0, completionTokens: 0, costUSD: 0 },
    async ask<T>(req: TeacherRequest<T>): Promise<TeacherResult<T>> {
      const content = req.messages.filter((m) => m.role === "user").map((m) => m.content).join("\n");
      const failure = FAILURES.find(([mark]) => content.includes(`${mark}:`));
      if (failure) return { ok: false, code: failure[1], reason: "request not answered", key: "k" };
      return { ok: true, data: answer(content, req as TeacherRequest<unknown>) as T, usage: { promptTokens: 0, completionTokens: 0 }, cached: false, key: "k" };
    },
  };
}

const countBy = (failures: { code: TeacherFailureCode }[]) =>
  failures.reduce<Record<string, number>>((n, f) => ({ ...n, [f.code]: (n[f.code] ?? 0) + 1 }), {});

describe("teacher failures keep their typed code", () => {
  it("labelRows records each failed row's code, and invalid_answer for a row left out of an answer", async () => {
    // "cheap meds" is answered without its row id: the teacher answered, but not that row.
    const teacher = scriptedTeacher((_, req) => ({
      answers: promptRows(req.messages).filter((r) => r.content !== "cheap meds").map((r) => ({ id: r.id, label: "spam", confidence: 1 })),
    }));
    const r = await labelRows({ teacher, task: "t", labels: ["spam", "ham"], rows });
    expect(r.failures.map((f) => [f.index, f.code])).toEqual([[1, "budget_exceeded"], [2, "invalid_answer"], [3, "budget_exceeded"], [4, "http_error"]]);
    expect(r.failures.filter((f) => f.code === "budget_exceeded").length).toBe(2);
    expect(r.rows[1].failureCode).toBe("budget_exceeded");
    expect(r.rows[0].failureCode).toBeUndefined();
  });

  it("labelValues does the same, and marks a value out of range as invalid_answer", async () => {
    const teacher = scriptedTeacher((_, req) => ({
      answers: promptRows(req.messages).map((r) => ({ id: r.id, value: r.content === "cheap meds" ? 99 : 1 })),
    }));
    const r = await labelValues({ teacher, task: "t", rows, range: [0, 10] });
    expect(r.values).toEqual([1, null, null, null, null]);
    expect(countBy(r.failures)).toEqual({ budget_exceeded: 2, invalid_answer: 1, http_error: 1 });
  });

  it("answerConcepts and synthesizeRows keep the code of each failed call", async () => {
    const concepts = [{ id: "c1", question: "Does it offer money?", promptVersion: "concepts-propose@1" }];
    const answered = await answerConcepts({ teacher: scriptedTeacher(() => ({ c1: true })), concepts, rows });
    expect(answered.failures.map((f) => [f.index, f.code])).toEqual([[1, "budget_exceeded"], [3, "budget_exceeded"], [4, "http_error"]]);

    const synthesized = await synthesizeRows({
      teacher: scriptedTeacher(() => ({ rows: [] })),
      task: "t", labels: ["spam", "ham"], columns: [{ name: "body", type: "text" }],
      examples: [{ row: { body: "blocked: lunch" }, label: "ham" }], exampleCount: 1, perLabel: { spam: 1 },
    });
    expect(synthesized.failures.map((f) => f.code)).toEqual(["budget_exceeded", "budget_exceeded"]);
  });

  it("a proposal that failed says why as a code", async () => {
    const previous = setLogger({ warn: () => {} });
    const r = await proposeConcepts({ teacher: scriptedTeacher(() => ({ concepts: [] })), task: "t", labels: ["spam", "ham"], rows: ["blocked: a", "b"], rowLabels: ["spam", "ham"] });
    setLogger(previous);
    expect(r.failureCode).toBe("budget_exceeded");
    expect(r.concepts).toEqual([]);
  });
});
