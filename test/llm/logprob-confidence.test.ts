import { describe, expect, it } from "vitest";
import { logprobConfidence } from "../../src/llm/logprob-confidence.ts";

const tokens = (pairs: [string, number][]) => pairs.map(([token, p]) => ({ token, logprob: Math.log(p) }));

describe("logprobConfidence", () => {
  it("multiplies the probabilities of the tokens that form values, not keys or punctuation", () => {
    const content = '{"label":"spam","score":0.75,"ok":true}';
    const t = tokens([
      ['{"', 0.99], ["label", 0.5], ['":"', 0.9], ["spam", 0.8], ['","', 0.9], ["score", 0.5], ['":', 0.9],
      ["0", 0.6], [".75", 0.5], [',"', 0.9], ["ok", 0.5], ['":', 0.9], ["true", 0.7], ["}", 0.9],
    ]);
    expect(t.map((x) => x.token).join("")).toBe(content);
    expect(logprobConfidence(content, t)).toBeCloseTo(0.8 * 0.6 * 0.5 * 0.7, 12);
  });

  it("counts a token that straddles a value's edge, handles arrays and escapes", () => {
    const content = '{"tags":["a\\"b","c"]}';
    const t = tokens([['{"', 1], ["tags", 0.1], ['":["', 1], ['a\\"', 0.5], ['b","', 0.4], ["c", 0.3], ['"]}', 1]]);
    expect(logprobConfidence(content, t)).toBeCloseTo(0.5 * 0.4 * 0.3, 12);
  });

  it("falls back to every token when the tokens do not spell the content, and to undefined without tokens", () => {
    expect(logprobConfidence('{"a":1}', tokens([["x", 0.5], ["y", 0.5]]))).toBeCloseTo(0.25, 12);
    expect(logprobConfidence('{"a":1}', undefined)).toBeUndefined();
    expect(logprobConfidence('{"a":1}', [])).toBeUndefined();
  });
});
