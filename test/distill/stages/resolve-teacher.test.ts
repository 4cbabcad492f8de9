import { describe, expect, it } from "vitest";
import { messages } from "../../../src/core/messages/index.ts";
import { runEvents } from "../../../src/distill/run-events.ts";
import { resolveTeacher } from "../../../src/distill/resolve-teacher.ts";
import type { Teacher } from "../../../src/llm/teacher.ts";

// What a teacher is comes from its declared kind, never from its methods.
const teacherOf = (kind: Teacher["kind"]): Teacher => ({ kind, model: "m", stats: {} as Teacher["stats"], ask: async () => ({ ok: false, code: "http_error", reason: "", key: "" }) });

describe("resolveTeacher (stage 3)", () => {
  it("turns LLM features on by default for an LLM and for a replay of one, off for a function", () => {
    const on = { concepts: true, expressions: true, rules: true };
    expect(resolveTeacher({ teacher: teacherOf("llm") }, runEvents(undefined)).llmFeatures).toEqual(on);
    expect(resolveTeacher({ teacher: teacherOf("replay") }, runEvents(undefined))).toMatchObject({ kind: "replay", llmFeatures: on });
    expect(resolveTeacher({ teacher: teacherOf("function") }, runEvents(undefined)).llmFeatures).toEqual({ concepts: false, expressions: false, rules: false });
    expect(resolveTeacher({ teacher: teacherOf("function"), concepts: true, expressions: true }, runEvents(undefined)).llmFeatures).toEqual(on);
  });

  it("lets the gold column teach with teacher: false, and refuses without a target", () => {
    const events = runEvents(undefined);
    const r = resolveTeacher({ teacher: false, target: "y", rules: true }, events);
    expect(r).toMatchObject({ kind: "gold", llmFeatures: { concepts: false, expressions: false, rules: false } });
    expect(r.note).toContain('gold labels in column "y" teach');
    expect(events.warnings).toHaveLength(1);
    expect(() => resolveTeacher({ teacher: false }, runEvents(undefined))).toThrow(messages.distill.teacherFalseNoTarget());
  });
});
