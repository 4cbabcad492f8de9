import type { ModelPrice } from "./default-prices.ts";
import type { Usage } from "./teacher.ts";

/**
 * The cost in USD of `usage` at `price` (USD per 1M tokens); 0 when the price is unknown.
 *
 * @example
 * costOf({ promptTokens: 1_000_000, completionTokens: 500_000 }, { input: 0.15, output: 0.6 }); // 0.45
 */
export function costOf(usage: Usage, price: ModelPrice | undefined): number {
  if (!price) return 0;
  return (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
}
