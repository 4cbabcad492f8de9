import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { Random } from "../../src/core/random.ts";
import { setLogger } from "../../src/core/logger.ts";
import { ConceptDetectors, type Concept, type ConceptAnswers } from "../../src/features/concept-detectors.ts";
import { spamSample } from "./spam-sample.ts";

const emails = spamSample(400, 5);
const texts = emails.map((e) => e.text);

describe("ConceptDetectors on SpamAssassin e-mails", () => {
  // Word-level concepts a TF-IDF detector can see (the teacher's answers come from these patterns).
  const observable = [
    { question: "Does it urge the reader to click, call or act now?", pattern: /click|call now|act now|order now|limited time|don'?t miss|hurry|today only/i },
    { question: "Does it use the word free?", pattern: /\bfree\b/i },
    { question: "Does it contain HTML markup?", pattern: /<\s*(html|body|font|table|br|div|p)\b/i },
    { question: "Does it mention Linux?", pattern: /linux/i },
  ];
  const concepts: Concept[] = [
    ...observable.map((c, k) => ({ id: `c${k + 1}`, question: c.question })),
    { id: "c5", question: "Does it offer something for free?" }, // same answers as c2
    { id: "c6", question: "Did a coin flip come up heads?" }, // answers unrelated to the text
    { id: "c7", question: "Is it written in English?" }, // always yes
  ];
  const rng = new Random(9);
  const answers: ConceptAnswers[] = texts.map((t, i) => {
    if (i === 7) return null; // a failed call
    const a: Record<string, boolean> = {};
    observable.forEach((c, k) => (a[`c${k + 1}`] = c.pattern.test(t)));
    a.c5 = a.c2;
    a.c6 = rng.next() < 0.5;
    a.c7 = true;
    return a;
  });

  const warnings: string[] = [];
  const previous = setLogger({ warn: (m) => warnings.push(m) });
  const detectors = new ConceptDetectors({ column: "body", seed: 0 }).fit(texts, concepts, answers);
  setLogger(previous);

  it("learns observable concepts from the teacher's answers and reports held-out agreement", () => {
    const q = Object.fromEntries(detectors.quality.map((x) => [x.id, x]));
    for (const id of ["c1", "c2", "c3", "c4"]) {
      expect(q[id].kept, id).toBe(true);
      expect(["logistic", "keyword"]).toContain(q[id].detector);
      expect(q[id].balancedAccuracy, id).toBeGreaterThan(0.8);
      expect(q[id].nHeldOut + q[id].nTrain).toBe(399);
    }
    // Agreement is measured, not assumed: it is below 1 and matches the stated held-out size.
    expect(q.c1.agreement * q.c1.nHeldOut).toBeCloseTo(Math.round(q.c1.agreement * q.c1.nHeldOut), 6);
  });

  it("picks the simpler keyword model when it detects a one-word concept as well as logistic", () => {
    const q = detectors.quality.find((x) => x.id === "c4")!;
    expect(q.detector).toBe("keyword");
    expect(q.keywords).toContain("linux");
  });

  it("drops redundant, undetectable and constant concepts, with warnings", () => {
    const q = Object.fromEntries(detectors.quality.map((x) => [x.id, x]));
    expect(q.c5).toMatchObject({ kept: false, reason: "redundant", redundantWith: "c2" });
    expect(q.c6).toMatchObject({ kept: false, reason: "undetectable" });
    expect(q.c6.balancedAccuracy).toBeLessThan(0.7);
    expect(q.c7).toMatchObject({ kept: false, reason: "constant" });
    expect(warnings.filter((w) => /dropped/.test(w))).toHaveLength(3);
    expect(detectors.kept.map((c) => c.id)).toEqual(["c1", "c2", "c3", "c4"]);
  });

  it("computes kept concepts with no LLM, named by the question, identically after JSON", () => {
    const X = detectors.transform(["FREE money!!! Click here <html><body>win a prize</body></html>", "see the patch below\n> quoted"]);
    expect(X.featureNames).toEqual(observable.map((c) => c.question));
    expect(X.origins?.[0]).toEqual({ column: "body", kind: "concept", detail: observable[0].question });
    expect(X.get(0, 2)).toBeGreaterThan(0.5); // free / prize
    expect(X.get(1, 2)).toBeLessThan(0.5);
    const back = ConceptDetectors.fromJSON(JSON.parse(JSON.stringify(detectors.toJSON())));
    expect(back.transform(texts.slice(0, 50)).data).toEqual(detectors.transform(texts.slice(0, 50)).data);
  });

  it("uses a keyword detector when answers are few", () => {
    const small = ["free prize inside", "meeting notes", "win a free cruise", "lunch plans", "free gift card", "project update", "claim your free bonus", "code review"];
    const d = new ConceptDetectors({ minBalancedAccuracy: 0.5, holdout: { fraction: 0.25 }, tfidf: { minDf: 1 } }).fit(
      small,
      [{ id: "c1", question: "Does it offer something free?" }],
      small.map((t) => ({ c1: /free/.test(t) })),
    );
    expect(d.quality[0]).toMatchObject({ detector: "keyword", keywords: ["free"], kept: true, agreement: 1 });
    expect(Array.from(d.transform(["totally free", "nothing here"]).column(0)).map((p) => p > 0.5)).toEqual([true, false]);
  });

  it("rejects mismatched input", () => {
    expect(() => new ConceptDetectors().fit(["a"], [{ id: "c1", question: "q?" }], [])).toThrow(messages.features.conceptAnswersLength(1, 0));
    expect(() => new ConceptDetectors().fit(["a"], [{ id: "c1", question: "q?" }, { id: "c1", question: "r?" }], [null])).toThrow(
      messages.features.badConcept({ id: "c1", question: "r?" }),
    );
    expect(() => new ConceptDetectors().transform(["a"])).toThrow(expect.objectContaining({ code: "not_fitted" }));
  });
});
