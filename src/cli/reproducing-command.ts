import type { Command } from "./command.ts";

/**
 * The command line that reproduces a run: the command with every flag it was given (and the
 * ones whose defaults decide the result, as `extra`), in the command's option order, quoted
 * for a POSIX shell, then a comment naming the data file and the SHA-256 of its bytes, so a
 * reader can check they have the same data. `env` (e.g. `UNDERSTUDY_MODEL`) is put in front.
 *
 * @example
 * reproducingCommand(distillCommand, { data: "loans.csv", task: "Approve?", seed: "3" }, { data: { name: "loans.csv", sha256: "9f86d0…" } });
 * // "understudy distill --data loans.csv --task 'Approve?' --seed 3  # loans.csv sha256 9f86d0…"
 */
export function reproducingCommand(
  command: Command,
  values: Record<string, string | boolean | undefined>,
  context: { data: { name: string; sha256: string }; extra?: Record<string, string>; env?: Record<string, string> },
): string {
  const given = { ...values, ...context.extra };
  const flags = command.options.flatMap((o) => {
    const value = given[o.name];
    if (value === undefined || value === false) return [];
    return value === true ? [`--${o.name}`] : [`--${o.name}`, shellWord(value)];
  });
  const env = Object.entries(context.env ?? {}).map(([k, v]) => `${k}=${shellWord(v)}`);
  return `${[...env, "understudy", command.name, ...flags].join(" ")}  # ${context.data.name} sha256 ${context.data.sha256}`;
}

/** A word as a POSIX shell reads it back: bare when safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
