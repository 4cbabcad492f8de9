import type { Usage } from "./teacher.ts";

/** USD per one million tokens, for one model. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Prices by model name. A dated snapshot ("gpt-4o-mini-2024-07-18") uses its base name's price. */
export type PriceTable = Record<string, ModelPrice>;

/**
 * Default prices in USD per 1M tokens (standard, non-batch tier, as OpenAI listed them in
 * 2025). Prices change: check your provider's page and pass your own table as `prices`
 * (merged over this one). Local servers (Ollama, vLLM, llama.cpp) cost nothing: give them
 * `{ input: 0, output: 0 }`. The Batch API bills about half of these.
 *
 * @example
 * openaiTeacher({ model: "my-finetune", prices: { "my-finetune": { input: 0.3, output: 1.2 } } });
 */
export const defaultPrices: Readonly<PriceTable> = Object.freeze({
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-5": { input: 1.25, output: 10 },
  "gpt-5-mini": { input: 0.25, output: 2 },
  "gpt-5-nano": { input: 0.05, output: 0.4 },
});

/**
 * The price of `model` in `table`: an exact match, else the longest table name that the model
 * name starts with followed by "-" (a dated snapshot), else undefined.
 *
 * @example
 * priceOf("gpt-4o-mini-2024-07-18"); // { input: 0.15, output: 0.6 }
 */
export function priceOf(model: string, table: PriceTable = defaultPrices): ModelPrice | undefined {
  if (Object.hasOwn(table, model)) return table[model];
  const base = Object.keys(table)
    .filter((name) => model.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  return base === undefined ? undefined : table[base];
}

/**
 * The cost in USD of `usage` at `price`.
 *
 * @example
 * costOf({ promptTokens: 1_000_000, completionTokens: 500_000 }, { input: 0.15, output: 0.6 }); // 0.45
 */
export function costOf(usage: Usage, price: ModelPrice | undefined): number {
  if (!price) return 0;
  return (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
}
