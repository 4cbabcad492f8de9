import { reasonTarget } from "./reason-target.ts";
import type { ReasonCodes } from "./reason-codes.ts";

/**
 * Reason codes in words, one line per code:
 * "links = 7 raises the spam probability by 0.21". `digits` (default 3) significant digits;
 * `amounts: false` leaves out the "by …" part.
 *
 * @example
 * formatReasonCodes(reasonCodes(model, X, 0)).join("\n");
 */
export function formatReasonCodes(reasons: ReasonCodes, options: { digits?: number; amounts?: boolean } = {}): string[] {
  const digits = options.digits ?? 3;
  const num = (v: number) => String(Number(v.toPrecision(digits)));
  const target = reasonTarget(reasons);
  return reasons.codes.map((c) => {
    const value = Number.isNaN(c.value) ? `${c.name} is missing, which` : `${c.name} = ${num(c.value)}`;
    const amount = options.amounts === false ? "" : ` by ${num(Math.abs(c.contribution))}`;
    return `${value} ${c.direction} the ${target}${amount}`;
  });
}
