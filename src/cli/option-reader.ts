import { UnderstudyError } from "../core/errors.ts";
import { messages } from "../core/messages/index.ts";

/** Typed access to parsed option values; bad values are usage errors that name the option. */
export interface OptionReader {
  string(name: string): string | undefined;
  /** A number, optionally a whole one, ≥ min (or > above) and ≤ max (or < below). */
  number(name: string, rule?: { integer?: boolean; min?: number; above?: number; max?: number; below?: number }): number | undefined;
  /** A comma-separated list, trimmed, empty items dropped. */
  list(name: string): string[] | undefined;
  /** One of `choices`. */
  choice<T extends string>(name: string, choices: readonly T[]): T | undefined;
  flag(name: string): boolean;
}

/**
 * Reads option values of one subcommand with their types checked.
 *
 * @example
 * const read = optionReader("distill", { seed: "3", labels: "spam, ham" });
 * read.number("seed", { integer: true });   // 3
 * read.list("labels");                      // ["spam", "ham"]
 */
export function optionReader(command: string, values: Record<string, string | boolean | undefined>): OptionReader {
  const bad = (name: string, what: string) => new UnderstudyError("usage", messages.cli.badValue(command, `--${name}`, what, values[name]));
  const string = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  return {
    string,
    number(name, rule = {}) {
      const text = string(name);
      if (text === undefined) return undefined;
      const n = Number(text);
      const bounds = [rule.min !== undefined ? `≥ ${rule.min}` : "", rule.above !== undefined ? `> ${rule.above}` : "", rule.max !== undefined ? `≤ ${rule.max}` : "", rule.below !== undefined ? `< ${rule.below}` : ""].filter(Boolean);
      const what = `${rule.integer ? "a whole number" : "a number"}${bounds.length ? ` ${bounds.join(" and ")}` : ""}`;
      if (text.trim() === "" || !Number.isFinite(n) || (rule.integer && !Number.isInteger(n))) throw bad(name, what);
      if ((rule.min !== undefined && n < rule.min) || (rule.above !== undefined && n <= rule.above) || (rule.max !== undefined && n > rule.max) || (rule.below !== undefined && n >= rule.below)) throw bad(name, what);
      return n;
    },
    list(name) {
      const text = string(name);
      if (text === undefined) return undefined;
      const items = text.split(",").map((s) => s.trim()).filter(Boolean);
      if (items.length === 0) throw bad(name, "a comma-separated list, e.g. a,b");
      return items;
    },
    choice(name, choices) {
      const text = string(name);
      if (text === undefined) return undefined;
      if (!(choices as readonly string[]).includes(text)) throw bad(name, `one of ${choices.join(", ")}`);
      return text as (typeof choices)[number];
    },
    flag: (name) => values[name] === true,
  };
}
