/**
 * Recoverable problems (a solver that did not converge, a concept that was dropped) are
 * reported as warnings through a logger instead of thrown. Pass your own to capture them;
 * tests assert on the warnings they expect.
 *
 * @example
 * const warnings: string[] = [];
 * setLogger({ warn: (m) => warnings.push(m) });
 */
export interface Logger {
  warn(message: string): void;
  info?(message: string): void;
}

const consoleLogger: Logger = { warn: (m) => console.warn(`understudy: ${m}`) };
let current: Logger = consoleLogger;

/**
 * Replaces the process-wide logger; returns the previous one so it can be restored.
 * `undefined` restores the default (console.warn with an "understudy:" prefix).
 *
 * @example
 * const warnings: string[] = [];
 * const previous = setLogger({ warn: (m) => warnings.push(m) });
 * new LogisticRegression({ maxIter: 1 }).fit(X, y); // stops early: one warning
 * setLogger(previous);
 */
export function setLogger(logger: Logger | undefined): Logger {
  const previous = current;
  current = logger ?? consoleLogger;
  return previous;
}

/** The logger in force. */
export function logger(): Logger {
  return current;
}
