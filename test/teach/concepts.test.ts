import { describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { functionTeacher } from "../../src/llm/function-teacher.ts";
import { answerConcepts } from "../../src/teach/answer-concepts.ts";
import { proposeConcepts } from "../../src/teach/propose-concepts.ts";
import { promptRows } from "./prompt-rows.ts";

const rows = ["win free money", "team lunch friday", "free prize inside", "build failed again", "cheap meds", "notes from the call"];
const labels = ["spam", "ham", "spam", "ham", "spam", null];

describe("proposeConcepts", () => {
  it("shows a label-balanced sample, numbers the questions and drops repeats", async () => {
    let shown: { label?: string }[] = [];
    const teacher = functionTeacher((req) => {
      shown = promptRows(req.messages);
      return { concepts: [{ question: "Does it offer money?" }, { question: "Does it  offer money?" }, { question: "Is it about work?" }] };
    });
    const r = await proposeConcepts({ teacher, task: "Is this email spam?", labels: ["spam", "ham"], rows, rowLabels: labels, k: 3, sampleSize: 4 });
    expect(r.concepts).toEqual([
      { id: "c1", question: "Does it offer money?", promptVersion: "concepts-propose@1" },
      { id: "c2", question: "Is it about work?", promptVersion: "concepts-propose@1" },
    ]);
    expect(shown.map((s) => s.label).sort()).toEqual(["ham", "ham", "spam", "spam"]);
  });

  it("records a teacher failure instead of inventing concepts", async () => {
    const warnings: string[] = [];
    const previous = setLogger({ warn: (m) => warnings.push(m) });
    const teacher = functionTeacher(() => ({ concepts: [] }));
    const r = await proposeConcepts({ teacher, task: "t", labels: ["spam", "ham"], rows, rowLabels: labels });
    setLogger(previous);
    expect(r.concepts).toEqual([]);
    expect(r.failure).toMatch(/schema/);
    expect(warnings).toEqual([expect.stringMatching(/^the teacher proposed no concepts: answer broke the schema/)]);
  });
});

describe("answerConcepts", () => {
  const concepts = [{ id: "c1", question: "Does it mention free things?" }, { id: "c2", question: "Is it about work?" }];

  it("answers every concept for a row in one call", async () => {
    const teacher = functionTeacher((req) => {
      const text = promptRows(req.messages)[0].content;
      return { c1: /free/.test(text), c2: /build|team|call/.test(text) };
    });
    const r = await answerConcepts({ teacher, concepts, rows });
    expect(r.calls).toBe(rows.length);
    expect(teacher.stats.teacherCalls).toBe(rows.length);
    expect(r.answers[0]).toEqual({ c1: true, c2: false });
    expect(r.answers[3]).toEqual({ c1: false, c2: true });
  });

  it("records failed rows as null with the reason; answers missing a concept or adding one are rejected", async () => {
    const teacher = functionTeacher((req) => {
      const text = promptRows(req.messages)[0].content;
      if (text === "cheap meds") return { c1: true };
      if (text === "build failed again") return { c1: false, c2: true, c3: true };
      return { c1: false, c2: false };
    });
    const r = await answerConcepts({ teacher, concepts, rows });
    expect(r.answers[4]).toBeNull();
    expect(r.answers[3]).toBeNull();
    expect(r.failures.map((f) => f.index)).toEqual([3, 4]);
  });
});
