import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import type { ModelPrice } from "./default-prices.ts";

/**
 * A spending cap, checked before every paid call. Cache hits are free.
 * `maxCalls` counts answered (paid) HTTP calls, re-asks after invalid answers included.
 * `maxUSD` stops before a call whose estimated cost (prompt estimate, plus `maxTokens` or 50
 * completion tokens per sample) would take spent + in-flight estimates past the cap; it needs
 * a price for the model. At the cap, `ask` rejects with `budget_exceeded` once every call in
 * flight has been answered and cached.
 */
export interface Budget {
  maxCalls?: number;
  maxUSD?: number;
}

/**
 * Checks a budget and returns a copy of it (undefined stays undefined). A cap that is not a
 * number ≥ 0 (`maxCalls` also whole), or `maxUSD` for a model with no known price, throws
 * `bad_option` naming the field and the fix. Pass no `model` to check only the numbers (for
 * teachers that have no price table).
 *
 * @example
 * checkBudget({ maxCalls: 100, maxUSD: 2 }, "gpt-4o-mini", { input: 0.15, output: 0.6 }); // { maxCalls: 100, maxUSD: 2 }
 * checkBudget({ maxCalls: 1.5 }); // throws bad_option: budget.maxCalls must be an integer ≥ 0, got 1.5.
 */
export function checkBudget(budget: Budget | undefined, model?: string, price?: ModelPrice): Budget | undefined {
  if (budget === undefined) return undefined;
  const { maxCalls, maxUSD } = budget;
  if (maxCalls !== undefined && !(Number.isInteger(maxCalls) && maxCalls >= 0)) {
    throw new UnderstudyError("bad_option", messages.llm.budgetMaxCalls(maxCalls));
  }
  if (maxUSD !== undefined && !(typeof maxUSD === "number" && maxUSD >= 0)) {
    throw new UnderstudyError("bad_option", messages.llm.budgetMaxUSD(maxUSD));
  }
  if (maxUSD !== undefined && model !== undefined && !price) {
    throw new UnderstudyError("bad_option", messages.llm.budgetNeedsPrice(model));
  }
  return { ...budget };
}
