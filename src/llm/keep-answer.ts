import type OpenAI from "openai";
import { logger } from "../core/logger.ts";
import type { CacheEntry } from "./answer-cache.ts";
import type { BudgetLedger, Reservation } from "./budget-ledger.ts";
import { checkChoice, type RefusedChoice } from "./check-choice.ts";
import { costOf } from "./cost-of.ts";
import type { ModelPrice } from "./default-prices.ts";
import type { TeacherRequest, Usage } from "./teacher.ts";

/** Where a paid answer goes: the budget's books, the price to count it at, and the cache. */
export interface AnswerKeeper {
  model: string;
  price: ModelPrice | undefined;
  ledger: BudgetLedger;
  /** Writes the entry to the cache (or to memory when caching is off). */
  write(entry: CacheEntry): Promise<void>;
}

/** One paid completion for the samples `entry` still lacks, with the reservation it was bought under. */
export interface PaidCompletion {
  request: TeacherRequest<unknown>;
  entry: CacheEntry;
  /** Choices asked for. */
  n: number;
  completion: OpenAI.Chat.Completions.ChatCompletion;
  reservation: Reservation;
}

const warnedNoPrice = new WeakSet<AnswerKeeper>();

/**
 * Keeps what was paid for: counts the call, its usage and cost (settling its budget
 * reservation in the same step), adds every valid choice to `entry` up to the samples asked,
 * and writes the entry to the cache before resolving, so a paid answer is never lost. Resolves
 * to the first refused choice, if one was refused (or a shortfall of choices), for the caller
 * to ask again or fail with.
 *
 * @example
 * const refused = await keepAnswer(keeper, { request, entry, n: 1, completion, reservation });
 * if (entry.complete) return answerFromEntry(entry, request, { cached: false });
 */
export async function keepAnswer(keeper: AnswerKeeper, paid: PaidCompletion): Promise<RefusedChoice | undefined> {
  const { request, entry, n, completion } = paid;
  const usage = usageOf(completion, request);
  warnOnceWithoutPrice(keeper);
  keeper.ledger.settle(paid.reservation, request.purpose, usage, costOf(usage, keeper.price));
  entry.usage.promptTokens += usage.promptTokens;
  entry.usage.completionTokens += usage.completionTokens;
  const before = entry.choices.length;
  let refused: RefusedChoice | undefined;
  for (const choice of completion.choices) {
    if (entry.choices.length >= entry.request.samples) break;
    const checked = checkChoice(choice, request.schema);
    if (checked.ok) entry.choices.push(checked.choice);
    else refused ??= checked;
  }
  entry.complete = entry.choices.length >= entry.request.samples;
  if (!entry.complete && !refused) {
    refused = { ok: false, code: "invalid_answer", reason: `the server returned ${completion.choices.length} of ${n} choices` };
  }
  if (entry.choices.length > before) await keeper.write(entry);
  return refused;
}

function warnOnceWithoutPrice(keeper: AnswerKeeper): void {
  if (keeper.price || warnedNoPrice.has(keeper)) return;
  warnedNoPrice.add(keeper);
  const { model } = keeper;
  logger().warn(`no price known for model "${model}": its cost counts as $0; pass prices: { "${model}": { input, output } } (USD per 1M tokens).`);
}

function usageOf(completion: OpenAI.Chat.Completions.ChatCompletion, request: TeacherRequest<unknown>): Usage {
  if (completion.usage) return { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens };
  // Some servers omit usage: estimate, so budgets and costs still move.
  const chars = request.messages.reduce((sum, m) => sum + m.content.length, 0);
  const out = completion.choices.reduce((sum, c) => sum + (c.message.content?.length ?? 0), 0);
  return { promptTokens: Math.ceil(chars / 4), completionTokens: Math.ceil(out / 4) };
}
