/** ISO 8601 dates: 2024-03-01, 2024-03-01T09:30, 2024-03-01 09:30:15.250Z, 2024-03-01T09:30+02:00. */
const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A cell as a point in time, in epoch milliseconds: a valid `Date`, or a string in ISO 8601
 * form (a date, optionally with a time and a zone). Times without a zone are read as UTC, so
 * the same file gives the same numbers on every machine. NaN for anything else, including
 * impossible dates ("2024-02-30") and numbers (a year or a count is not a date).
 *
 * @example
 * dateOfCell("2024-03-01");            // 1709251200000
 * dateOfCell("2024-03-01 09:30");      // 1709285400000 (UTC)
 * dateOfCell(new Date(0));             // 0
 * dateOfCell("March 1st");             // NaN
 */
export function dateOfCell(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v !== "string") return NaN;
  const m = ISO_DATE.exec(v.trim());
  if (!m) return NaN;
  const [, day, time, zone] = m;
  const t = Date.parse(`${day}T${time ?? "00:00"}${zone ?? "Z"}`);
  // Date.parse rolls impossible days over (2024-02-30 → March 1) in some engines: check the day survived.
  if (Number.isNaN(t) || (zone === undefined && new Date(t).toISOString().slice(0, 10) !== day)) return NaN;
  return t;
}
