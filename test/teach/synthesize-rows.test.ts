import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { functionTeacher } from "../../src/llm/function-teacher.ts";
import { synthesizeRows } from "../../src/teach/synthesize-rows.ts";

describe("synthesizeRows", () => {
  const columns = [{ name: "body", type: "text" }, { name: "links", type: "number" }];

  it("fills rare labels up to fillTo, with the label fixed per call and every row marked synthetic", async () => {
    const asked: string[] = [];
    const teacher = functionTeacher((req) => {
      const label = /correct label is "(\w+)"/.exec(req.messages[0].content)![1];
      const count = Number(/Write (\d+) new rows/.exec(req.messages[0].content)![1]);
      asked.push(`${label}:${count}`);
      return { rows: Array.from({ length: count }, (_, k) => ({ body: `${label} example ${k}`, links: k })) };
    });
    const examples = [
      ...Array.from({ length: 9 }, (_, k) => ({ row: { body: `ham ${k}`, links: 0 }, label: "ham" })),
      { row: { body: "spam 0", links: 3 }, label: "spam" },
    ];
    const r = await synthesizeRows({ teacher, task: "Is this email spam?", labels: ["spam", "ham"], columns, examples, fillTo: 10, perCall: 4 });
    expect(asked).toEqual(["spam:4", "spam:4", "spam:1", "ham:1"]);
    expect(r.labels.filter((l) => l === "spam")).toHaveLength(9);
    expect(r.labels.filter((l) => l === "ham")).toHaveLength(1);
    expect(r.rows).toHaveLength(10);
    expect(r.lineage.every((l) => l.synthetic === true && l.promptVersion === "synthesize@1" && l.model === "function")).toBe(true);
    expect(r.lineage.map((l) => l.label)).toEqual(r.labels);
  });

  it("rejects rows of the wrong shape and stops after repeated failures (cold start, no examples)", async () => {
    const teacher = functionTeacher(() => ({ rows: [{ body: "x", links: "many" }] }));
    const r = await synthesizeRows({ teacher, task: "t", labels: ["spam", "ham"], columns, perLabel: { spam: 3 } });
    expect(r.rows).toEqual([]);
    expect(r.failures).toHaveLength(2);
    expect(r.calls).toBe(2);
    await expect(synthesizeRows({ teacher, task: "t", labels: ["spam", "ham"], columns, perLabel: { eggs: 1 } })).rejects.toThrow(messages.teach.perLabelUnknown("eggs", ["spam", "ham"]));
  });
});
