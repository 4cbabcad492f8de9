import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { messages } from "../../src/core/messages/index.ts";
import { TfidfVectorizer } from "../../src/features/tfidf.ts";

// Expected values: scikit-learn 1.2.1 TfidfVectorizer (test/fixtures/tfidf/make-tfidf.py).
const fixture = JSON.parse(readFileSync(new URL("../fixtures/tfidf/tfidf.json", import.meta.url), "utf8")) as {
  train: string[];
  test: string[];
  cases: { options: { ngramRange: [number, number]; minDf: number; sublinearTf: boolean }; vocabulary: string[]; idf: number[]; test: number[][] }[];
};

describe("TfidfVectorizer", () => {
  for (const c of fixture.cases) {
    it(`matches scikit-learn with ${JSON.stringify(c.options)}`, () => {
      const v = new TfidfVectorizer({ ...c.options, stem: false, column: "body" }).fit(fixture.train);
      expect(v.vocabulary).toEqual(c.vocabulary);
      Array.from(v.idf).forEach((x, j) => expect(x).toBeCloseTo(c.idf[j], 10));
      const X = v.transform(fixture.test);
      expect(X.nCols).toBe(c.vocabulary.length);
      X.toRows().forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(c.test[i][j], 10)));
      expect(X.featureNames[0]).toBe(`body:${c.vocabulary[0]}`);
      expect(X.origins?.[0]).toEqual({ column: "body", kind: "tfidf", detail: c.vocabulary[0] });
    });
  }

  it("stems with Porter, caps the vocabulary by corpus frequency, and learns from training text only", () => {
    const v = new TfidfVectorizer({ maxFeatures: 2 }).fit(["offers offer offered", "offer running", "runs"]);
    expect(v.vocabulary).toEqual(["offer", "run"]);
    const X = v.transform(["unseen words only"]);
    expect(Array.from(X.row(0))).toEqual([0, 0]);
  });

  it("round-trips through JSON with identical output", () => {
    const v = new TfidfVectorizer({ ngramRange: [1, 2], sublinearTf: true }).fit(fixture.train);
    const back = TfidfVectorizer.fromJSON(JSON.parse(JSON.stringify(v.toJSON())));
    expect(back.transform(fixture.test).data).toEqual(v.transform(fixture.test).data);
  });

  it("rejects bad options and use before fit with clear errors", () => {
    expect(() => new TfidfVectorizer().transform(["x"])).toThrow(expect.objectContaining({ code: "not_fitted" }));
    expect(() => new TfidfVectorizer({ ngramRange: [2, 1] }).fit(["a b"])).toThrow(messages.features.ngramRange(2, 1));
    expect(() => new TfidfVectorizer().fit([])).toThrow(messages.features.tfidfNoTexts());
    expect(() => TfidfVectorizer.fromJSON(null as never)).toThrow(expect.objectContaining({ code: "bad_model_json" }));
  });
});

describe("TfidfVectorizer on hostile text", () => {
  it("drops tokens longer than 64 characters, in fit and in transform alike", () => {
    const kept = "a".repeat(64);
    const huge = "b".repeat(100_000);
    const v = new TfidfVectorizer({ stem: true }).fit([`free ${kept} ${huge}`, `offer ${huge}`]);
    expect(v.vocabulary).toEqual([kept, "free", "offer"]);
    const X = v.transform([huge, `${huge} offer`]);
    expect(Array.from(X.row(0))).toEqual([0, 0, 0]);
    expect(Array.from(X.row(1))).toEqual([0, 0, 1]);
  });
});
