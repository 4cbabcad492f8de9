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
