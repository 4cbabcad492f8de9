import type { ReasonCodes } from "./reason-codes.ts";

/**
 * What reason codes push, in words: "prediction", "spam probability", "spam log-odds" or
 * "spam score".
 *
 * @example
 * reasonTarget(reasonCodes(model, X, 0)); // "spam probability"
 */
export function reasonTarget(reasons: Pick<ReasonCodes, "output" | "scale">): string {
  if (reasons.output === "prediction" && reasons.scale === "value") return "prediction";
  if (reasons.scale === "probability") return `${String(reasons.output)} probability`;
  if (reasons.scale === "log-odds") return `${String(reasons.output)} log-odds`;
  return `${String(reasons.output)} score`;
}
