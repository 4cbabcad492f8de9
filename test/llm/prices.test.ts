import { describe, expect, it } from "vitest";
import { costOf, defaultPrices, priceOf } from "../../src/llm/prices.ts";
import { scrubSecrets } from "../../src/llm/scrub-secrets.ts";

describe("prices", () => {
  it("finds a dated snapshot's base price and prefers the longest base name", () => {
    expect(priceOf("gpt-4o-mini-2024-07-18")).toEqual({ input: 0.15, output: 0.6 });
    expect(priceOf("gpt-4o-2024-08-06")).toEqual({ input: 2.5, output: 10 });
    expect(priceOf("llama3.1:8b")).toBeUndefined();
    expect(priceOf("mine", { ...defaultPrices, mine: { input: 1, output: 2 } })).toEqual({ input: 1, output: 2 });
  });

  it("costs usage per million tokens", () => {
    expect(costOf({ promptTokens: 1_000_000, completionTokens: 500_000 }, { input: 0.15, output: 0.6 })).toBeCloseTo(0.45, 12);
    expect(costOf({ promptTokens: 10, completionTokens: 10 }, undefined)).toBe(0);
  });
});

describe("scrubSecrets", () => {
  it("removes keys, bearer tokens and api-key headers", () => {
    expect(scrubSecrets("401 for Bearer sk-test-SECRET-123", ["sk-test-SECRET-123"])).toBe("401 for Bearer [redacted]");
    expect(scrubSecrets('headers {"authorization":"Bearer abc.def","api-key":"azure123"}')).toBe('headers {"authorization":"Bearer [redacted]","api-key":"[redacted]"}');
    expect(scrubSecrets("Incorrect API key provided: sk-proj-abcdefgh1234")).toBe("Incorrect API key provided: [redacted]");
    expect(scrubSecrets("my-own-secret leaked", ["my-own-secret"])).toBe("[redacted] leaked");
  });
});
