import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";
import { nearestName } from "../core/nearest-name.ts";

/** One rule an option's value must follow, and the words an error uses to state it. */
export interface Constraint {
  /** What the option accepts, as an error finishes "it must be …". */
  readonly expected: string;
  test(value: unknown): boolean;
}

/** One option of an estimator: its default, what it accepts, and what it does. */
export interface OptionSpec<T = unknown> {
  readonly default: T;
  readonly allowed: Constraint;
  readonly doc: string;
}

/** An estimator's options, declared once (scikit-learn's `_parameter_constraints`). */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** The option values a table describes, defaults included. */
export type OptionsOf<T extends OptionTable> = { [K in keyof T]: T[K] extends OptionSpec<infer V> ? V : never };

/**
 * One entry of an option table. `T` is the option's type, which the default alone may not show.
 *
 * @example
 * const table = { k: option(5, integer({ min: 1 }), "Neighbors consulted per prediction.") };
 */
export function option<T>(defaultValue: T, allowed: Constraint, doc: string): OptionSpec<T> {
  return { default: defaultValue, allowed, doc };
}

/**
 * An integer of at least `min`; with `orInfinity`, Infinity ("no limit") as well.
 *
 * @example
 * integer({ min: 1, orInfinity: true }).test(Infinity); // true
 */
export function integer({ min, orInfinity = false }: { min?: number; orInfinity?: boolean } = {}): Constraint {
  const bound = min === undefined ? "an integer" : `an integer ≥ ${min}`;
  return {
    expected: orInfinity ? `${bound}, or Infinity for no limit` : bound,
    test: (v) => (orInfinity && v === Infinity) || (Number.isInteger(v) && (min === undefined || (v as number) >= min)),
  };
}

/**
 * A finite number above `above` (exclusive) or at least `min` (inclusive).
 *
 * @example
 * finiteNumber({ above: 0 }).test(0); // false
 */
export function finiteNumber({ min, above }: { min?: number; above?: number } = {}): Constraint {
  const bound = above !== undefined ? ` > ${above}` : min !== undefined ? ` ≥ ${min}` : "";
  return {
    expected: `a finite number${bound}`,
    test: (v) =>
      typeof v === "number" && Number.isFinite(v) && (above === undefined || v > above) && (min === undefined || v >= min),
  };
}

/**
 * One of the listed values (compared with ===).
 *
 * @example
 * oneOf("l2", "l1", "none").test("l3"); // false
 */
export function oneOf(...values: readonly (string | boolean)[]): Constraint {
  return {
    expected: values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
    test: (v) => values.includes(v as string | boolean),
  };
}

/** `{ fraction }` with 0 < fraction ≤ 1 (a share of the rows or features, never a bare number). */
export const fraction: Constraint = {
  expected: "{ fraction } with 0 < fraction ≤ 1",
  test: (v) => {
    const f = (v as { fraction?: unknown } | null)?.fraction;
    return typeof v === "object" && v !== null && typeof f === "number" && f > 0 && f <= 1;
  },
};

/** A map from label (as `String(label)`) to a finite weight ≥ 0; labels are checked against y in fit. */
export const weightPerLabel: Constraint = {
  expected: "an object { label: weight } with finite weights ≥ 0",
  test: (v) =>
    typeof v === "object" && v !== null && !Array.isArray(v) &&
    Object.values(v).every((w) => typeof w === "number" && Number.isFinite(w) && w >= 0),
};

/**
 * Any of several constraints; `undefined` passes when `optional` is set (an option whose
 * default is "none").
 *
 * @example
 * anyOf([oneOf("balanced"), weightPerLabel], { optional: true });
 */
export function anyOf(constraints: readonly Constraint[], { optional = false } = {}): Constraint {
  const words = constraints.map((c) => c.expected);
  const expected = words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
  return {
    expected: optional ? `${expected}, or left out` : expected,
    test: (v) => (optional && v === undefined) || constraints.some((c) => c.test(v)),
  };
}

/**
 * The options an estimator stores: the table's defaults overridden by the caller's values
 * (an option set to undefined keeps its default), copied and frozen so neither the caller nor
 * fit can change them later. Nothing is validated here: `checkOptions` does that in fit.
 *
 * @example
 * this.options = storeOptions(DECISION_TREE_CLASSIFIER_OPTIONS, options);
 */
export function storeOptions<T extends OptionTable>(table: T, given: object | undefined): Readonly<OptionsOf<T>> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) out[name] = spec.default;
  for (const [name, value] of Object.entries(given ?? {})) if (value !== undefined) out[name] = frozenCopy(value);
  return Object.freeze(out) as Readonly<OptionsOf<T>>;
}

/**
 * Validates stored options against the table: an unknown name is rejected with the nearest
 * known one, a bad value with what the option accepts. Called first thing in fit.
 *
 * @example
 * checkOptions("KNNClassifier", KNN_OPTIONS, this.options);
 */
export function checkOptions(kind: string, table: OptionTable, options: Readonly<Record<string, unknown>>): void {
  const known = Object.keys(table);
  for (const [name, value] of Object.entries(options)) {
    const spec = Object.hasOwn(table, name) ? table[name] : undefined;
    if (!spec) {
      throw new UnderstudyError("bad_option", messages.models.unknownOption(kind, name, nearestName(name, known), known));
    }
    if (!spec.allowed.test(value)) {
      throw new UnderstudyError("bad_option", messages.models.badOption(kind, name, value, spec.allowed.expected));
    }
  }
}

// Plain objects and arrays are copied (the caller keeps theirs) and frozen; other values as given.
function frozenCopy(value: unknown): unknown {
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy));
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = frozenCopy(v);
    return Object.freeze(out);
  }
  return value;
}
