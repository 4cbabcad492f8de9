/**
 * The value with every non-finite number (a 0/0 kappa, a ratio to a zero rate) replaced by
 * null, so the bundle survives JSON unchanged: what `toJSON` writes is what `fromJSON` reads.
 *
 * @example
 * jsonSafe({ kappa: NaN, n: 3 }); // { kappa: null, n: 3 }
 */
export function jsonSafe<T>(value: T): T {
  if (typeof value === "number") return (Number.isFinite(value) ? value : null) as T;
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, jsonSafe(v)])) as T;
  }
  return value;
}
