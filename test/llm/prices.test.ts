import { describe, expect, it } from "vitest";
import { costOf } from "../../src/llm/cost-of.ts";
import { defaultPrices } from "../../src/llm/default-prices.ts";
import { priceOf } from "../../src/llm/price-of.ts";

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
