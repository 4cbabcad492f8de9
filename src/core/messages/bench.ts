/** Error messages of `src/bench/`: one function per message (see README.md beside this file). */
export const benchMessages = {
  /** `benchmarkAgainstTeacher` called without options. */
  noOptions: (): string => "benchmarkAgainstTeacher(options): pass { understudy, rows, target?, teacher? }.",
  /** `understudy` that is not a distilled model. */
  notAnUnderstudy: (): string =>
    "benchmarkAgainstTeacher: pass understudy, the model distill() returned (or Understudy.fromJSON restored).",
  /** A regression understudy, which the class-labeling baseline cannot compare with. */
  regressionModel: (): string =>
    "benchmarkAgainstTeacher: the LLM baseline labels classes; this understudy is a regression model.",
  /** No gold label column, given or recorded. */
  noTarget: (): string => 'benchmarkAgainstTeacher: name the gold label column with target: "..." (the understudy has none).',
  /** No rows to benchmark on. */
  noRows: (): string => "benchmarkAgainstTeacher: no rows; pass held-out rows with gold labels.",
  /** A row without its gold label. */
  missingGold: (row: number, target: string): string =>
    `benchmarkAgainstTeacher: row ${row} has no gold label in column ${JSON.stringify(target)}; pass only rows with gold labels.`,
  /** A gold label outside the understudy's labels. */
  unknownGold: (row: number, label: string, labels: readonly string[]): string =>
    `benchmarkAgainstTeacher: row ${row} has gold label ${JSON.stringify(label)}, which is not in the understudy's labels ${JSON.stringify(labels)}.`,
  /** A cascade threshold outside [0, 1] (and not Infinity), or none at all. */
  threshold: (threshold: unknown): string =>
    `benchmarkAgainstTeacher: threshold must be a confidence in [0, 1] (or Infinity), got ${String(threshold)}; the understudy has no cascade threshold, so pass one.`,
  /** A count option (`batchSize`, `concurrency`) that is not a whole number ≥ 1. */
  wholeNumber: (option: string, value: unknown): string =>
    `benchmarkAgainstTeacher: ${option} must be a whole number ≥ 1, got ${value}.`,
  /** No teacher given and none configured by the environment. */
  noTeacher: (): string =>
    "benchmarkAgainstTeacher: no LLM to compare with; pass teacher: openaiTeacher({ model, cacheDir: false }) or set OPENAI_API_KEY / OPENAI_BASE_URL (and UNDERSTUDY_MODEL).",
  /** A row that is not an object. */
  rowNotObject: (row: number): string => `benchmarkAgainstTeacher: rows[${row}] is not an object; pass rows as objects of column values.`,
  /** `formatBenchmark({ format })` that is not text or markdown. */
  format: (format: unknown): string => `formatBenchmark: format must be "text" or "markdown", got ${JSON.stringify(format)}.`,
  /** `formatBenchmark` given something other than a benchmark result. */
  notABenchmark: (): string => "formatBenchmark: pass the result of benchmarkAgainstTeacher.",
};
