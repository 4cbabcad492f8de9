import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { setLogger } from "../../src/core/logger.ts";
import { Featurizer } from "../../src/features/featurizer.ts";
import { parseExpression } from "../../src/features/expression/parse-expression.ts";

const words = ["free prize", "meeting notes", "cheap pills", "project plan", "win cash", "code review"];
const train = Array.from({ length: 30 }, (_, i) => ({
  body: `${words[i % 6]} number ${i}`,
  amount: i % 7 === 0 ? null : 10 * (i + 1),
  city: ["Oslo", "Lima", "Rome"][i % 3],
  label: i % 2 === 0 ? "spam" : "ham",
}));
const test = [
  { body: "free prize unseenword", amount: 250, city: "Oslo", label: "spam" },
  { body: "meeting notes", amount: null, city: "Paris", label: "ham" },
];
const concepts = [{ id: "c1", question: "Does it offer a prize or cash?", promptVersion: "concepts-propose@1" }];
const answers = train.map((r) => ({ c1: /prize|cash/.test(r.body) }));

function build() {
  return new Featurizer({
    text: "body",
    target: "label",
    tfidf: { minDf: 1 },
    concepts: { column: "body", concepts, answers, options: { minBalancedAccuracy: 0.6 } },
    expressions: [{ name: "log amount", expression: "log(amount)", promptVersion: "expressions-propose@1" }],
    rules: [{ name: "big order", label: "spam", condition: "amount > 100" }],
  }).fit(train);
}

describe("Featurizer", () => {
  const f = build();
  const X = f.transform(test);

  it("assembles raw columns, TF-IDF, concepts, expressions and rules in one named Matrix", () => {
    const names = X.featureNames;
    expect(names).toContain("amount");
    expect(names).toContain("city = Oslo");
    expect(names).not.toContain("label");
    expect(names).toContain("body:prize");
    expect(names).not.toContain("body:unseenword"); // fitted on training rows only
    expect(names.slice(-3)).toEqual(["Does it offer a prize or cash?", "log amount", "big order"]);
    const col = (name: string) => Array.from(X.column(names.indexOf(name)));
    expect(col("log amount")[0]).toBeCloseTo(Math.log(250), 12);
    // A missing amount gets the training median of log(amount), computed here by brute force.
    const logs = train.filter((r) => r.amount !== null).map((r) => Math.log(r.amount!)).sort((a, b) => a - b);
    expect(col("log amount")[1]).toBeCloseTo(logs[Math.floor(logs.length / 2)], 12);
    expect(col("big order")).toEqual([1, 0]); // a missing amount does not fire the rule
    expect(col("Does it offer a prize or cash?")[0]).toBeGreaterThan(0.5);
    expect(col("Does it offer a prize or cash?")[1]).toBeLessThan(0.5);
    expect(X.origins?.[names.indexOf("log amount")]).toEqual({ column: "amount", kind: "expression", detail: "log(amount)" });
  });

  it("keeps lineage: origin, prompt version, question or expression, detector quality", () => {
    const lineage = f.toJSON().lineage;
    const concept = lineage.find((l) => l.source === "concept")!;
    expect(concept).toMatchObject({ question: "Does it offer a prize or cash?", promptVersion: "concepts-propose@1", quality: { detector: "keyword" } });
    expect(concept.quality!.agreement).toBeGreaterThan(0.5);
    expect(lineage.find((l) => l.name === "log amount")).toMatchObject({ source: "expression", expression: "log(amount)", promptVersion: "expressions-propose@1" });
    expect(lineage.find((l) => l.name === "big order")).toMatchObject({ source: "rule", expression: "amount > 100" });
    expect(lineage.map((l) => l.name)).toEqual(X.featureNames);
  });

  it("a deployed featurizer (from JSON) reproduces the features exactly, with no LLM", () => {
    const json = JSON.parse(JSON.stringify(f.toJSON()));
    const back = Featurizer.fromJSON(json).transform(test);
    expect(back.featureNames).toEqual(X.featureNames);
    expect(Array.from(back.data)).toEqual(Array.from(X.data));
    expect(build().transform(test).data).toEqual(X.data); // refit is deterministic
  });

  it("rejects misaligned concept answers, bad expressions and duplicate names", () => {
    const warn = setLogger({ warn: () => {} });
    expect(() => new Featurizer({ text: "body", concepts: { column: "body", concepts, answers: answers.slice(1) } }).fit(train)).toThrow(
      messages.features.conceptAnswerRows(29, 30),
    );
    const badExpression = () => new Featurizer({ expressions: [{ name: "x", expression: "amount.constructor" }] }).fit(train);
    expect(badExpression).toThrow(expect.objectContaining({ code: "bad_expression" }));
    const parsed = parseExpression("amount.constructor", { columns: ["body", "amount", "city", "label"] });
    if (parsed.success) throw new Error("member access must not parse");
    // The position is where the forbidden member access starts: "amount" is 6 characters.
    expect(parsed.issues[0].position).toBe(6);
    expect(badExpression).toThrow(messages.features.expressionDoesNotParse('expression "x"', 6, parsed.issues[0].message));
    expect(() => new Featurizer({ expressions: [{ name: "amount", expression: "amount * 2" }] }).fit(train)).toThrow(
      messages.features.duplicateFeature("amount"),
    );
    expect(() => new Featurizer({ text: "nope" }).fit(train)).toThrow(
      messages.features.featurizerUnknownColumn("text column", "nope", ["body", "amount", "city", "label"]),
    );
    expect(() => new Featurizer().transform(train)).toThrow(expect.objectContaining({ code: "not_fitted" }));
    expect(() => Featurizer.fromJSON({} as never)).toThrow(messages.features.notToJSONOutput("Featurizer.fromJSON", "format understudy-featurizer"));
    setLogger(warn);
  });
});
