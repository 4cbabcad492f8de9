/** A number as text: left as it is even when it starts with "-" or "+" (it cannot be a formula). */
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: text starting with `=`, `+`, `-`, `@`,
 * tab or carriage return gets a leading `'` so it is shown, not run, as OWASP's CSV injection
 * guidance says; numbers (`-42`, `1e-3`) are left as they are. Cells with a comma, quote or
 * line break are quoted.
 *
 * @example
 * csvCell("=HYPERLINK(\"http://x\")"); // "\"'=HYPERLINK(\"\"http://x\"\")\""
 * csvCell(-42);                        // "-42"
 * csvCell("-42");                      // "-42"
 * csvCell("-rf");                      // "'-rf"
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value !== "number" && FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
