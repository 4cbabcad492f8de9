import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { distill } from "../../src/distill.ts";
import { functionTeacher } from "../../src/llm/function-teacher.ts";
import type { TeacherRequest } from "../../src/llm/teacher.ts";
import { promptRows } from "../teach/prompt-rows.ts";
import { spamSample } from "../features/spam-sample.ts";

// maxLabels below the training rows: active learning picks which training rows to buy.
describe("distill with maxLabels", () => {
  const emails = spamSample(300, 7);
  const goldByText = new Map(emails.map((e) => [e.text, e.label]));
  const asked: string[] = [];
  const teacher = functionTeacher((req: TeacherRequest<unknown>) => {
    const rows = promptRows(req.messages).filter((r) => r.label === undefined);
    asked.push(...rows.map((r) => r.content));
    return { answers: rows.map((r) => ({ id: r.id, label: goldByText.get(r.content), confidence: 1 })) };
  });
  let previousLogger: ReturnType<typeof setLogger>;
  beforeAll(() => { previousLogger = setLogger({ warn: () => {} }); });
  afterAll(() => { setLogger(previousLogger); });

  it("buys exactly maxLabels training labels (plus validation and test), chosen by active learning", async () => {
    const u = await distill({
      data: emails.map((e) => ({ text: e.text, label: e.label })), task: "Is this email spam?", labels: ["spam", "ham"], text: "text",
      target: "label", teacher, maxLabels: 60,
    });
    const { rows, labelled, trainLabelsBought, activeLearning } = u.metadata.split;
    expect(activeLearning).toBe(true);
    expect(trainLabelsBought).toBe(60);
    expect(labelled.train).toBe(60);
    expect(labelled.validation).toBe(rows.validation);
    expect(labelled.test).toBe(rows.test);
    // Every row was asked once: validation + test + the 60 chosen training rows.
    expect(asked).toHaveLength(rows.validation + rows.test + 60);
    expect(u.stats.labelsRequested).toBe(asked.length);
    expect(u.metrics.vsTeacher.agreement).toBeGreaterThan(0.8);
  });
});
