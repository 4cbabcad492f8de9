/**
 * What the teacher sees of a row: the row itself when it is a string; otherwise the chosen
 * fields (all fields when none are chosen) as an object — except that one chosen field
 * holding a string comes back as that bare string, so the prompt shows just the text.
 *
 * @example
 * rowContent({ id: 7, body: "WIN $$$", n: 2 }, ["body", "n"]); // { body: "WIN $$$", n: 2 }
 * rowContent({ id: 7, body: "WIN $$$", label: "spam" }, ["body"]); // "WIN $$$"
 */
export function rowContent(row: unknown, fields?: readonly string[]): unknown {
  if (row == null || typeof row !== "object") return row;
  const record = row as Record<string, unknown>;
  const keys = fields?.length ? fields : Object.keys(record);
  const out: Record<string, unknown> = {};
  for (const k of keys) if (Object.hasOwn(record, k)) out[k] = record[k];
  return fields?.length === 1 && typeof out[fields[0]] === "string" ? out[fields[0]] : out;
}

/**
 * The row's content as one string, for similarity and TF-IDF: a string row as is, anything
 * else as the JSON of {@link rowContent}.
 *
 * @example
 * rowText({ id: 7, body: "WIN $$$" }, ["body"]); // "WIN $$$"
 * rowText({ a: 1, b: 2 });                       // '{"a":1,"b":2}'
 */
export function rowText(row: unknown, fields?: readonly string[]): string {
  const c = rowContent(row, fields);
  return typeof c === "string" ? c : JSON.stringify(c) ?? "";
}
