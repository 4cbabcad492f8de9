/**
 * The value of `column` in a row object, or undefined when the row has no such own property.
 * A plain `row[column]` would hand back an Object method for a row that lacks a column
 * named "constructor", "toString" or "valueOf".
 *
 * @example
 * cellOf({ age: 41 }, "age");          // 41
 * cellOf({ age: 41 }, "constructor");  // undefined (not Object)
 */
export function cellOf(row: unknown, column: string): unknown {
  return row !== null && typeof row === "object" && Object.hasOwn(row, column) ? (row as Record<string, unknown>)[column] : undefined;
}
