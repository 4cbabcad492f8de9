import { defaultPrices, type ModelPrice, type PriceTable } from "./default-prices.ts";

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
