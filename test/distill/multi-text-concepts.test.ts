import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogger } from "../../src/core/logger.ts";
import { distill } from "../../src/distill.ts";
import type { ChatMessage } from "../../src/llm/teacher.ts";
import { openaiTeacher } from "../../src/llm/openai-teacher.ts";
import { Understudy } from "../../src/understudy/understudy.ts";
import { spamSample } from "../features/spam-sample.ts";
import { startOpenAITestServer, type ChatRequestBody, type OpenAITestServer } from "../support/openai-test-server.ts";
import { promptRows } from "../teach/prompt-rows.ts";

// Concepts over a data set with two text columns (subject + body): the teacher must see both,
// labelled, and the detectors must learn from both, so a concept about the body still works
// when the subject comes first in `text`.
const teacherOptions = { model: "test-model", apiKey: "sk-test", cacheDir: false as const, maxRetries: 2, backoff: { baseMs: 1, maxMs: 2 } };

describe("concepts read every text column (subject + body)", () => {
  const emails = spamSample(200, 11).map((e) => {
    const cut = e.text.indexOf("\n");
    return { subject: e.text.slice(0, cut), body: e.text.slice(cut + 1), label: e.label };
  });
  const key = (subject: unknown, body: unknown) => JSON.stringify([subject, body]);
  const goldOf = new Map(emails.map((e) => [key(e.subject, e.body), e.label]));
  // The scripted teacher reads its answers off the JSON content it is shown: a concept about the body needs the body.
  const clicks = (body: string) => /click|visit|http/i.test(body);
  const conceptContents: string[] = [];
  let server: OpenAITestServer;
  let u: Understudy;
  let restore: ReturnType<typeof setLogger>;
  beforeAll(async () => {
    restore = setLogger({ warn: () => {} });
    server = await startOpenAITestServer({
      respond: (body: ChatRequestBody) => {
        const messages = body.messages as ChatMessage[];
        switch (body.response_format?.json_schema?.name) {
          case "labels": {
            const rows = promptRows(messages).filter((r) => r.label === undefined);
            return { content: { answers: rows.map((r) => {
              const c = JSON.parse(r.content) as { subject: string; body: string };
              return { id: r.id, label: goldOf.get(key(c.subject, c.body)) ?? "ham", confidence: 0.9 };
            }) } };
          }
          case "concepts":
            conceptContents.push(...promptRows(messages).map((r) => r.content));
            return { content: { concepts: [{ question: "Does the body ask the reader to click, visit or follow a link?" }] } };
          case "concept_answers": {
            const content = promptRows(messages)[0].content;
            conceptContents.push(content);
            const c = JSON.parse(content) as { subject: string; body: string };
            return { content: { c1: clicks(c.body) } };
          }
          default:
            return { content: {} };
        }
      },
    });
    u = await distill({
      data: emails, task: "Is this email spam?", labels: ["spam", "ham"], text: ["subject", "body"], target: "label",
      teacher: openaiTeacher({ ...teacherOptions, baseURL: server.baseURL }), model: "logistic",
    });
  }, 120_000);
  afterAll(async () => { await server.close(); setLogger(restore); });

  it("shows the teacher both fields, labelled, when it proposes and answers concepts", () => {
    expect(conceptContents.length).toBeGreaterThan(0);
    for (const content of conceptContents) {
      const shown = JSON.parse(content) as Record<string, unknown>;
      expect(Object.keys(shown)).toEqual(["subject", "body"]);
    }
  });

  it("learns the detector from the combined text: a body-only change moves the concept", () => {
    const concept = u.featurizer.lineage.findIndex((l) => l.source === "concept");
    expect(concept).toBeGreaterThanOrEqual(0);
    expect(u.featurizer.lineage[concept].origin.column).toBe("subject, body");
    const subject = "Quarterly notes";
    const X = u.featurizer.transform([
      { subject, body: "click here to visit our site, click the link http now, visit http click" },
      { subject, body: "thanks for the notes, see you at the meeting on tuesday" },
    ]);
    expect(X.get(0, concept)).toBeGreaterThan(X.get(1, concept) + 0.3);
  });

  it("predicts identically after a JSON round trip", () => {
    const v = Understudy.fromJSON(JSON.parse(JSON.stringify(u.toJSON())));
    const rows = emails.map((e) => ({ subject: e.subject, body: e.body }));
    expect(v.predict(rows)).toEqual(u.predict(rows));
    expect(v.featurizer.transform(rows.slice(0, 20)).data).toEqual(u.featurizer.transform(rows.slice(0, 20)).data);
  });
});
